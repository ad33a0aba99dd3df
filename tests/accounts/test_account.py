"""The account page: profile, password change, e-mail change, ending other sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from hub.accounts.models import AccountToken
from hub.db import utcnow
from tests.accounts.helpers import NEW_PASSWORD, signed_in_as
from tests.conftest import link_from
from tests.factories import PASSWORD


def sign_in_elsewhere(app, user):
    """A second browser, signed in as `user`."""
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    assert other.get("/account").status_code == 200
    return other


def profile(**overrides) -> dict:
    data = {
        "display_name": "Αθηνά Παπαδοπούλου",
        "locale": "el",
        "timezone": "Europe/Athens",
        "town": "",
        "languages-0-language": "el",
        "languages-0-level": "native",
        "languages-1-language": "tr",
        "languages-1-level": "A2",
        "languages-2-language": "",
        "languages-2-level": "",
    }
    data.update(overrides)
    return data


# --- profile -------------------------------------------------------------------------------

def test_account_page_shows_the_profile(client, login_as, make_user, make_town):
    town = make_town("Kadıköy", country="TR", timezone="Europe/Istanbul")
    user = make_user(
        display_name="Şükrü Işıkoğlu", town=town, languages={"tr": "native", "de": "B2"}
    )
    login_as(user)
    response = client.get("/account")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>" in html
    assert 'value="Şükrü Işıkoğlu"' in html
    assert user.email in html
    assert f'<option selected value="{town.id}">' in html
    assert '<option selected value="Europe/Istanbul">' in html
    assert '<option selected value="B2">' in html
    assert '<option selected value="native">' in html


def test_profile_update(client, db, login_as, make_user, make_town):
    town = make_town("Θεσσαλονίκη", latin_name="Thessaloniki", country="GR")
    user = login_as(make_user(languages={"de": "C1", "en": "B2"}))
    response = client.post("/account", data=profile(town=str(town.id)))
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    db.session.refresh(user)
    assert user.display_name == "Αθηνά Παπαδοπούλου"
    assert user.locale == "el"
    assert user.timezone == "Europe/Athens"
    assert user.town_id == town.id
    assert {lang.language: lang.level for lang in user.languages} == {"el": "native", "tr": "A2"}
    html = client.get("/account").get_data(as_text=True)
    assert '<html lang="el"' in html
    assert 'value="Αθηνά Παπαδοπούλου"' in html


def test_profile_keeps_a_language_and_changes_its_level(client, db, login_as, make_user):
    user = login_as(make_user(languages={"tr": "B1", "en": "A2"}))
    data = profile(**{
        "languages-0-language": "tr", "languages-0-level": "C1",
        "languages-1-language": "de", "languages-1-level": "B2",
    })
    assert client.post("/account", data=data).status_code == 303
    db.session.refresh(user)
    assert {lang.language: lang.level for lang in user.languages} == {"tr": "C1", "de": "B2"}


BAD_PROFILES = {
    "timezone": {"timezone": "Mars/Olympus_Mons"},
    "locale": {"locale": "tlh"},
    "name": {"display_name": " "},
    "town": {"town": "424242"},
    "level": {"languages-2-language": "fr"},
    "twice": {"languages-2-language": "el", "languages-2-level": "C2"},
}


@pytest.mark.parametrize("bad", BAD_PROFILES.values(), ids=BAD_PROFILES.keys())
def test_bad_profile_is_refused(client, db, login_as, make_user, bad):
    user = login_as(make_user(display_name="Ivan Petrov"))
    response = client.post("/account", data=profile(**bad))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    if "display_name" not in bad:
        assert 'value="Αθηνά Παπαδοπούλου"' in html  # what was typed is kept
    db.session.refresh(user)
    assert user.display_name == "Ivan Petrov"
    assert user.languages == []


def test_profile_without_csrf_is_refused(client, db, login_as, make_user):
    user = login_as(make_user(display_name="Ivan Petrov"))
    assert client.post("/account", data=profile(), csrf=False).status_code == 400
    db.session.refresh(user)
    assert user.display_name == "Ivan Petrov"


def test_htmx_profile_save(client, login_as, make_user):
    login_as(make_user())
    boosted = {"HX-Boosted": "true"}
    bad = client.htmx_post("/account", data=profile(timezone="Nowhere"), headers=boosted)
    assert bad.status_code == 422
    assert "<html" in bad.get_data(as_text=True)
    good = client.htmx_post("/account", data=profile(), headers=boosted)
    assert good.status_code == 204
    assert good.headers["HX-Redirect"] == "/account"


# --- password ------------------------------------------------------------------------------

def change(current=PASSWORD, password=NEW_PASSWORD, confirm=None) -> dict:
    return {"current": current, "password": password, "confirm": confirm or password}


def test_change_password_ends_other_sessions_but_keeps_this_one(
    client, app, db, outbox, make_user
):
    user = make_user("kemal@example.org", locale="de")
    client.post("/login", data={"email": "kemal@example.org", "password": PASSWORD})
    elsewhere = sign_in_elsewhere(app, user)

    response = client.post("/account/password", data=change())
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/account").status_code == 200
    assert signed_in_as(client) == user.get_id()
    gone = elsewhere.get("/account")
    assert gone.status_code == 303
    assert gone.headers["Location"].startswith("/login")
    [notice] = outbox("kemal@example.org")
    assert notice.locale == "de"


def remembered(email: str) -> dict:
    return {"email": email, "password": PASSWORD, "remember": "y"}


def test_change_password_renews_the_remember_me_cookie(client, make_user):
    make_user("remember@example.org")
    client.post("/login", data=remembered("remember@example.org"))
    response = client.post("/account/password", data=change())
    assert "remember_token=" in " ".join(response.headers.getlist("Set-Cookie"))


def test_old_remember_me_cookie_stops_working(client, app, make_user):
    make_user("cookie@example.org")
    other = app.test_client()
    other.post("/login", data=remembered("cookie@example.org"))
    with other.session_transaction() as session:
        session.clear()  # the browser was closed: only the remember-me cookie is left
    assert other.get("/account").status_code == 200  # the cookie signs it in again

    client.post("/login", data={"email": "cookie@example.org", "password": PASSWORD})
    client.post("/account/password", data=change())
    with other.session_transaction() as session:
        session.clear()
    assert other.get("/account").status_code == 303


@pytest.mark.parametrize(
    "data",
    [change(current="wrong-password-1"), change(password="short"), change(confirm="not-the-same-1"),
     change(password="iloveyou2024")],
    ids=["current", "short", "mismatch", "common"],
)
def test_bad_password_change_is_refused(client, db, outbox, login_as, make_user, data):
    user = login_as(make_user())
    response = client.post("/account/password", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    assert data["password"] not in html and data["current"] not in html
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
    assert user.session_version == 1
    assert outbox() == []


def test_password_change_is_rate_limited(client, app, monkeypatch, login_as, make_user):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "3 per minute")
    login_as(make_user())
    for _ in range(3):
        response = client.post("/account/password", data=change(current="guess-1234"))
        assert response.status_code == 422
    assert client.post("/account/password", data=change()).status_code == 429


# --- ending other sessions -----------------------------------------------------------------

def test_sign_out_everywhere_else(client, app, db, login_as, make_user):
    user = login_as(make_user())
    elsewhere = sign_in_elsewhere(app, user)
    response = client.post("/account/sessions/end")
    assert response.status_code == 303
    assert client.get("/account").status_code == 200
    assert elsewhere.get("/account").status_code == 303
    db.session.refresh(user)
    assert user.session_version == 2


def test_sign_out_everywhere_needs_sign_in_and_csrf(client, login_as, make_user):
    response = client.post("/account/sessions/end")
    assert response.headers["Location"].startswith("/login")
    login_as(make_user())
    assert client.post("/account/sessions/end", csrf=False).status_code == 400


# --- e-mail address ------------------------------------------------------------------------

def test_change_email_flow(client, db, outbox, login_as, make_user):
    user = login_as(make_user("old@example.org", locale="bg"))
    response = client.post(
        "/account/email", data={"new_email": " New@Example.org ", "current": PASSWORD}
    )
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.email == "old@example.org"  # not before the new address is confirmed
    [confirm] = outbox("new@example.org")
    assert confirm.locale == "bg"
    link = link_from(confirm.body_text, "/account/email/")

    applied = client.get(link)
    assert applied.status_code == 303
    db.session.refresh(user)
    assert user.email == "new@example.org"
    assert user.is_verified
    [notice] = outbox("old@example.org")
    assert notice.locale == "bg"
    assert "new@example.org" in notice.body_text

    assert client.get(link).status_code == 400  # single use
    client.post("/logout")
    login = client.post("/login", data={"email": "new@example.org", "password": PASSWORD})
    assert login.status_code == 303


def test_change_email_to_a_taken_address_sends_nothing(client, db, outbox, login_as, make_user):
    make_user("someone@example.org")
    user = login_as(make_user("me@example.org"))
    response = client.post(
        "/account/email", data={"new_email": "someone@example.org", "current": PASSWORD}
    )
    assert response.status_code == 303
    assert outbox() == []
    db.session.refresh(user)
    assert user.email == "me@example.org"


def test_change_email_when_address_was_taken_meanwhile(client, db, outbox, login_as, make_user):
    user = login_as(make_user("first@example.org"))
    client.post("/account/email", data={"new_email": "wanted@example.org", "current": PASSWORD})
    link = link_from(outbox("wanted@example.org")[0].body_text, "/account/email/")
    make_user("wanted@example.org")
    response = client.get(link)
    assert response.status_code == 409
    db.session.refresh(user)
    assert user.email == "first@example.org"


def test_expired_email_change_link(client, db, outbox, login_as, make_user):
    user = login_as(make_user("stay@example.org"))
    client.post("/account/email", data={"new_email": "later@example.org", "current": PASSWORD})
    link = link_from(outbox("later@example.org")[0].body_text, "/account/email/")
    db.session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 400
    assert 'href="/account/email"' in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email == "stay@example.org"


@pytest.mark.parametrize(
    "data",
    [{"new_email": "x@example.org", "current": "wrong-password"},
     {"new_email": "not an address", "current": PASSWORD},
     {"new_email": "Same@Example.org", "current": PASSWORD}],
    ids=["password", "address", "same"],
)
def test_bad_email_change(client, db, outbox, login_as, make_user, data):
    login_as(make_user("same@example.org"))
    response = client.post("/account/email", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    assert f'value="{data["new_email"]}"' in html
    assert data["current"] not in html
    assert outbox() == []
    assert db.session.scalar(select(func.count()).select_from(AccountToken)) == 0


def test_email_change_needs_sign_in(client, outbox):
    response = client.post("/account/email", data={"new_email": "a@example.org", "current": "x"})
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/login")
    assert outbox() == []

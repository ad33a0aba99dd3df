"""Registration and e-mail verification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from hub.accounts.models import AccountToken, User
from hub.db import utcnow
from tests.accounts.helpers import NEW_PASSWORD, flashes, registration, signed_in_as
from tests.conftest import link_from
from tests.helpers import said_by_template

CONFIRM = "Please confirm your e-mail address: we sent you a link."


def users(db) -> list[User]:
    db.session.expire_all()
    return list(db.session.scalars(select(User).order_by(User.id)))


def test_register_page_offers_the_form(client):
    response = client.get("/register", headers={"Accept-Language": "el"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>" in html
    assert 'autocomplete="new-password"' in html
    assert 'autocomplete="email"' in html
    # The current UI language is the default preferred language.
    assert '<option selected value="el">' in html
    # Three rows of spoken languages, each labelled.
    for n in range(3):
        assert f'<label for="languages-{n}-language">' in html
        assert f'<label for="languages-{n}-level">' in html


def test_register_creates_account_and_sends_link_in_chosen_language(
    client, db, outbox, make_town
):
    town = make_town("Nilüfer", country="TR")
    response = client.post(
        "/register",
        data=registration(email="  Ayse.Yilmaz@Example.ORG ", town=str(town.id)),
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"

    [user] = users(db)
    assert user.email == "ayse.yilmaz@example.org"
    assert user.display_name == "Ayşe Yılmaz"
    assert user.locale == "tr"
    assert user.town_id == town.id
    assert user.timezone == "Europe/Istanbul"
    assert user.verified_at is None
    assert {lang.language: lang.level for lang in user.languages} == {"tr": "native", "de": "B1"}
    assert user.check_password(NEW_PASSWORD)
    # Nobody is signed in by registering (that would tell a new address from a known one).
    assert signed_in_as(client) is None
    assert "ayse.yilmaz@example.org" in flashes(client)[0]

    [message] = outbox("ayse.yilmaz@example.org")
    assert message.locale == "tr"
    path = link_from(message.body_text, "/verify/")
    raw = path.rsplit("/", 1)[1]
    token = db.session.scalar(select(AccountToken))
    assert token.purpose == "verify"
    assert token.token_hash == AccountToken.hash(raw) != raw  # only the hash is stored


def test_home_asks_new_user_to_confirm(client, db, login_as):
    client.post("/register", data=registration(locale="en"))
    [user] = users(db)
    login_as(user)
    html = client.get("/").get_data(as_text=True)
    assert said_by_template(user.locale, CONFIRM) in html
    assert "Ayşe Yılmaz" in html


@pytest.mark.parametrize(
    "country, zone, expected",
    [
        ("DE", "Europe/Berlin", "Europe/Berlin"),
        ("FR", None, "Europe/Paris"),
        ("TR", None, "Europe/Istanbul"),
    ],
)
def test_time_zone_follows_the_town(client, db, make_town, country, zone, expected):
    town = make_town(country=country, timezone=zone)
    client.post("/register", data=registration(town=str(town.id)))
    assert users(db)[0].timezone == expected


def test_time_zone_without_town_is_the_hub_default(client, db, app):
    client.post("/register", data=registration(town=""))
    assert users(db)[0].timezone == app.config["HUB_DEFAULT_TIMEZONE"]


@pytest.mark.parametrize("name", ["Şükrü Işıkoğlu", "Αθηνά", "Стефан Йорданов"])
def test_names_in_any_script_survive_registration(client, db, name, login_as):
    client.post("/register", data=registration(display_name=name, email="name@example.org"))
    assert users(db)[0].display_name == name
    login_as(users(db)[0])
    html = client.get("/account").get_data(as_text=True)
    assert f'value="{name}"' in html


def test_registering_a_taken_address_reveals_nothing(client, app, db, outbox, make_user):
    owner = make_user("taken@example.org", display_name="Gülşen Öztürk", locale="de")
    other = app.test_client()

    taken = client.post("/register", data=registration(email="Taken@example.org"))
    fresh = other.post("/register", data=registration(email="fresh@example.org"))

    assert taken.status_code == fresh.status_code == 303
    assert taken.headers["Location"] == fresh.headers["Location"]
    assert taken.get_data() == fresh.get_data()
    assert [m.replace("taken@", "X@") for m in flashes(client)] == [
        m.replace("fresh@", "X@") for m in flashes(other)
    ]
    # Nothing created or changed for the taken address; its owner is told, in their language.
    assert db.session.scalar(select(func.count()).select_from(User)) == 2
    db.session.refresh(owner)
    assert owner.display_name == "Gülşen Öztürk"
    assert not owner.check_password(NEW_PASSWORD)
    assert signed_in_as(client) is None
    [notice] = outbox("taken@example.org")
    assert notice.locale == "de"
    assert "/reset-password" in notice.body_text
    assert "/verify/" not in notice.body_text


BAD_REGISTRATIONS = {
    "email": {"email": "not-an-address"},
    "display_name": {"display_name": ""},
    "password": {"password": "short", "confirm": "short"},
    "confirm": {"confirm": "something-else-entirely"},
    "common password": {"password": "Password123!", "confirm": "Password123!"},
    "name in password": {"password": "ayseyilmaz99", "confirm": "ayseyilmaz99"},
    "site word": {"password": "twinning-2024", "confirm": "twinning-2024"},
    "locale": {"locale": "xx"},
    "town": {"town": "999999"},
    "level missing": {"languages-2-language": "fr", "languages-2-level": ""},
    "language twice": {"languages-2-language": "de", "languages-2-level": "C1"},
}


@pytest.mark.parametrize("bad", BAD_REGISTRATIONS.values(), ids=BAD_REGISTRATIONS.keys())
def test_bad_registration_is_refused_and_keeps_input(client, db, outbox, bad):
    data = registration(**bad)
    response = client.post("/register", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    assert 'aria-invalid="true"' in html or "language" in str(bad)
    if "display_name" not in bad:
        assert 'value="Ayşe Yılmaz"' in html
    if "password" not in bad and "confirm" not in bad:
        assert NEW_PASSWORD not in html
    assert users(db) == []
    assert outbox() == []
    assert signed_in_as(client) is None


def test_registration_without_csrf_token_is_refused(client, db):
    response = client.post("/register", data=registration(), csrf=False)
    assert response.status_code == 400
    assert users(db) == []


def test_registration_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "3 per minute")
    for n in range(3):
        assert client.post("/register", data={"email": f"x{n}"}).status_code == 422
    response = client.post("/register", data={"email": "x"})
    assert response.status_code == 429
    assert '<html lang="en"' in response.get_data(as_text=True)
    assert client.get("/register").status_code == 200  # only POSTs count


def test_htmx_registration_with_errors_gets_the_whole_page(client):
    response = client.htmx_post(
        "/register", data=registration(email="nope"), headers={"HX-Boosted": "true"}
    )
    assert response.status_code == 422
    assert "<html" in response.get_data(as_text=True)


def test_htmx_registration_success_redirects_on_the_client(client):
    response = client.htmx_post("/register", data=registration(), headers={"HX-Boosted": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/login"


def test_signed_in_user_is_sent_home_from_register(client, login_as, make_user):
    login_as(make_user())
    response = client.get("/register")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


# --- verification --------------------------------------------------------------------------

def _register_and_get_link(client, outbox) -> str:
    client.post("/register", data=registration(locale="en"))
    return link_from(outbox()[-1].body_text, "/verify/")


def test_verification_link_confirms_the_address_once(client, db, outbox):
    link = _register_and_get_link(client, outbox)
    response = client.get(link)
    assert response.status_code == 303
    [user] = users(db)
    assert user.verified_at is not None
    assert signed_in_as(client) == user.get_id()  # the link proves ownership and signs in
    assert said_by_template(user.locale, CONFIRM) not in client.get("/").get_data(as_text=True)

    again = client.get(link)
    assert again.status_code == 400
    assert "<h1" in again.get_data(as_text=True)


def test_verification_works_when_signed_out(client, db, outbox):
    link = _register_and_get_link(client, outbox)
    client.post("/logout")
    assert client.get(link).status_code == 303
    assert users(db)[0].is_verified


def test_expired_verification_link_offers_a_new_one(client, db, outbox, login_as):
    link = _register_and_get_link(client, outbox)
    db.session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 400
    visitor = "en"  # signed out, no Accept-Language
    assert said_by_template(visitor, "Sign in to send a new link") in (
        response.get_data(as_text=True)
    )
    login_as(users(db)[0])
    html = client.get(link).get_data(as_text=True)
    assert 'action="/verify/resend"' in html
    assert users(db)[0].verified_at is None


def test_unknown_verification_link_is_not_found(client):
    response = client.get("/verify/no-such-token")
    assert response.status_code == 404
    assert "/login?next=" in response.get_data(as_text=True)  # sign in to ask for a new link


def test_resend_verification_sends_a_new_link(client, db, outbox, login_as, make_user):
    user = make_user(verified=False, locale="bg")
    login_as(user)
    response = client.post("/verify/resend")
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    [message] = outbox(user.email)
    assert message.locale == "bg"
    assert client.get(link_from(message.body_text, "/verify/")).status_code == 303
    db.session.refresh(user)
    assert user.is_verified


def test_resend_for_verified_user_sends_nothing(client, outbox, login_as, make_user):
    login_as(make_user(verified=True))
    assert client.post("/verify/resend").status_code == 303
    assert outbox() == []


def test_resend_requires_sign_in(client):
    response = client.post("/verify/resend")
    assert response.status_code == 303
    assert response.headers["Location"].partition("?")[0] == "/login"


def test_resend_is_rate_limited(client, app, monkeypatch, login_as, make_user):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "3 per minute")
    login_as(make_user(verified=False))
    for _ in range(3):
        assert client.post("/verify/resend").status_code == 303
    assert client.post("/verify/resend").status_code == 429

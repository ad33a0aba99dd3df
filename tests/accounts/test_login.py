"""Signing in and out, `next`, remember-me, enumeration and the login-required pages."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from hub.accounts import services
from hub.db import utcnow
from tests.accounts.helpers import flashes, signed_in_as, without_tokens
from tests.factories import PASSWORD
from tests.helpers import said_by_template


def credentials(email: str, password: str = PASSWORD, **extra) -> dict:
    return {"email": email, "password": password, **extra}


def test_login_page(client):
    response = client.get("/login")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>" in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'for="email"' in html and 'for="password"' in html
    assert '<label class="checkbox"><input id="remember"' in html


def test_login_page_in_turkish(client):
    response = client.get("/login", headers={"Accept-Language": "tr-TR,tr;q=0.9"})
    html = response.get_data(as_text=True)
    assert '<html lang="tr"' in html


def test_login_matches_email_case_insensitively_and_goes_home(client, make_user):
    user = make_user("mehmet.oz@example.org", display_name="Mehmet Öz")
    response = client.post("/login", data=credentials("  Mehmet.Oz@EXAMPLE.org "))
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert signed_in_as(client) == user.get_id()
    assert "Mehmet Öz" in client.get("/").get_data(as_text=True)


def test_login_uses_the_profile_language(client, make_user):
    make_user("eleni@example.org", locale="el")
    client.post("/login", data=credentials("eleni@example.org"))
    with client.session_transaction() as session:
        assert session["locale"] == "el"
    assert '<html lang="el"' in client.get("/").get_data(as_text=True)


def test_remember_me_sets_a_cookie_only_when_asked(client, app, make_user):
    make_user("ana@example.org")
    plain = client.post("/login", data=credentials("ana@example.org"))
    assert "remember_token=" not in " ".join(plain.headers.getlist("Set-Cookie"))

    other = app.test_client()
    remembered = other.post("/login", data=credentials("ana@example.org", remember="y"))
    cookie = " ".join(remembered.headers.getlist("Set-Cookie"))
    assert "remember_token=" in cookie
    assert "HttpOnly" in cookie


def _normalised(response, email: str) -> tuple[int, str]:
    html = without_tokens(response.get_data(as_text=True))
    return response.status_code, html.replace(email, "EMAIL")


def test_unknown_address_and_wrong_password_look_the_same(client, app, make_user, monkeypatch):
    make_user("known@example.org")
    spent = []
    real = services.spend_password_time
    monkeypatch.setattr(services, "spend_password_time", lambda p: spent.append(p) or real(p))

    wrong = client.post("/login", data=credentials("known@example.org", "not-the-password"))
    unknown = app.test_client().post(
        "/login", data=credentials("nobody@example.org", "not-the-password")
    )

    assert wrong.status_code == 422
    assert _normalised(wrong, "known@example.org") == _normalised(unknown, "nobody@example.org")
    assert "not-the-password" not in wrong.get_data(as_text=True)
    assert 'value="known@example.org"' in wrong.get_data(as_text=True)  # typed address kept
    # The unknown address still cost a password check (similar timing).
    assert spent == ["not-the-password"]
    assert signed_in_as(client) is None


def test_deleted_user_cannot_sign_in(client, db, make_user):
    user = make_user("gone@example.org")
    user.deleted_at = utcnow()
    db.session.commit()
    response = client.post("/login", data=credentials("gone@example.org"))
    assert response.status_code == 422
    assert signed_in_as(client) is None


def test_suspended_user_may_sign_in_and_read(client, db, make_user):
    user = make_user("paused@example.org")
    user.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    assert client.post("/login", data=credentials("paused@example.org")).status_code == 303
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize("bad", [{"email": ""}, {"email": "not-an-address"}, {"password": ""}])
def test_login_with_missing_fields(client, make_user, bad):
    make_user("field@example.org")
    response = client.post("/login", data={**credentials("field@example.org"), **bad})
    assert response.status_code == 422
    assert 'class="field-errors"' in response.get_data(as_text=True)
    assert signed_in_as(client) is None


def test_login_follows_a_local_next(client, make_user):
    make_user("next@example.org")
    page = client.get("/login?next=/account").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account"' in page
    response = client.post("/login", data=credentials("next@example.org", next="/account"))
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil.example"])
def test_login_refuses_foreign_next(client, make_user, target):
    make_user("safe@example.org")
    page = client.get("/login", query_string={"next": target}).get_data(as_text=True)
    assert '<input id="next" name="next" type="hidden" value="">' in page
    response = client.post("/login", data=credentials("safe@example.org", next=target))
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_signed_in_user_visiting_login_goes_on(client, login_as, make_user):
    login_as(make_user())
    response = client.get("/login?next=/account")
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"


def test_login_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "3 per minute")
    for _ in range(3):
        assert client.post("/login", data=credentials("x@example.org", "guess")).status_code == 422
    response = client.post("/login", data=credentials("x@example.org", "guess"))
    assert response.status_code == 429


def test_login_without_csrf_token_is_refused(client, make_user):
    make_user("csrf@example.org")
    response = client.post("/login", data=credentials("csrf@example.org"), csrf=False)
    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_htmx_login_error_gets_the_page_and_success_a_client_redirect(client, make_user):
    make_user("hx@example.org")
    failed = client.htmx_post(
        "/login", data=credentials("hx@example.org", "wrong"), headers={"HX-Boosted": "true"}
    )
    assert failed.status_code == 422
    assert "<html" in failed.get_data(as_text=True)
    done = client.htmx_post(
        "/login",
        data=credentials("hx@example.org", next="/account"),
        headers={"HX-Boosted": "true"},
    )
    assert done.status_code == 204
    assert done.headers["HX-Redirect"] == "/account"


def test_logout_ends_the_session(client, login_as, make_user):
    login_as(make_user())
    response = client.post("/logout")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert signed_in_as(client) is None
    assert flashes(client)


def test_logout_needs_post(client, login_as, make_user):
    user = login_as(make_user())
    assert client.get("/logout").status_code == 405
    assert signed_in_as(client) == user.get_id()


def test_logout_without_csrf_token_is_refused(client, login_as, make_user):
    user = login_as(make_user())
    assert client.post("/logout", csrf=False).status_code == 400
    assert signed_in_as(client) == user.get_id()


@pytest.mark.parametrize("path", ["/account", "/account/password", "/account/email"])
def test_login_required_pages_send_visitors_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": [path]}


def test_login_required_with_htmx_uses_client_redirect(client):
    response = client.htmx_get("/account")
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login?next=")


def test_full_journey_register_verify_logout_login(client, outbox):
    from tests.accounts.helpers import NEW_PASSWORD, registration
    from tests.conftest import link_from

    reader = "en"
    client.post("/register", data=registration(email="journey@example.org", locale=reader))
    client.get(link_from(outbox()[-1].body_text, "/verify/"))
    client.post("/logout")
    assert signed_in_as(client) is None
    response = client.post("/login", data=credentials("journey@example.org", NEW_PASSWORD))
    assert response.status_code == 303
    html = client.get("/").get_data(as_text=True)
    assert "Ayşe Yılmaz" in html
    confirm = said_by_template(reader, "Please confirm your e-mail address: we sent you a link.")
    assert confirm not in html


def test_addresses_are_stored_lower_cased_whoever_writes_them(client, make_user):
    user = make_user(" Mixed.Case@Example.ORG ")
    assert user.email == "mixed.case@example.org"
    response = client.post("/login", data=credentials("MIXED.case@example.org"))
    assert response.status_code == 303


def test_form_sent_while_signed_out_comes_back_to_the_page_that_showed_it(client):
    """A POST-only URL must not become `next` (it would answer 405 after signing in)."""
    response = client.post("/account/sessions/end", headers={"Referer": "http://localhost/account?tab=1"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=/account?tab%3D1"
    without_referrer = client.post("/account/sessions/end")
    assert without_referrer.headers["Location"] == "/login"

"""Home page, health check, language switcher, error pages and the htmx contract."""

from __future__ import annotations

import pytest

from tests.helpers import said


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_database_fails(client, monkeypatch, db):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "error"


def test_home_for_visitor_offers_registration(client, make_partnership):
    make_partnership(name="Nilüfer – Darmstadt")
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Nilüfer – Darmstadt" in html
    assert "/register" in html


def test_home_lists_my_partnerships(client, login_as, make_user, make_partnership, make_membership):
    user = make_user(display_name="Ayşe Yılmaz")
    p = make_partnership(name="Çankaya – Lyon")
    make_membership(user, p)
    login_as(user)
    html = client.get("/").get_data(as_text=True)
    assert "Ayşe Yılmaz" in html
    assert "Çankaya – Lyon" in html


def test_pages_vary_on_hx_request(client):
    response = client.get("/")
    assert "HX-Request" in response.headers.get("Vary", "")


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "locale, expected", [("tr", 'lang="tr"'), ("de", 'lang="de"'), ("el", 'lang="el"')]
)
def test_language_switcher_sets_locale_and_keeps_page(client, locale, expected):
    response = client.post("/language", data={"locale": locale, "next": "/towns?country=TR"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/towns?country=TR"
    assert expected in client.get("/").get_data(as_text=True)


def test_language_switcher_refuses_foreign_next(client):
    response = client.post("/language", data={"locale": "tr", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_language_switcher_with_htmx_uses_client_redirect(client):
    response = client.htmx_post("/language", data={"locale": "tr", "next": "/towns"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/towns"


def test_language_switcher_updates_profile(client, login_as, make_user, db):
    user = make_user(locale="en")
    login_as(user)
    client.post("/language", data={"locale": "pl", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "pl"


def test_language_switcher_ignores_unknown_locale(client):
    client.post("/language", data={"locale": "xx", "next": "/"})
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_accept_language_picks_locale(client):
    headers = {"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"}
    html = client.get("/", headers=headers).get_data(as_text=True)
    assert '<html lang="tr"' in html


def test_switcher_lists_all_25_locales_by_native_name(client):
    html = client.get("/").get_data(as_text=True)
    for name in ("Türkçe", "Ελληνικά", "Български", "Deutsch", "Gaeilge", "Malti", "Polski"):
        assert name in html
    assert html.count('<option value="') >= 25


def test_csrf_missing_token_is_refused(client):
    response = client.post("/language", data={"locale": "tr", "next": "/"}, csrf=False)
    assert response.status_code == 400
    assert '<html lang="en"' in response.get_data(as_text=True)


def test_not_found_page_is_translated(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "tr"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert '<html lang="tr"' in html


def test_not_found_fragment_for_targeted_htmx(client):
    response = client.htmx_get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert 'class="error-page"' in html


def test_not_found_full_page_for_boosted_htmx(client):
    response = client.htmx_get("/no-such-page", boosted=True)
    assert "<html" in response.get_data(as_text=True)


def test_too_large_request_gets_translated_413(app, client):
    original = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    try:
        response = client.post(
            "/language", data={"locale": "tr", "next": "/", "blob": "x" * 4096},
            headers={"Accept-Language": "de"},
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = original
    assert response.status_code == 413
    assert '<html lang="de"' in response.get_data(as_text=True)


def test_unexpected_error_gets_friendly_500_page():
    from hub import create_app

    app = create_app({"ENV_NAME": "testing", "TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom", headers={"Accept-Language": "tr"})
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert '<html lang="tr"' in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html
def test_lazy_labels_are_escaped(app):
    from flask import render_template_string

    from hub.taxonomy import THEMES
    with app.test_request_context():
        html = render_template_string("{{ t }}", t=THEMES["research"])
    assert html == said("en", "Research & development")  # the request has no Accept-Language


def test_turkish_login_page_really_is_turkish(client):
    html = client.get("/login", headers={"Accept-Language": "tr"}).get_data(as_text=True)
    assert '<html lang="tr"' in html
    assert "Giriş" in html
    assert "Sign in" not in html


def test_german_page_after_switching_language(client):
    client.post("/language", data={"locale": "de", "next": "/"})
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="de"' in html

"""Configuration: production refuses a weak secret key; session cookies are locked down."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from hub import create_app
from hub.config import DEFAULT_SECRET_KEY, ROOT

START_PRODUCTION = """
from hub import create_app
try:
    app = create_app("production")
except RuntimeError as error:
    print("REFUSED:", error)
    raise SystemExit(3)
print("STARTED secure-cookie=%s" % app.config["SESSION_COOKIE_SECURE"])
"""


def start_production(secret_key: str | None) -> subprocess.CompletedProcess:
    """Start the production app in a fresh interpreter, as gunicorn would, with this SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "HUB_ENV"}}
    env.update(DATABASE_URL="sqlite://", HUB_ENV="production")
    env.pop("SESSION_COOKIE_SECURE", None)
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", START_PRODUCTION],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )


@pytest.mark.parametrize(
    "secret_key",
    [None, "", DEFAULT_SECRET_KEY, "short-but-not-empty", "x" * 31],
    ids=["missing", "empty", "default", "short", "31-chars"],
)
def test_production_refuses_weak_secret_key(secret_key):
    result = start_production(secret_key)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "SECRET_KEY must be set" in result.stdout


def test_production_starts_with_long_random_secret_key():
    result = start_production(secrets.token_urlsafe(48))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "STARTED secure-cookie=True" in result.stdout


def test_production_refusal_in_process():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": DEFAULT_SECRET_KEY})


def set_cookie_headers(app) -> list[str]:
    """The Set-Cookie headers of a page that puts a CSRF token in the session."""
    response = app.test_client().get("/no-such-page")
    assert response.status_code == 404
    return response.headers.getlist("Set-Cookie")


@pytest.fixture
def production_app():
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )
    with app.app_context():
        yield app


def test_production_session_cookie_is_secure_httponly_lax(production_app):
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    (cookie,) = [c for c in set_cookie_headers(production_app) if c.startswith("session=")]
    assert "; Secure" in cookie
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie


def test_development_session_cookie_is_httponly_lax(app):
    (cookie,) = [c for c in set_cookie_headers(app) if c.startswith("session=")]
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie
    assert "; Secure" not in cookie

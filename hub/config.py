"""Configuration: defaults that run on one machine, everything overridable from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production by check_production()


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'hub.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    HUB_STORAGE_DIR = os.environ.get("HUB_STORAGE_DIR", str(ROOT / "instance" / "files"))
    REDIS_URL = os.environ.get("REDIS_URL", "")
    MAIL_URL = os.environ.get("MAIL_URL", "")  # smtp://user:pass@host:port ; empty: console
    MAIL_FROM = os.environ.get("MAIL_FROM", "Twinning Hub <no-reply@twinning.example>")
    HUB_BASE_URL = os.environ.get("HUB_BASE_URL", "http://127.0.0.1:5000")
    HUB_DEFAULT_LOCALE = os.environ.get("HUB_DEFAULT_LOCALE", "en")
    HUB_DEFAULT_TIMEZONE = os.environ.get("HUB_DEFAULT_TIMEZONE", "Europe/Istanbul")

    BABEL_DEFAULT_LOCALE = HUB_DEFAULT_LOCALE
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # Library uploads: the request size limit follows HUB_MAX_UPLOAD_MB (plus room for the form).
    HUB_MAX_UPLOAD_MB = int(os.environ.get("HUB_MAX_UPLOAD_MB", 100))
    MAX_CONTENT_LENGTH = (HUB_MAX_UPLOAD_MB + 1) * 1024 * 1024
    HUB_TRASH_DAYS = int(os.environ.get("HUB_TRASH_DAYS", 30))
    HUB_IMAGE_MAX_PIXELS = int(os.environ.get("HUB_IMAGE_MAX_PIXELS", 50_000_000))
    HUB_MAX_UNPACKED_MB = int(os.environ.get("HUB_MAX_UNPACKED_MB", 1024))  # Office/ODF archives
    HUB_MAX_UNPACK_RATIO = int(os.environ.get("HUB_MAX_UNPACK_RATIO", 500))
    HUB_EXTRACT_MAX_CHARS = int(os.environ.get("HUB_EXTRACT_MAX_CHARS", 1_000_000))

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_AUTH = os.environ.get("RATELIMIT_AUTH", "10 per minute;50 per hour")

    TOKEN_TTL_VERIFY = timedelta(days=3)
    TOKEN_TTL_RESET = timedelta(hours=1)
    TOKEN_TTL_INVITATION = timedelta(days=14)
    TOKEN_TTL_EMAIL_CHANGE = timedelta(days=1)

    # Machine translation of content: off unless a provider is configured. DeepL when
    # DEEPL_API_KEY is set, else LibreTranslate (self-hosted) when MT_URL is set.
    MT_URL = os.environ.get("MT_URL", "")
    MT_API_KEY = os.environ.get("MT_API_KEY", "")
    DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
    DEEPL_URL = os.environ.get("DEEPL_URL", "https://api-free.deepl.com")
    MT_TIMEOUT = float(os.environ.get("MT_TIMEOUT", 10))

    # Jobs and e-mail: run in-process after commit unless REDIS_URL says otherwise.
    JOBS_INLINE = not REDIS_URL
    MAIL_MAX_ATTEMPTS = 8


class DevelopmentConfig(Config):
    pass


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_URL = ""
    JOBS_INLINE = True
    HUB_BASE_URL = "http://hub.test"
    MT_URL = ""
    MT_API_KEY = ""
    DEEPL_API_KEY = ""


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestConfig,
    "production": ProductionConfig,
}


def check_production(config: dict) -> None:
    """Refuse to start a production app with a missing or default secret key."""
    key = config.get("SECRET_KEY") or ""
    if key in {"", DEFAULT_SECRET_KEY} or len(key) < 32:
        raise RuntimeError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )

"""Writes for accounts: registration, e-mailed tokens, passwords, e-mail changes, profile.

Services flush and never commit; the view commits once. E-mails go out in the recipient's
language through the outbox, after the commit.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import cache
from zoneinfo import available_timezones

import pytz
from flask import current_app, url_for
from flask_babel import LazyString, format_timedelta
from sqlalchemy import update
from werkzeug.security import check_password_hash, generate_password_hash

from hub.accounts import queries
from hub.accounts.models import AccountToken, User, UserLanguage
from hub.db import utcnow
from hub.extensions import db
from hub.outbox.services import queue_email_to
from hub.towns.models import Town

TTL_CONFIG = {
    "verify": "TOKEN_TTL_VERIFY",
    "reset": "TOKEN_TTL_RESET",
    "email": "TOKEN_TTL_EMAIL_CHANGE",
}


# --- helpers -------------------------------------------------------------------------------

def absolute_url(endpoint: str, **values) -> str:
    return current_app.config["HUB_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def _valid_for(ttl: timedelta) -> LazyString:
    """"3 days", rendered when the e-mail is rendered, so in the recipient's language."""
    return LazyString(format_timedelta, ttl, threshold=1.5)


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def spend_password_time(password: str) -> None:
    """Check a password against a dummy hash, so that "no such account" takes as long as
    "wrong password" and response times do not tell which addresses have accounts."""
    check_password_hash(_dummy_hash(), password)


@cache
def timezone_names() -> frozenset[str]:
    """The IANA zones one may choose (zoneinfo's list without its non-zones)."""
    return frozenset(available_timezones() - {"localtime", "Factory", "posixrules"})


def default_timezone(town: Town | None) -> str:
    """The town's time zone, else its country's main one, else the hub's default."""
    if town is not None:
        if town.timezone and town.timezone in timezone_names():
            return town.timezone
        if town.country.upper() == "TR":
            return "Europe/Istanbul"
        try:
            zones = pytz.country_timezones[town.country.upper()]
        except KeyError:
            zones = []
        if zones and zones[0] in timezone_names():
            return zones[0]
    return current_app.config["HUB_DEFAULT_TIMEZONE"]


def set_languages(user: User, rows: list[tuple[str, str]]) -> None:
    """Replace the user's spoken languages, updating rows in place (language is unique)."""
    wanted = dict(rows)
    for existing in list(user.languages):
        if existing.language in wanted:
            existing.level = wanted.pop(existing.language)
        else:
            user.languages.remove(existing)
    for language, level in wanted.items():
        user.languages.append(UserLanguage(language=language, level=level))


# --- tokens --------------------------------------------------------------------------------

def issue_token(user: User, purpose: str, payload: str | None = None) -> str:
    """Create a single-use token; only its hash is stored. Returns the raw token for the link."""
    raw = secrets.token_urlsafe(32)
    ttl = current_app.config[TTL_CONFIG[purpose]]
    db.session.add(
        AccountToken(
            purpose=purpose,
            token_hash=AccountToken.hash(raw),
            user=user,
            payload=payload,
            expires_at=utcnow() + ttl,
        )
    )
    db.session.flush()
    return raw


def _retire_tokens(user: User, purpose: str) -> None:
    """Mark every still-open token of this purpose used (after one of them did its job)."""
    db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )


def token_usable(token: AccountToken | None) -> bool:
    return token is not None and token.is_usable and token.user.is_active


# --- registration and verification ---------------------------------------------------------

def register(
    *,
    email: str,
    display_name: str,
    password: str,
    locale: str,
    town: Town | None,
    languages: list[tuple[str, str]],
) -> User | None:
    """Create an unverified account and send the confirmation link.

    An address that already has an account gets nothing created; its owner is told by e-mail
    instead (with a way to reset the password). Returns None then; the caller answers exactly
    as for a new account, so that registration cannot be used to probe addresses.
    """
    email = queries.normalize_email(email)
    existing = db.session.scalar(queries.user_by_email(email))
    if existing is not None:
        generate_password_hash(password, method="scrypt")  # the same work as a new account
        if existing.is_active:
            queue_email_to(
                existing, "account_exists",
                user=existing, reset_link=absolute_url("accounts.reset_request"),
                login_link=absolute_url("accounts.login"),
            )
        return None
    user = User(
        email=email,
        display_name=display_name.strip(),
        locale=locale,
        town=town,
        timezone=default_timezone(town),
        session_version=1,
    )
    user.set_password(password)
    set_languages(user, languages)
    db.session.add(user)
    db.session.flush()
    send_verification(user)
    return user


def send_verification(user: User) -> None:
    raw = issue_token(user, "verify")
    queue_email_to(
        user, "verify_email",
        user=user, link=absolute_url("accounts.verify", token=raw),
        valid_for=_valid_for(current_app.config["TOKEN_TTL_VERIFY"]),
    )


def verify_email(token: AccountToken) -> User:
    user = token.user
    if user.verified_at is None:
        user.verified_at = utcnow()
    _retire_tokens(user, "verify")
    token.used_at = utcnow()
    db.session.flush()
    return user


# --- signing in and passwords --------------------------------------------------------------

def authenticate(email: str, password: str) -> User | None:
    """The account for these credentials, or None (unknown, deleted or wrong password alike)."""
    user = db.session.scalar(queries.user_by_email(email))
    if user is None or not user.is_active:
        spend_password_time(password)
        return None
    if not user.check_password(password):
        return None
    return user


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the address has an account; do nothing visible otherwise."""
    user = db.session.scalar(queries.user_by_email(email))
    if user is None or not user.is_active:
        return
    raw = issue_token(user, "reset")
    queue_email_to(
        user, "reset_password",
        user=user, link=absolute_url("accounts.reset_password", token=raw),
        valid_for=_valid_for(current_app.config["TOKEN_TTL_RESET"]),
    )


def _password_changed(user: User, password: str) -> None:
    user.set_password(password)
    user.session_version = (user.session_version or 1) + 1  # ends every session
    queue_email_to(
        user, "password_changed",
        user=user, reset_link=absolute_url("accounts.reset_request"),
    )


def reset_password(token: AccountToken, password: str) -> User:
    """Set a new password from a reset link; the link also proves the address is theirs."""
    user = token.user
    _password_changed(user, password)
    if user.verified_at is None:
        user.verified_at = utcnow()
    _retire_tokens(user, "reset")
    token.used_at = utcnow()
    db.session.flush()
    return user


def change_password(user: User, password: str) -> None:
    _password_changed(user, password)
    db.session.flush()


def end_other_sessions(user: User) -> None:
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


# --- e-mail address change -----------------------------------------------------------------

def request_email_change(user: User, new_email: str) -> None:
    """Send a confirmation link to the new address (nothing if another account has it)."""
    new_email = queries.normalize_email(new_email)
    if db.session.scalar(queries.user_by_email(new_email)) is not None:
        return
    raw = issue_token(user, "email", payload=new_email)
    queue_email_to(
        user, "confirm_email_change", address=new_email,
        user=user, new_email=new_email, link=absolute_url("accounts.confirm_email", token=raw),
        valid_for=_valid_for(current_app.config["TOKEN_TTL_EMAIL_CHANGE"]),
    )


def apply_email_change(token: AccountToken) -> bool:
    """Switch to the confirmed address unless someone took it meanwhile; tell the old one."""
    user = token.user
    new_email = queries.normalize_email(token.payload)
    token.used_at = utcnow()
    taken = db.session.scalar(queries.user_by_email(new_email))
    if not new_email or (taken is not None and taken.id != user.id):
        db.session.flush()
        return False
    old_email = user.email
    user.email = new_email
    user.verified_at = utcnow()
    _retire_tokens(user, "email")
    db.session.flush()
    if old_email != new_email:
        queue_email_to(
            user, "email_changed", address=old_email,
            user=user, old_email=old_email, new_email=new_email,
            reset_link=absolute_url("accounts.reset_request"),
        )
    return True


# --- profile -------------------------------------------------------------------------------

def update_profile(
    user: User,
    *,
    display_name: str,
    locale: str,
    timezone: str,
    town: Town | None,
    languages: list[tuple[str, str]],
) -> None:
    user.display_name = display_name.strip()
    user.locale = locale
    user.timezone = timezone
    user.town = town
    set_languages(user, languages)
    db.session.flush()

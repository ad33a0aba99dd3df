"""Reads for accounts: users by e-mail, tokens, the town list."""

from __future__ import annotations

from sqlalchemy import Select, select

from hub.accounts.models import AccountToken, User
from hub.towns.models import Town


def normalize_email(email: str | None) -> str:
    """E-mail addresses are stored and compared stripped and lower-cased."""
    return (email or "").strip().lower()


def user_by_email(email: str | None) -> Select:
    return select(User).where(User.email == normalize_email(email))


def token_by_raw(raw: str, purpose: str) -> Select:
    return select(AccountToken).where(
        AccountToken.token_hash == AccountToken.hash(raw), AccountToken.purpose == purpose
    )


def towns_for_choice() -> Select:
    return select(Town).order_by(Town.native_name, Town.id)

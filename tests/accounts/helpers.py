"""Shared helpers for the account tests."""

from __future__ import annotations

import re

NEW_PASSWORD = "kestane-kebap-yedi-42"
SIGNED_TOKEN = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}")


def registration(**overrides) -> dict:
    data = {
        "email": "ayse.yilmaz@example.org",
        "display_name": "Ayşe Yılmaz",
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
        "locale": "tr",
        "town": "",
        "languages-0-language": "tr",
        "languages-0-level": "native",
        "languages-1-language": "de",
        "languages-1-level": "B1",
        "languages-2-language": "",
        "languages-2-level": "",
    }
    data.update(overrides)
    return data


def flashes(client) -> list[str]:
    """The flash messages waiting in the client's session (without consuming them)."""
    with client.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def without_tokens(html: str) -> str:
    """A page with its signed CSRF tokens blanked, for comparing two responses."""
    return SIGNED_TOKEN.sub("TOKEN", html)


def signed_in_as(client) -> str | None:
    """The session's user id ("<id>:<session version>"), or None."""
    with client.session_transaction() as session:
        return session.get("_user_id")

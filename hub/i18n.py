"""Locale and time-zone selection, the language list, and rendering in someone else's locale
and time zone (e-mail)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytz
from flask import current_app, has_request_context, request, session
from flask_babel import _get_current_context as _babel_context
from flask_babel import force_locale, get_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import escape

if TYPE_CHECKING:
    from hub.accounts.models import User

# The 25 UI locales: Turkish and the 24 official EU languages, each by its own name.
LOCALES: dict[str, str] = {
    "bg": "Български",
    "cs": "Čeština",
    "da": "Dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "es": "Español",
    "et": "Eesti",
    "fi": "Suomi",
    "fr": "Français",
    "ga": "Gaeilge",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "it": "Italiano",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "mt": "Malti",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "ro": "Română",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "sv": "Svenska",
    "tr": "Türkçe",
}
SESSION_KEY = "locale"


def is_supported(code: str | None) -> bool:
    return bool(code) and code in LOCALES


def select_locale() -> str:
    """User's setting, then the session (language switcher), then Accept-Language, then default."""
    if has_request_context():
        if current_user and current_user.is_authenticated and is_supported(current_user.locale):
            return current_user.locale
        chosen = session.get(SESSION_KEY)
        if is_supported(chosen):
            return chosen
        best = request.accept_languages.best_match(list(LOCALES))
        if best:
            return best
    return current_app.config["HUB_DEFAULT_LOCALE"]


def select_timezone() -> str:
    """The signed-in reader's zone; the hub's default for visitors and outside requests."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return user_timezone(current_user)
    return current_app.config["HUB_DEFAULT_TIMEZONE"]


def user_timezone(user: User) -> str:
    """The zone a person reads times in: their setting; for accounts made before there was one
    (or with a zone this machine does not know), the zone new accounts of their town get."""
    if is_known_timezone(user.timezone):
        return user.timezone
    # Late import: accounts' services send e-mail through the outbox, which imports this module.
    from hub.accounts.services import default_timezone

    return default_timezone(user.town)


def is_known_timezone(name: str | None) -> bool:
    """Whether Flask-Babel (which uses pytz) can format times in this zone."""
    return bool(name) and name in pytz.all_timezones_set


def current_locale_code() -> str:
    return str(get_locale() or current_app.config["HUB_DEFAULT_LOCALE"])


def sorted_locales() -> list[tuple[str, str]]:
    """Locales ordered by their native names, as a switcher lists them."""
    return sorted(LOCALES.items(), key=lambda item: item[1].casefold())


@contextmanager
def as_recipient(locale: str | None, timezone: str | None = None) -> Iterator[None]:
    """Render text (an e-mail) in the recipient's language and time zone, whatever the
    request's (the sender's) or a job's; both are restored afterwards. Unknown or missing
    values fall back to the hub's defaults, never to the sender's."""
    code = locale if is_supported(locale) else current_app.config["HUB_DEFAULT_LOCALE"]
    zone = timezone if is_known_timezone(timezone) else current_app.config["HUB_DEFAULT_TIMEZONE"]
    with force_locale(code), force_timezone(zone):
        yield


@contextmanager
def force_timezone(zone: str) -> Iterator[None]:
    """Flask-Babel's missing companion of force_locale.

    Flask-Babel asks select_timezone once and keeps the answer on its per-request context
    (`babel_tzinfo`), so every date formatted afterwards uses it. Put the wanted zone there
    for the duration, then put back what was there — or nothing, so that a request that had
    not formatted a date yet still asks select_timezone for its own reader afterwards.
    """
    ctx = _babel_context()
    if ctx is None:
        yield
        return
    missing = object()
    before = getattr(ctx, "babel_tzinfo", missing)
    ctx.babel_tzinfo = pytz.timezone(zone)
    try:
        yield
    finally:
        if before is missing:
            vars(ctx).pop("babel_tzinfo", None)
        else:
            ctx.babel_tzinfo = before


def language_name(code: str | None) -> str:
    """The name of a language in the reader's locale (for content languages, CEFR lists)."""
    from babel import Locale

    if not code:
        return ""
    try:
        return Locale.parse(code).get_display_name(current_locale_code()) or code
    except (ValueError, LookupError):
        return code


def turkish_aware_upper(text: str, locale: str | None = None) -> str:
    """Upper-case with the Turkish/Azeri dotted and dotless i rules where the locale needs them."""
    locale = locale or current_locale_code()
    if locale in {"tr", "az"}:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def turkish_aware_lower(text: str, locale: str | None = None) -> str:
    locale = locale or current_locale_code()
    if locale in {"tr", "az"}:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def _escaped_html(self: LazyString) -> str:
    return str(escape(str(self)))


def escape_lazy_strings() -> None:
    """Make lazily translated text escape like any other string in templates and form labels.

    Flask-Babel's LazyString declares itself safe HTML (`__html__` returns the raw text), so
    "Research & development" or a translator's "<" would reach the page unescaped.
    """
    LazyString.__html__ = _escaped_html

"""Locale and time-zone selection, the language list, and rendering in someone else's locale."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import escape

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
    if has_request_context() and current_user and current_user.is_authenticated:
        if current_user.timezone:
            return current_user.timezone
    return current_app.config["HUB_DEFAULT_TIMEZONE"]


def current_locale_code() -> str:
    return str(get_locale() or current_app.config["HUB_DEFAULT_LOCALE"])


def sorted_locales() -> list[tuple[str, str]]:
    """Locales ordered by their native names, as a switcher lists them."""
    return sorted(LOCALES.items(), key=lambda item: item[1].casefold())


@contextmanager
def recipient_locale(locale: str | None) -> Iterator[None]:
    """Render text (an e-mail) in the recipient's language, whatever the request's language."""
    code = locale if is_supported(locale) else current_app.config["HUB_DEFAULT_LOCALE"]
    with force_locale(code):
        yield


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

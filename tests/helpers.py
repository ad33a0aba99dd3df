"""Helpers shared by the tests of every feature."""

from __future__ import annotations

from babel import support
from flask_babel import force_locale, get_translations, gettext, ngettext
from markupsafe import Markup, escape
from wtforms.i18n import messages_path


def said(
    locale: str | None,
    msgid: str,
    plural: str | None = None,
    num: int | None = None,
    **variables,
) -> str:
    """A message as a reader with `locale` sees it in a page: translated and HTML-escaped.

    Pages speak the reader's language, so tests compare with the message in that language.
    """
    with force_locale(locale or "en"):
        message = (
            ngettext(msgid, plural, num, **variables) if plural else gettext(msgid, **variables)
        )
    return str(escape(message))


def _translation(locale: str | None, msgid: str, plural: str | None, num: int | None) -> str:
    with force_locale(locale or "en"):
        translations = get_translations()
        if plural:
            return translations.ungettext(msgid, plural, num)
        return translations.ugettext(msgid)


def said_by_template(
    locale: str | None,
    msgid: str,
    plural: str | None = None,
    num: int | None = None,
    **variables,
) -> str:
    """A message as a page template writes it with `{{ _() }}` or `{% trans %}`.

    Jinja marks the translation itself safe and escapes only the values put into it, so a
    translator's apostrophe ("l'invitation") reaches the page as it is, where said() would
    escape it (messages from Python code, shown with `{{ message }}`, are escaped: use said()).
    """
    if plural:
        variables.setdefault("num", num)
    return str(Markup(_translation(locale, msgid, plural, num)) % variables)


def said_in_text(
    locale: str | None,
    msgid: str,
    plural: str | None = None,
    num: int | None = None,
    **variables,
) -> str:
    """A message as plain text has it, nothing escaped: in an e-mail (rendered in the
    recipient's locale), a CSV file, or as a value put into another message."""
    if plural:
        variables.setdefault("num", num)
    message = _translation(locale, msgid, plural, num)
    return message % variables if variables else message


def said_by_wtforms(
    locale: str | None,
    msgid: str,
    plural: str | None = None,
    num: int | None = None,
    **variables,
) -> str:
    """A message of a WTForms built-in validator or field, as shown next to the field.

    WTForms translates these with its own catalogues (Flask-WTF picks the request's locale), not
    with the hub's: compare with what WTForms says in the reader's language, HTML-escaped.
    """
    translations = support.Translations.load(messages_path(), [locale or "en"], domain="wtforms")
    message = translations.ungettext(msgid, plural, num) if plural else translations.ugettext(msgid)
    return str(escape(message % variables if variables else message))

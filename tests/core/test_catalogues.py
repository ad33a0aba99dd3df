"""Translation catalogues: up to date with the sources, complete and well-formed for tr and en.

When a test here fails after you added or changed a user-visible string:

    make translate-extract translate-update

then translate the new entries of translations/tr/LC_MESSAGES/messages.po (the English catalogue
fills itself). The other locales may stay partly untranslated: untranslated text falls back to
English.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from hub.cli import POT_FILE, TRANSLATIONS, extract_messages
from hub.i18n import LOCALES

COMPLETE_LOCALES = ["tr", "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)")
HINT = "run `make translate-extract translate-update` and translate the new entries"


@cache
def catalogue(path: Path) -> Catalog:
    with path.open("rb") as infile:
        return read_po(infile)


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def key(message: Message) -> tuple:
    return (message.context, message.id)


def keys(catalog: Catalog) -> set[tuple]:
    return {key(m) for m in catalog if m.id}


def messages(locale: str) -> list[Message]:
    return [m for m in catalogue(po_path(locale)) if m.id]


def listing(items) -> str:
    return "\n".join(f"  {item!r}" for item in sorted(items, key=repr))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_pot_is_up_to_date_with_the_sources(tmp_path):
    fresh_pot = tmp_path / "messages.pot"
    extract_messages(fresh_pot)
    fresh = keys(catalogue(fresh_pot))
    committed = keys(catalogue(POT_FILE))
    missing, stale = fresh - committed, committed - fresh
    assert not missing, f"strings missing from translations/messages.pot ({HINT}):\n" + listing(
        missing
    )
    assert not stale, f"strings no longer in the sources ({HINT}):\n" + listing(stale)


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_locale_catalogue_has_every_message(locale):
    assert po_path(locale).exists(), f"no catalogue for {locale}: flask --app hub translate init"
    have = keys(catalogue(po_path(locale)))
    missing = keys(catalogue(POT_FILE)) - have
    assert not missing, f"{locale} catalogue lacks messages ({HINT}):\n" + listing(missing)


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_catalogue_is_fully_translated(locale):
    untranslated = [
        m.id
        for m in messages(locale)
        if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert not untranslated, (
        f"{len(untranslated)} untranslated message(s) in {po_path(locale)}:\n"
        + listing(untranslated)
    )


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_catalogue_has_no_fuzzy_translations(locale):
    fuzzy = [m.id for m in messages(locale) if m.fuzzy]
    assert not fuzzy, (
        f"fuzzy (unchecked) translations in {po_path(locale)}: review them and remove the "
        "'#, fuzzy' mark:\n" + listing(fuzzy)
    )


def placeholder_problems(message: Message) -> list[str]:
    """Named placeholders a translation adds (a KeyError at run time) or drops."""
    if not message.string:
        return []
    if not message.pluralizable:
        want, have = placeholders(message.id), placeholders(message.string)
        return [] if want == have else [f"{message.id!r}: {sorted(have)} instead of {sorted(want)}"]
    singular, plural = (placeholders(text) for text in message.id)
    problems = []
    for index, form in enumerate(message.string):
        have = placeholders(form)
        # Every form may use what either English form uses, and must keep what both use,
        # but for the count (a language may say "bir kasaba" where English says "%(num)d town").
        if form and not ((singular & plural) - {"num"} <= have <= singular | plural):
            problems.append(f"{message.id[1]!r} form {index}: {sorted(have)}")
    return problems


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_translations_keep_the_placeholders(locale):
    problems = [p for m in messages(locale) for p in placeholder_problems(m)]
    assert not problems, f"placeholders differ in {po_path(locale)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_catalogue_passes_babels_checks(locale):
    errors = [
        f"{message.id!r}: {error}"
        for message, message_errors in catalogue(po_path(locale)).check()
        for error in message_errors
    ]
    assert not errors, "\n".join(errors)


def test_placeholder_check_finds_mistakes():
    good = Message("Hello %(name)s", "Merhaba %(name)s")
    renamed = Message("Hello %(name)s", "Merhaba %(isim)s")
    plural = Message(
        ("%(num)d town in %(country)s", "%(num)d towns in %(country)s"),
        ("%(country)s: bir kasaba", "%(num)d kasaba %(extra)s"),
    )
    assert placeholder_problems(good) == []
    assert placeholder_problems(renamed) == [
        "'Hello %(name)s': ['isim'] instead of ['name']"
    ]
    assert placeholder_problems(plural) == [
        "'%(num)d towns in %(country)s' form 1: ['extra', 'num']"
    ]

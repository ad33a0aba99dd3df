"""Every catalogue's Plural-Forms picks the form CLDR prescribes for the language.

Polish, Czech, Slovak, Lithuanian, Latvian, Slovenian, Irish, Maltese, Romanian and Croatian
have several plural forms; Portuguese is European Portuguese in the EU (singular for 1 only,
"0 documentos"), not Brazilian (singular for 0 and 1). The catalogue's expression is read with
Babel's read_po and evaluated by gettext's own C-expression parser, the one the compiled
catalogue goes through at run time (it refuses anything that is not such an expression).
"""

from __future__ import annotations

import gettext
from functools import cache

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from hub.cli import TRANSLATIONS
from hub.i18n import LOCALES

SAMPLES = [0, 1, 2, 3, 5, 11, 12, 21, 22, 101, 102, 111, 1_000_000]

# The gettext form index of each CLDR plural category, for whole numbers (counts are whole):
# categories only fractions reach (the "many" of cs, sk and lt, the "other" of pl) are left out.
# The order is the usual gettext one, which Babel's catalogue templates follow.
TWO_FORMS = ("one", "other")
FORMS: dict[str, tuple[str, ...]] = {
    **{locale: TWO_FORMS for locale in ("bg", "da", "de", "el", "en", "et", "fi", "hu", "nl",
                                        "sv", "tr")},
    # "many": a million and its multiples ("1 000 000 de documents").
    **{locale: ("one", "many", "other") for locale in ("es", "fr", "it", "pt")},
    **{locale: ("one", "few", "other") for locale in ("cs", "sk", "lt", "hr", "ro")},
    "pl": ("one", "few", "many"),
    "lv": ("zero", "one", "other"),
    "sl": ("one", "two", "few", "other"),
    "ga": ("one", "two", "few", "many", "other"),
    "mt": ("one", "two", "few", "many", "other"),
}
# The CLDR locale whose rules a catalogue follows, where it is not the catalogue's own code.
CLDR_LOCALE = {"pt": "pt_PT"}

# A few cases written out by hand, the ones translators most often get wrong.
BY_HAND = {
    "pt": {0: 2, 1: 0, 2: 2, 1_000_000: 1},
    "fr": {0: 0, 1: 0, 2: 2},
    "pl": {1: 0, 2: 1, 5: 2, 12: 2, 22: 1, 102: 1, 111: 2},
    "cs": {1: 0, 3: 1, 5: 2, 22: 2},
    "lt": {1: 0, 2: 1, 11: 2, 21: 0, 111: 2},
    "lv": {0: 0, 1: 1, 11: 0, 21: 1, 22: 2},
    "sl": {1: 0, 2: 1, 3: 2, 5: 3, 101: 0, 102: 1},
    "ga": {1: 0, 2: 1, 5: 2, 11: 4},
    "mt": {0: 2, 1: 0, 2: 1, 11: 3, 101: 4, 102: 4, 103: 2},
    "ro": {0: 1, 1: 0, 2: 1, 21: 2, 101: 1},
    "hr": {1: 0, 11: 2, 21: 0, 22: 1, 12: 2},
}
DOCUMENTS = ("%(num)d document uploaded.", "%(num)d documents uploaded.")


@cache
def catalogue(locale: str) -> Catalog:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as infile:
        return read_po(infile, abort_invalid=True)  # more msgstr[i] than nplurals: an error


def expected_form(locale: str, n: int) -> int:
    category = Locale.parse(CLDR_LOCALE.get(locale, locale)).plural_form(n)
    return FORMS[locale].index(category)


def test_every_ui_locale_has_an_expected_rule():
    assert set(FORMS) == set(LOCALES)


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_plural_forms_header_follows_cldr(locale):
    catalog = catalogue(locale)
    assert catalog.num_plurals == len(FORMS[locale]), catalog.plural_forms
    choose = gettext.c2py(catalog.plural_expr)
    chosen = {n: choose(n) for n in SAMPLES}
    assert chosen == {n: expected_form(locale, n) for n in SAMPLES}, catalog.plural_forms
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(message.string) == catalog.num_plurals, message.id


@pytest.mark.parametrize("locale", sorted(BY_HAND))
def test_forms_written_out_by_hand(locale):
    choose = gettext.c2py(catalogue(locale).plural_expr)
    assert {n: choose(n) for n in BY_HAND[locale]} == BY_HAND[locale]
    assert {n: expected_form(locale, n) for n in BY_HAND[locale]} == BY_HAND[locale]


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_the_running_hub_picks_the_same_form(app, locale):
    """The compiled catalogue the hub loads says the same as its source."""
    translated = catalogue(locale)[DOCUMENTS[0]].string
    for n in SAMPLES:
        with force_locale(locale):
            shown = ngettext(*DOCUMENTS, n)
        assert shown == translated[expected_form(locale, n)] % {"num": n}, (locale, n)


def test_portuguese_says_plural_for_zero(app):
    with force_locale("pt"):
        zero, one = ngettext(*DOCUMENTS, 0), ngettext(*DOCUMENTS, 1)
    forms = catalogue("pt")[DOCUMENTS[0]].string
    assert zero == forms[2] % {"num": 0} != forms[0] % {"num": 0}
    assert one == forms[0] % {"num": 1}

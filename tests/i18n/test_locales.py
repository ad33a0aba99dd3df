"""Every UI locale renders the main pages in its language: `<html lang>` set, the catalogue's
translations used (no English fallback for translated messages), no error."""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape

from hub.cli import TRANSLATIONS
from hub.i18n import LOCALES

PAGES = ["/", "/partnerships", "/towns", "/login", "/register", "/forum", "/exchange",
         "/good-practices", "/glossary"]
# Messages of the base layout, shown on every page.
KNOWN = ["Partnerships", "Skip to content", "Change language", "Towns"]


@cache
def translations(locale: str) -> dict[str, str]:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as infile:
        catalog = read_po(infile)
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id in KNOWN}


@pytest.fixture
def world(make_town, make_partnership):
    nilufer = make_town("Nilüfer", country="TR", slug="nilufer")
    plovdiv = make_town("Пловдив", latin_name="Plovdiv", country="BG", slug="plovdiv",
                        official_languages=["bg"])
    make_partnership([nilufer, plovdiv], name="Nilüfer – Пловдив", slug="nilufer-plovdiv")


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_main_pages_render_in_every_locale(world, client, locale):
    known = translations(locale)
    assert set(known) == set(KNOWN) and all(known.values()), f"{locale}: catalogue incomplete"
    for path in PAGES:
        response = client.get(path, headers={"Accept-Language": locale})
        assert response.status_code == 200, (locale, path)
        html = response.get_data(as_text=True)
        assert f'<html lang="{locale}"' in html, (locale, path)
        for msgid, translated in known.items():
            assert str(escape(translated)) in html, (locale, path, msgid)
            if locale != "en" and translated != msgid:
                assert f">{msgid}<" not in html, f"{locale} {path}: English {msgid!r} shown"


def test_the_language_switcher_sets_the_language(world, client):
    response = client.post("/language", data={"locale": "el", "next": "/towns"})
    assert response.status_code in {302, 303}
    assert '<html lang="el"' in client.get("/towns").get_data(as_text=True)

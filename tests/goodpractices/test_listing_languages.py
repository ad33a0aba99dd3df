"""Languages in the good-practice catalogue: title and summary in the reader's language when a
translation exists (marked as such), each entry's language shown, the language filter with and
without htmx, `lang` right, flat query counts, and no translation of an unpublished entry."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from hub.extensions import db
from hub.i18n import language_name
from hub.translations import services as translations
from hub.translations.targets import get_target
from tests.helpers import said_by_template

TITLE_DE = "Jugendrat: Jugendliche entscheiden in der Gemeinde mit"
SUMMARY_DE = "Der Jugendrat von Nilüfer legt der Gemeinde mit 60 Jugendlichen Vorschläge vor."


def name_of(code: str, locale: str) -> str:
    with force_locale(locale):
        return language_name(code)


def translate(practice, field: str, language: str, text: str, translator, *,
              origin: str = "human"):
    row = translations.save_translation(get_target("good_practice"), practice, field, language,
                                        text, translator)
    row.origin = origin
    db.session.commit()
    return row


def page(client, url: str, locale: str, *, htmx: bool = False) -> str:
    headers = {"Accept-Language": locale}
    response = client.htmx_get(url, headers=headers) if htmx else client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.fixture
def youth(world, entry):
    """The Turkish youth-council entry, with its title and summary translated into German."""
    practice = entry()
    translate(practice, "title", "de", TITLE_DE, world.coordinator)
    translate(practice, "summary", "de", SUMMARY_DE, world.coordinator)
    return practice


def test_reader_sees_title_and_summary_in_their_language_marked(client, world, youth):
    html = page(client, "/good-practices", "de")
    assert f'lang="de">{TITLE_DE}</a> <span class="badge badge-translated"' in html
    assert f'<p class="practice-summary" lang="de">{SUMMARY_DE}</p>' in html
    assert said_by_template("de", "Translated from %(language)s",
                            language=name_of("tr", "de")) in html
    assert "tr → de" in html
    assert youth.title not in html and "60 gençle" not in html
    # The entry's own language, named in the reader's language.
    assert f'<span class="practice-language">{name_of("tr", "de")}</span>' in html


def test_reader_of_the_original_sees_the_original(client, world, youth):
    html = page(client, "/good-practices", "tr")
    assert f'lang="tr">{youth.title}</a>' in html
    assert 'lang="tr">Nilüfer&#39;in gençlik meclisi' in html
    assert TITLE_DE not in html and SUMMARY_DE not in html and "badge-translated" not in html
    assert f'<span class="practice-language">{name_of("tr", "tr")}</span>' in html


def test_no_translation_in_the_readers_language_shows_the_original(client, world, youth):
    html = page(client, "/good-practices", "el")
    assert f'lang="tr">{youth.title}</a>' in html and "badge-translated" not in html
    assert '<html lang="el"' in html


def test_a_summary_in_another_language_keeps_its_own_lang(client, world, entry):
    entry(summary="Youth council of Nilüfer: 60 young people advise the municipality.",
          field_languages={"summary": "en"})
    html = page(client, "/good-practices", "tr")
    assert '<p class="practice-summary" lang="en">Youth council of Nilüfer' in html


def test_a_machine_translation_is_marked_as_one(client, world, entry):
    practice = entry()
    translate(practice, "title", "de", TITLE_DE, world.coordinator, origin="machine")
    html = page(client, "/good-practices", "de")
    assert f'lang="de">{TITLE_DE}</a>' in html
    assert said_by_template("de", "Machine translation from %(language)s",
                            language=name_of("tr", "de")) in html


@pytest.fixture
def two_languages(world, entry, youth):
    greek = entry(title="Σεισμική άσκηση στα σχολεία", summary="Κοινή άσκηση εκκένωσης.",
                  language="el", themes=["crisis_management"])
    return youth, greek


def ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/good-practices/(\d+)"', html)}


@pytest.mark.parametrize("htmx", [False, True])
def test_language_filter(client, world, two_languages, htmx):
    youth, greek = two_languages
    cases = {
        "language=tr": {youth.id}, "language=el": {greek.id}, "language=de": set(),
        "language=zz": {youth.id, greek.id},  # unknown codes are ignored
        "language=%3Cb%3E": {youth.id, greek.id},
        "language=el&theme=good_governance": set(),
    }
    for query, expected in cases.items():
        html = page(client, f"/good-practices?{query}", "de", htmx=htmx)
        assert ("<html" in html) is not htmx, query
        assert 'id="practice-results"' in html
        assert ids(html) == expected, query
        if not expected:
            assert said_by_template(
                "de", "No good practice matches. Try fewer filters or other words.") in html
    # The title of the German-reading visitor's list stays translated when filtered.
    assert TITLE_DE in page(client, "/good-practices?language=tr", "de", htmx=htmx)


def test_language_filter_offers_the_published_languages_by_name(client, world, two_languages):
    html = page(client, "/good-practices?language=el", "de")
    assert f'<option value="el" selected>{name_of("el", "de")}</option>' in html
    assert f'<option value="tr" >{name_of("tr", "de")}</option>' in html
    assert 'hx-get="/good-practices"' in html and 'action="/good-practices"' in html


def test_query_count_is_flat_with_translations(client, world, entry, count_queries):
    """3 and 30 entries (a page shows 12), all translated: the same number of queries."""
    for n in range(33):
        practice = entry(title=f"Uygulama {n}", summary=f"Özet {n}",
                         language="el" if n < 3 else "tr")
        translate(practice, "title", "de", f"Praxis {n}", world.coordinator)
        translate(practice, "summary", "de", f"Zusammenfassung {n}", world.coordinator)
    page(client, "/good-practices", "de")  # warm up
    counts = {}
    for language, shown in (("el", 3), ("tr", 12)):
        db.session.remove()  # a fresh session, as every real request has
        with count_queries() as counter:
            html = page(client, f"/good-practices?language={language}", "de")
        assert html.count("badge-translated") == shown
        assert html.count('lang="de">Zusammenfassung') == shown
        counts[shown] = counter.count
    assert counts[3] == counts[12], counts


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_translation_of_an_unpublished_entry_never_shows(client, login_as, world, entry, youth,
                                                        state):
    hidden = entry(state, title="Yayımlanmamış uygulama")
    translate(hidden, "title", "de", "Unveröffentlichte Praxis", world.coordinator)
    world.citizen.locale = world.coordinator.locale = "de"
    db.session.commit()
    for reader in (None, world.citizen, world.coordinator):
        login_as(reader)
        for url in ("/good-practices", "/good-practices?language=tr"):
            html = page(client, url, "de")
            assert "Unveröffentlichte Praxis" not in html and "Yayımlanmamış" not in html
            assert TITLE_DE in html  # the published entry's translation does show

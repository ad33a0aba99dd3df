"""Languages in the library list: a document's description in the reader's language when a
translation exists (marked as such; titles are not translated, language versions are separate
documents), each document's language shown, the language filter with and without htmx, `lang`
right, flat query counts, and no translation of a document the reader may not see."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from hub.extensions import db
from hub.i18n import language_name
from hub.translations import services as translations
from hub.translations.targets import get_target
from tests.helpers import said_by_template

LIB = "/p/nilufer-darmstadt/library"
ORIGINAL = "Kompost tesisinin 2024 yılı kapasite ve maliyet raporu."
GERMAN = "Bericht über Kapazität und Kosten der Kompostanlage 2024."


def name_of(code: str, locale: str) -> str:
    with force_locale(locale):
        return language_name(code)


def translate(document, language: str, text: str, translator, *, origin: str = "human"):
    row = translations.save_translation(get_target("document"), document, "description",
                                        language, text, translator)
    row.origin = origin
    db.session.commit()
    return row


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="document-title">\s*<a [^>]*>([^<]+)</a>', html)


@pytest.fixture
def report(world, make_document):
    """A Turkish report for members, its description translated into German."""
    document = make_document(world.partnership, world.staff, b"Kompost raporu\n", "rapor.txt",
                             title="Kompost raporu", description=ORIGINAL, language="tr")
    translate(document, "de", GERMAN, world.colleague)
    return document


def test_german_reader_sees_the_german_description_marked(client, login_as, world, report):
    reader = login_as(world.colleague).locale  # German interface
    html = client.get(LIB).get_data(as_text=True)
    assert (f'<p class="document-description" lang="de">{GERMAN} '
            '<span class="badge badge-translated"') in html
    assert said_by_template(reader, "Translated from %(language)s",
                            language=name_of("tr", reader)) in html
    assert ORIGINAL not in html
    # The title is the document's own, in its language; the language is named for the reader.
    assert f'/documents/{report.id}" lang="tr">Kompost raporu</a>' in html
    assert f"<span>{name_of('tr', reader)}</span>" in html


def test_reader_of_the_original_language_sees_the_original(client, login_as, world, report):
    login_as(world.staff)  # Turkish interface
    html = client.get(LIB).get_data(as_text=True)
    assert f'<p class="document-description" lang="tr">{ORIGINAL}</p>' in html
    assert GERMAN not in html and "badge-translated" not in html
    assert f"<span>{name_of('tr', 'tr')}</span>" in html


def test_a_machine_translation_is_marked_as_one(client, login_as, world, make_document):
    document = make_document(world.partnership, world.staff, b"x\n", "x.txt", title="Tutanak",
                             description="Toplantı tutanağı.", language="tr")
    translate(document, "de", "Sitzungsprotokoll.", world.colleague, origin="machine")
    reader = login_as(world.colleague).locale
    html = client.get(LIB).get_data(as_text=True)
    assert '<p class="document-description" lang="de">Sitzungsprotokoll.' in html
    assert said_by_template(reader, "Machine translation from %(language)s",
                            language=name_of("tr", reader)) in html


@pytest.mark.parametrize("htmx", [False, True])
def test_language_filter(client, login_as, world, report, make_document, htmx):
    make_document(world.partnership, world.colleague, b"y\n", "y.txt", title="Protokoll",
                  language="de")
    login_as(world.colleague)
    cases = {
        "language=tr": ["Kompost raporu"],
        "language=de": ["Protokoll"],
        "language=el": [],
        "language=zz": ["Protokoll", "Kompost raporu"],  # unknown codes are ignored
        "language=%3Cb%3E": ["Protokoll", "Kompost raporu"],
    }
    for query, expected in cases.items():
        response = client.htmx_get(f"{LIB}?{query}") if htmx else client.get(f"{LIB}?{query}")
        assert response.status_code == 200, query
        html = response.get_data(as_text=True)
        assert ("<html" in html) is not htmx, query
        assert titles(html) == expected, query
    html = client.get(f"{LIB}?language=tr").get_data(as_text=True)
    assert GERMAN in html  # filtered, still translated
    assert f'<option value="tr" selected>{name_of("tr", "de")}</option>' in html


def test_query_count_is_flat_with_translations(world, make_document, login_as, client,
                                               count_queries):
    """3 and 30 documents with translated descriptions: the same number of queries."""
    for n in range(33):
        document = make_document(
            world.partnership, world.staff, f"belge {n}\n".encode(), f"{n}.txt",
            title=f"Belge {n}", description=f"Açıklama {n}", language="tr",
            theme="environment" if n < 3 else "good_governance",
        )
        translate(document, "de", f"Beschreibung {n}", world.colleague)
    login_as(world.colleague)
    client.get(LIB)  # warm up
    counts = {}
    for theme, shown in (("environment", 3), ("good_governance", 30)):
        db.session.remove()  # a fresh session, as every real request has
        with count_queries() as counter:
            html = client.get(f"{LIB}?theme={theme}&per_page=50").get_data(as_text=True)
        assert html.count('lang="de">Beschreibung') == shown
        counts[shown] = counter.count
    assert counts[3] == counts[30], counts


def test_translation_of_a_members_document_never_reaches_outsiders(
    client, login_as, world, make_document, make_user
):
    private = make_document(world.partnership, world.staff, b"a\n", "a.txt", title="İç rapor",
                            description="Gizli bütçe ayrıntıları.", visibility="members")
    public = make_document(world.partnership, world.staff, b"b\n", "b.txt", title="Açık rapor",
                           description="Herkese açık özet.", visibility="public")
    translate(private, "de", "Vertrauliche Haushaltsdetails.", world.colleague)
    translate(public, "de", "Öffentliche Zusammenfassung.", world.colleague)
    outsider = make_user(display_name="Lena Braun", locale="de")
    for reader in (None, outsider, world.other_staff, world.citizen):
        login_as(reader)
        for url in (LIB, f"{LIB}?language=tr", f"{LIB}?q=rapor"):
            response = client.get(url, headers={"Accept-Language": "de"})
            assert response.status_code == 200, (reader, url)
            html = response.get_data(as_text=True)
            assert "Vertrauliche" not in html and "İç rapor" not in html, (reader, url)
    login_as(outsider)  # the public document is listed, translated
    assert "Öffentliche Zusammenfassung." in client.get(LIB).get_data(as_text=True)

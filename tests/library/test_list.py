"""The library list: search inside files, filters, sorting, pages, htmx fragments, query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import render_template

from hub.db import utcnow
from hub.extensions import db
from hub.library import samples
from hub.library.queries import public_documents
from tests.helpers import said_by_template

LIB = "/p/nilufer-darmstadt/library"


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="document-title">\s*<a [^>]*>([^<]+)</a>', html)


def test_search_finds_a_word_that_only_occurs_inside_a_file(world, make_document, login_as, client):
    make_document(
        world.partnership,
        world.staff,
        samples.docx(["Giriş", "Kompost tesisinin kapasitesi Çalıştay sonrası artırıldı."]),
        "Rapor.docx",
        title="Yıllık rapor",
        description="Genel bilgiler",
    )
    make_document(world.partnership, world.staff, b"Baska bir metin\n", "diger.txt", title="Diğer")
    reader = login_as(world.staff).locale
    html = client.get(f"{LIB}?q=calistay").get_data(as_text=True)
    assert _titles(html) == ["Yıllık rapor"]
    assert "Çalıştay sonrası artırıldı" in html  # the snippet, from the original text
    found = said_by_template(
        reader,
        "%(num)s document found in the whole library.",
        "%(num)s documents found in the whole library.",
        1,
    )
    assert found in html


@pytest.mark.parametrize(
    "kind, content, name",
    [
        (
            "pdf",
            samples.pdf(["Sitzungsprotokoll", "Regenwasserbewirtschaftung im Quartier"]),
            "p.pdf",
        ),
        ("odt", samples.odf("text", "Regenwasserbewirtschaftung im Quartier"), "p.odt"),
        ("xlsx", samples.xlsx(["Regenwasserbewirtschaftung im Quartier"]), "p.xlsx"),
        ("ods", samples.odf("spreadsheet", "Regenwasserbewirtschaftung im Quartier"), "p.ods"),
        ("pptx", samples.pptx(["Regenwasserbewirtschaftung im Quartier"]), "p.pptx"),
        ("odp", samples.odf("presentation", "Regenwasserbewirtschaftung im Quartier"), "p.odp"),
        ("markdown", b"# Plan\n\nRegenwasserbewirtschaftung im Quartier\n", "p.md"),
        ("csv", b"thema;text\n1;Regenwasserbewirtschaftung im Quartier\n", "p.csv"),
    ],
)
def test_search_inside_every_searchable_format(
    kind, content, name, world, make_document, login_as, client
):
    make_document(world.partnership, world.colleague, content, name, title="Belge", language="de")
    login_as(world.staff)
    html = client.get(f"{LIB}?q=REGENWASSERBEWIRTSCHAFTUNG").get_data(as_text=True)
    assert _titles(html) == ["Belge"], kind


def test_search_needs_every_word_and_matches_titles(world, make_document, login_as, client):
    make_document(
        world.partnership, world.staff, b"kompost ve geri donusum\n", "a.txt", title="İzmir Notları"
    )
    make_document(world.partnership, world.staff, b"kompost\n", "b.txt", title="Başka")
    login_as(world.staff)
    assert _titles(client.get(f"{LIB}?q=kompost+donusum").get_data(as_text=True)) == [
        "İzmir Notları"
    ]
    assert _titles(client.get(f"{LIB}?q=IZMIR").get_data(as_text=True)) == ["İzmir Notları"]
    assert _titles(client.get(f"{LIB}?q=100%25").get_data(as_text=True)) == []


def test_visitors_search_only_public_documents(world, make_document, client):
    make_document(world.partnership, world.staff, b"ortak kelime\n", "a.txt", title="Gizli")
    make_document(
        world.partnership,
        world.staff,
        b"ortak kelime\n",
        "b.txt",
        title="Açık",
        visibility="public",
    )
    assert _titles(client.get(f"{LIB}?q=ortak").get_data(as_text=True)) == ["Açık"]


def test_filters(world, make_document, login_as, client):
    make_document(
        world.partnership,
        world.staff,
        samples.pdf("a"),
        "a.pdf",
        title="Türkçe PDF",
        language="tr",
        theme="environment",
    )
    make_document(
        world.partnership,
        world.colleague,
        samples.docx("b"),
        "b.docx",
        title="Deutsches Dokument",
        language="de",
        theme="good_governance",
    )
    make_document(
        world.partnership,
        world.colleague,
        samples.image("png"),
        "c.png",
        title="Foto",
        language="de",
    )
    login_as(world.staff)
    darmstadt = world.partnership.towns[1]
    cases = {
        "language=tr": ["Türkçe PDF"],
        "theme=good_governance": ["Deutsches Dokument"],
        "type=pdf": ["Türkçe PDF"],
        "type=document": ["Deutsches Dokument"],
        "type=image": ["Foto"],
        f"town={darmstadt.id}": ["Foto", "Deutsches Dokument"],
        "language=de&type=image": ["Foto"],
        "language=xx": ["Foto", "Deutsches Dokument", "Türkçe PDF"],  # unknown values are ignored
    }
    for query, expected in cases.items():
        assert _titles(client.get(f"{LIB}?{query}").get_data(as_text=True)) == expected, query


def test_sorting(world, make_document, login_as, client):
    a = make_document(
        world.partnership, world.staff, b"x" * 10, "a.txt", title="Çınar", language="tr"
    )
    b = make_document(
        world.partnership, world.staff, b"x" * 300, "b.txt", title="Zeytin", language="de"
    )
    c = make_document(
        world.partnership, world.staff, b"x" * 20, "c.txt", title="Armut", language="el"
    )
    for doc, days in ((a, 3), (b, 1), (c, 2)):
        doc.updated_at = utcnow() - timedelta(days=days)
    db.session.commit()
    login_as(world.staff)
    cases = {
        "": ["Zeytin", "Armut", "Çınar"],
        "sort=name": ["Armut", "Çınar", "Zeytin"],  # Ç sorts with C
        "sort=name&order=desc": ["Zeytin", "Çınar", "Armut"],
        "sort=size": ["Zeytin", "Armut", "Çınar"],
        "sort=size&order=asc": ["Çınar", "Armut", "Zeytin"],
        "sort=language": ["Zeytin", "Armut", "Çınar"],
    }
    for query, expected in cases.items():
        assert _titles(client.get(f"{LIB}?{query}").get_data(as_text=True)) == expected, query


def test_pagination(world, make_document, login_as, client):
    for n in range(25):
        make_document(
            world.partnership,
            world.staff,
            f"belge {n}\n".encode(),
            f"{n}.txt",
            title=f"Belge {n:02d}",
        )
    reader = login_as(world.staff).locale
    first = client.get(f"{LIB}?sort=name&per_page=10").get_data(as_text=True)
    assert _titles(first) == [f"Belge {n:02d}" for n in range(10)]
    assert said_by_template(reader, "Page %(page)s of %(pages)s", page=1, pages=3) in first
    assert "page=2" in first
    last = client.get(f"{LIB}?sort=name&per_page=10&page=3").get_data(as_text=True)
    assert _titles(last) == [f"Belge {n:02d}" for n in range(20, 25)]
    beyond = client.get(f"{LIB}?sort=name&per_page=10&page=99").get_data(as_text=True)
    assert _titles(beyond) == _titles(last)


def test_live_filtering_answers_a_fragment(world, make_document, login_as, client):
    make_document(world.partnership, world.staff, b"x\n", "a.txt", title="Parça")
    login_as(world.staff)
    page = client.get(f"{LIB}?q=parca")
    fragment = client.htmx_get(f"{LIB}?q=parca")
    boosted = client.htmx_get(f"{LIB}?q=parca", boosted=True)
    assert "<html" in page.get_data(as_text=True)
    assert "<html" not in fragment.get_data(as_text=True)
    assert _titles(fragment.get_data(as_text=True)) == ["Parça"]
    assert "<html" in boosted.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]


@pytest.mark.parametrize("query", ["", "q=belge", "language=tr&sort=size"])
def test_query_count_does_not_depend_on_page_size(
    query, world, make_document, login_as, client, count_queries
):
    for n in range(30):
        make_document(
            world.partnership,
            world.staff if n % 2 else world.colleague,
            f"belge {n}\n".encode(),
            f"{n}.txt",
            title=f"Belge {n}",
            language="tr",
            translation_of=None,
        )
    login_as(world.staff)
    client.get(LIB)  # warm up
    counts = {}
    for per_page in (10, 20, 50):
        db.session.remove()  # a fresh session, as every real request has
        with count_queries() as counter:
            response = client.get(f"{LIB}?per_page={per_page}&{query}")
        assert response.status_code == 200
        counts[per_page] = counter.count
    assert len(set(counts.values())) == 1, counts
    assert counts[10] <= 10, counts


def test_public_documents_for_the_profile(app, world, make_document):
    make_document(
        world.partnership,
        world.staff,
        samples.pdf("x"),
        "a.pdf",
        title="Kamuya açık rapor",
        visibility="public",
    )
    make_document(world.partnership, world.staff, samples.pdf("y"), "b.pdf", title="İç belge")
    entries = public_documents(world.partnership)
    assert [e.document.title for e in entries] == ["Kamuya açık rapor"]
    with app.test_request_context():
        html = render_template(
            "library/_public_documents.html", partnership=world.partnership, documents=entries
        )
    assert "Kamuya açık rapor" in html and "İç belge" not in html
    assert f"/p/nilufer-darmstadt/library/documents/{entries[0].document.id}" in html

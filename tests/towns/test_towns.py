"""The town directory and town pages."""

from __future__ import annotations

import re

import pytest

from tests.helpers import said_by_template


@pytest.fixture
def towns(make_town, make_partnership):
    nilufer = make_town("Nilüfer", country="TR", slug="nilufer", region="Bursa", population=512_345)
    istanbul = make_town("İstanbul", latin_name="Istanbul", country="TR", slug="istanbul")
    darmstadt = make_town("Darmstadt", country="DE", slug="darmstadt", official_languages=["de"],
                          region="Hessen", population=162_000, website="https://www.darmstadt.de",
                          timezone="Europe/Berlin")
    thessaloniki = make_town("Θεσσαλονίκη", latin_name="Thessaloniki", country="GR",
                             slug="thessaloniki", official_languages=["el"])
    krakow = make_town("Kraków", country="PL", slug="krakow", official_languages=["pl"])
    make_partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt")
    make_partnership([nilufer, krakow], name="Kraków – Nilüfer", status="ended")
    make_partnership([nilufer, thessaloniki], name="Hidden proposal", status="proposed")
    return {t.slug: t for t in (nilufer, istanbul, darmstadt, thessaloniki, krakow)}


def listed(html: str) -> list[str]:
    return re.findall(r'<a href="/towns/([^"]+)">', html)


def test_directory_lists_towns_with_facts(client, towns):
    response = client.get("/towns")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sorted(listed(html)) == sorted(towns)
    assert '<span lang="tr">İstanbul</span>' in html
    assert "(Istanbul)" in html
    assert '<span lang="el">Θεσσαλονίκη</span>' in html and "(Thessaloniki)" in html
    assert "Türkiye" in html and "Greece" in html
    assert "512,345" in html
    assert "Bursa" in html
    visitor = "en"  # no Accept-Language
    assert said_by_template(visitor, "%(num)s town found.", "%(num)s towns found.", 5) in html


def test_partnership_count_counts_only_public_partnerships(client, towns):
    html = client.get("/towns?q=nilüfer").get_data(as_text=True)
    assert listed(html) == ["nilufer"]
    cells = re.findall(r"<td>(\d+)</td>", html)
    assert cells[-1] == "2"


def test_country_names_and_numbers_in_readers_locale(client, towns):
    html = client.get("/towns", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Griechenland" in html and "Türkei" in html
    assert "512.345" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("country=TR", {"nilufer", "istanbul"}),
        ("country=gr", {"thessaloniki"}),
        ("q=istanbul", {"istanbul"}),
        ("q=İSTANBUL", {"istanbul"}),
        ("q=nilüfer", {"nilufer"}),
        ("q=NİLÜFER", {"nilufer"}),
        ("q=θεσσαλονίκη", {"thessaloniki"}),
        ("q=thessa", {"thessaloniki"}),
        ("q=kraków", {"krakow"}),
        ("q=KRAKÓW", {"krakow"}),
        ("q=darm&country=DE", {"darmstadt"}),
        ("q=darm&country=TR", set()),
        ("country=XX", {"nilufer", "istanbul", "darmstadt", "thessaloniki", "krakow"}),
    ],
)
def test_filters(client, towns, query, expected):
    assert set(listed(client.get(f"/towns?{query}").get_data(as_text=True))) == expected


def test_country_select_lists_countries_with_towns(client, towns):
    html = client.get("/towns").get_data(as_text=True)
    options = re.findall(r'<option value="([A-Z]{2})"', html)
    assert sorted(options) == ["DE", "GR", "PL", "TR"]


def test_htmx_fragment_boosted_and_plain(client, towns):
    fragment = client.htmx_get("/towns?country=GR")
    assert "<html" not in fragment.get_data(as_text=True)
    assert listed(fragment.get_data(as_text=True)) == ["thessaloniki"]
    assert "HX-Request" in fragment.headers["Vary"]
    for response in (client.htmx_get("/towns?country=GR", boosted=True), client.get("/towns")):
        assert "<html" in response.get_data(as_text=True)
        assert "HX-Request" in response.headers["Vary"]


def test_filter_form_works_without_javascript(client, towns):
    html = client.get("/towns").get_data(as_text=True)
    assert re.search(r'<form[^>]+action="/towns"[^>]+method="get"', html)
    assert 'hx-target="#town-results"' in html
    assert 'id="town-results" aria-live="polite"' in html
    assert "from:#town-q" in html and 'id="town-q"' in html


def test_pagination(client, make_town):
    for n in range(30):
        make_town(f"Köy {n:02d}", country="TR")
    first = client.get("/towns?country=TR").get_data(as_text=True)
    assert len(listed(first)) == 25
    assert 'href="/towns?country=TR&amp;page=2"' in first
    second = client.get("/towns?country=TR&page=2").get_data(as_text=True)
    assert len(listed(second)) == 5


def test_detail_shows_facts_and_public_partnerships(client, towns):
    response = client.get("/towns/darmstadt")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Germany" in html and "Hessen" in html and "162,000" in html
    assert "German" in html
    assert '<a href="https://www.darmstadt.de" rel="noopener">' in html
    assert "Europe/Berlin" in html
    assert "Nilüfer – Darmstadt" in html


def test_detail_hides_proposals(client, towns):
    html = client.get("/towns/nilufer").get_data(as_text=True)
    assert "Nilüfer – Darmstadt" in html and "Kraków – Nilüfer" in html
    assert "Hidden proposal" not in html
    assert "Turkish" in html


def test_detail_in_greek(client, towns):
    response = client.get("/towns/thessaloniki", headers={"Accept-Language": "el"})
    html = response.get_data(as_text=True)
    assert '<html lang="el"' in html
    assert "Ελλάδα" in html
    assert "Ελληνικά" in html


def test_unknown_town_is_404(client, towns):
    assert client.get("/towns/atlantis").status_code == 404

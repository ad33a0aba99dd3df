"""The partnership directory: filters, htmx fragments, pagination and a fixed number of queries."""

from __future__ import annotations

import re

import pytest

from tests.helpers import said, said_by_template

VISITOR = "en"  # the requests are anonymous and send no Accept-Language


@pytest.fixture
def directory(make_town, make_partnership):
    nilufer = make_town("Nilüfer", country="TR")
    darmstadt = make_town("Darmstadt", country="DE", official_languages=["de"])
    thessaloniki = make_town(
        "Θεσσαλονίκη", latin_name="Thessaloniki", country="GR", official_languages=["el"]
    )
    krakow = make_town("Kraków", country="PL", official_languages=["pl"])
    izmir = make_town("İzmir", latin_name="Izmir", country="TR")
    make_partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt", themes=["environment"])
    make_partnership(
        [thessaloniki, izmir], name="Θεσσαλονίκη – İzmir", themes=["crisis_management"],
        status="dormant",
    )
    make_partnership([krakow, nilufer], name="Kraków – Nilüfer", themes=["local_economy"],
                     status="ended")
    make_partnership([izmir, krakow], name="Secret proposal", status="proposed")


def names(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/p/[^"]+">([^<]+)</a></h2>', html)


def found(num: int) -> str:
    return said_by_template(VISITOR, "%(num)s partnership found.", "%(num)s partnerships found.",
                            num)


def test_lists_public_partnerships_never_proposals(client, directory):
    html = client.get("/partnerships").get_data(as_text=True)
    assert sorted(names(html)) == sorted(
        ["Nilüfer – Darmstadt", "Θεσσαλονίκη – İzmir", "Kraków – Nilüfer"]
    )
    assert "Secret proposal" not in html
    assert found(3) in html


def test_card_shows_towns_themes_status_year_and_members(client, make_town, make_partnership,
                                                         make_user, make_membership):
    a = make_town("Nilüfer", country="TR")
    b = make_town("Darmstadt", country="DE", official_languages=["de"])
    p = make_partnership([a, b], name="Nilüfer – Darmstadt", themes=["environment", "research"])
    make_membership(make_user(), p)
    make_membership(make_user(), p)
    make_membership(make_user(), p, status="pending")
    html = client.get("/partnerships").get_data(as_text=True)
    assert '<span lang="tr">Nilüfer</span>' in html
    assert "Germany" in html and "Türkiye" in html
    assert said(VISITOR, "Protection of the environment") in html
    assert said(VISITOR, "Research & development") in html
    assert "badge-status-active" in html
    assert said_by_template(VISITOR, "Founded %(year)s", year=2010) in html
    assert said_by_template(VISITOR, "%(num)s member", "%(num)s members", 2) in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("country=TR", {"Nilüfer – Darmstadt", "Θεσσαλονίκη – İzmir", "Kraków – Nilüfer"}),
        ("country=GR", {"Θεσσαλονίκη – İzmir"}),
        ("country=DE", {"Nilüfer – Darmstadt"}),
        ("theme=crisis_management", {"Θεσσαλονίκη – İzmir"}),
        ("theme=environment", {"Nilüfer – Darmstadt"}),
        ("status=ended", {"Kraków – Nilüfer"}),
        ("status=dormant", {"Θεσσαλονίκη – İzmir"}),
        ("q=nilüfer", {"Nilüfer – Darmstadt", "Kraków – Nilüfer"}),
        ("q=NILÜFER", {"Nilüfer – Darmstadt", "Kraków – Nilüfer"}),
        ("q=θεσσαλονίκη", {"Θεσσαλονίκη – İzmir"}),
        ("q=izmir", {"Θεσσαλονίκη – İzmir"}),
        ("q=kraków", {"Kraków – Nilüfer"}),
        ("country=PL&theme=local_economy&status=ended", {"Kraków – Nilüfer"}),
        ("country=PL&status=active", set()),
        ("q=100%25", set()),
    ],
)
def test_filters(client, directory, query, expected):
    html = client.get(f"/partnerships?{query}").get_data(as_text=True)
    assert set(names(html)) == expected


def test_unknown_filter_values_are_ignored(client, directory):
    response = client.get("/partnerships?status=proposed&theme=nonsense&country=XX")
    html = response.get_data(as_text=True)
    assert len(names(html)) == 3
    assert "Secret proposal" not in html


def test_no_match_says_so(client, directory):
    html = client.get("/partnerships?q=zzz").get_data(as_text=True)
    assert found(0) in html
    assert said_by_template(
        VISITOR, "No partnership matches these filters. Try fewer filters or another name."
    ) in html


def test_filter_form_works_without_javascript_and_with_htmx(client, directory):
    html = client.get("/partnerships").get_data(as_text=True)
    assert re.search(r'<form[^>]+action="/partnerships"[^>]+method="get"', html)
    assert 'hx-get="/partnerships"' in html
    assert 'hx-target="#partnership-results"' in html
    assert 'hx-push-url="true"' in html
    assert "hx-indicator=" in html
    assert 'id="partnership-results" aria-live="polite"' in html
    assert "from:#partnership-q" in html and 'id="partnership-q" maxlength="100" name="q"' in html
    # The country select lists only countries that have towns in public partnerships.
    assert '<option value="GR">Greece</option>' in html


def test_targeted_htmx_request_gets_only_the_results(client, directory):
    response = client.htmx_get("/partnerships?country=GR")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert names(html) == ["Θεσσαλονίκη – İzmir"]
    assert found(1) in html
    assert "HX-Request" in response.headers["Vary"]


def test_boosted_and_plain_requests_get_the_page(client, directory):
    for response in (client.htmx_get("/partnerships?country=GR", boosted=True),
                     client.get("/partnerships?country=GR")):
        html = response.get_data(as_text=True)
        assert "<html" in html
        assert names(html) == ["Θεσσαλονίκη – İzmir"]
        assert "HX-Request" in response.headers["Vary"]


def test_result_count_is_translated(client, directory):
    html = client.get("/partnerships", headers={"Accept-Language": "tr"}).get_data(as_text=True)
    assert '<html lang="tr"' in html
    assert "Θεσσαλονίκη – İzmir" in html
    assert said_by_template("tr", "%(num)s partnership found.", "%(num)s partnerships found.",
                            3) in html


def test_pagination_keeps_filters(client, make_town, make_partnership):
    a = make_town("Çankaya", country="TR")
    b = make_town("Lyon", country="FR", official_languages=["fr"])
    for n in range(23):
        make_partnership([a, b], name=f"Partnership {n:02d}", themes=["research"])
    first = client.get("/partnerships?theme=research").get_data(as_text=True)
    assert len(names(first)) == 20
    assert found(23) in first
    assert said_by_template(VISITOR, "Page %(page)s of %(pages)s", page=1, pages=2) in first
    assert 'href="/partnerships?theme=research&amp;page=2"' in first
    second = client.get("/partnerships?theme=research&page=2").get_data(as_text=True)
    assert names(second) == ["Partnership 20", "Partnership 21", "Partnership 22"]
    assert 'rel="prev"' in second
    assert client.get("/partnerships?page=99").status_code == 200
    assert client.get("/partnerships?page=-3").status_code == 200


def test_query_count_does_not_grow_with_partnerships(client, make_town, make_partnership,
                                                     make_user, make_membership, count_queries):
    def build(n):
        for i in range(n):
            towns = [make_town(country="TR"), make_town(country="DE", official_languages=["de"])]
            p = make_partnership(towns)
            make_membership(make_user(), p, towns[i % 2])

    def measure():
        with count_queries() as q:
            assert client.get("/partnerships").status_code == 200
        return q.count

    build(3)
    few = measure()
    build(27)
    many = measure()
    assert many == few


def test_propose_link_only_for_those_who_may_propose(client, login_as, make_user, directory):
    assert "/partnerships/propose" not in client.get("/partnerships").get_data(as_text=True)
    login_as(make_user(verified=False))
    assert "/partnerships/propose" not in client.get("/partnerships").get_data(as_text=True)
    login_as(make_user())
    html = client.get("/partnerships").get_data(as_text=True)
    if "proposals.new" in client.application.view_functions:
        assert 'href="/partnerships/propose"' in html

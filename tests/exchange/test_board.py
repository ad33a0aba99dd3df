"""The boards: filters (plain form and htmx), cards, "suits you", fragments, query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.db import utcnow
from hub.exchange import queries
from hub.extensions import db
from tests.exchange.helpers import P, application_form, text
from tests.helpers import said_by_template


@pytest.fixture
def postings(world, make_posting, make_town):
    today = utcnow().date()
    return {
        "offer": make_posting(title="Bütçe stajı", format="secondment", theme="good_governance",
                              languages={"en": "B1"}),
        "german": make_posting(title="Çalışma ziyareti", format="study_visit",
                               theme="environment", languages={"de": "C1"},
                               earliest_start=today + timedelta(days=200),
                               latest_end=today + timedelta(days=230),
                               deadline=today + timedelta(days=150)),
        "request": make_posting(title="Gesucht: Gastgeber", kind="request", town=world.darmstadt,
                                author=world.sending_coordinator, format="job_shadowing",
                                host_town_id=world.nilufer.id, languages={"tr": "A2"},
                                language="de"),
    }


def titles(body: str) -> set[str]:
    return {t for t in ("Bütçe stajı", "Çalışma ziyareti", "Gesucht: Gastgeber") if t in body}


@pytest.mark.parametrize("query, expected", [
    ("", {"Bütçe stajı", "Çalışma ziyareti", "Gesucht: Gastgeber"}),
    ("kind=offer", {"Bütçe stajı", "Çalışma ziyareti"}),
    ("kind=request", {"Gesucht: Gastgeber"}),
    ("format=study_visit", {"Çalışma ziyareti"}),
    ("theme=good_governance", {"Bütçe stajı", "Gesucht: Gastgeber"}),
    ("language=de", {"Çalışma ziyareti"}),
    ("country=DE", {"Gesucht: Gastgeber"}),
    ("country=TR", {"Bütçe stajı", "Çalışma ziyareti", "Gesucht: Gastgeber"}),
    ("date_from={far}", {"Çalışma ziyareti"}),
    ("date_to={near}", {"Bütçe stajı", "Gesucht: Gastgeber"}),
    ("kind=nonsense&date_from=not-a-date", {"Bütçe stajı", "Çalışma ziyareti",
                                            "Gesucht: Gastgeber"}),
])
def test_filters(client, login_as, world, postings, query, expected):
    today = utcnow().date()
    query = query.format(far=today + timedelta(days=150), near=today + timedelta(days=60))
    login_as(world.sending_staff)
    for url in (f"{P}/exchange?{query}", f"/exchange?{query}"):
        assert titles(text(client.get(url))) == expected, url


def test_town_filter(client, login_as, world, postings):
    login_as(world.sending_staff)
    body = text(client.get(f"{P}/exchange?town={world.darmstadt.id}"))
    assert titles(body) == {"Gesucht: Gastgeber"}


def test_cards_show_places_deadline_and_suits_you(client, login_as, world, postings):
    login_as(world.sending_staff)  # German native, English C1, Turkish A2; from Darmstadt
    body = text(client.get(f"{P}/exchange"))
    assert said_by_template("de", "%(num)s of %(total)s place left",
                            "%(num)s of %(total)s places left", 2, total=2) in body
    assert postings["offer"].deadline.isoformat() in body  # <time datetime=…>
    card = body[body.find("Bütçe stajı"):body.find("Çalışma ziyareti")]
    assert said_by_template("de", "Suits you") in card
    # A request from one's own town does not suit: it looks for a host elsewhere.
    request_card = body[body.find("Gesucht: Gastgeber"):]
    assert said_by_template("de", "Suits you") not in request_card[:request_card.find("</li>")]


def test_suits_you_follows_languages_and_town(world, postings):
    reader = queries.Reader.of(world.sending_staff)
    assert reader.suits(postings["offer"])  # English B1 needed, C1 spoken
    assert reader.suits(postings["german"])  # German C1 needed, native spoken
    assert not reader.suits(postings["request"])  # own town's request
    host = queries.Reader.of(world.host_staff)  # Turkish native, German B1
    assert not host.suits(postings["offer"])  # own town's offer
    assert host.suits(postings["request"])  # could host: Turkish A2 needed
    assert queries.Reader.of(None) is None


def test_deadline_in_the_readers_language(client, login_as, world, postings):
    world.sending_staff.locale = "de"
    login_as(world.sending_staff)
    from flask_babel import force_locale, format_date

    body = text(client.get(f"{P}/exchange"))
    with force_locale("de"):
        assert format_date(postings["offer"].deadline) in body
    assert '<html lang="de"' in body


def test_fragment_and_page(client, login_as, world, postings):
    login_as(world.sending_staff)
    for url in (f"{P}/exchange?kind=request", "/exchange?kind=request"):
        fragment = client.htmx_get(url)
        assert fragment.status_code == 200
        body = text(fragment)
        assert "<html" not in body and 'id="posting-results"' in body
        assert titles(body) == {"Gesucht: Gastgeber"}
        assert "HX-Request" in fragment.headers["Vary"]
        page = client.get(url)
        assert "<html" in text(page) and 'id="posting-results"' in text(page)
        assert "HX-Request" in page.headers["Vary"]
        boosted = client.htmx_get(url, boosted=True)
        assert "<html" in text(boosted)


def test_filter_form_works_without_javascript(client, world, postings):
    body = text(client.get("/exchange"))
    assert 'action="/exchange" method="get"' in body
    assert 'hx-get="/exchange"' in body and 'hx-target="#posting-results"' in body


def test_htmx_post_answers_with_a_client_side_redirect(client, login_as, world, postings):
    login_as(world.sending_staff)
    response = client.htmx_post(f"{P}/exchange/{postings['offer'].id}/apply",
                                data=application_form(), content_type="multipart/form-data")
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith(f"{P}/exchange/applications/")


def test_closed_postings_on_request(client, login_as, world, postings, make_posting):
    make_posting(status="closed", title="Kapanmış teklif")
    login_as(world.host_staff)
    assert "Kapanmış teklif" not in text(client.get(f"{P}/exchange"))
    assert "Kapanmış teklif" in text(client.get(f"{P}/exchange?show=closed"))


def test_visitors_see_public_postings_only(client, world, make_posting):
    make_posting(visibility="public", title="Herkese açık staj")
    make_posting(visibility="hub", title="Hub üyelerine")
    body = text(client.get("/exchange"))
    assert "Herkese açık staj" in body and "Hub üyelerine" not in body
    assert "Herkese açık staj" in text(client.get(f"{P}/exchange"))


def test_public_profile_fragment(app, world, make_posting):
    from flask import render_template

    make_posting(visibility="public", title="Herkese açık staj")
    make_posting(visibility="hub", title="Hub üyelerine")
    with app.test_request_context():
        html = render_template(
            "exchange/_public_postings.html", partnership=world.p,
            postings=db.session.scalars(queries.public_postings(world.p)).all(),
        )
    assert "Herkese açık staj" in html and "Hub üyelerine" not in html


@pytest.mark.parametrize("url", [f"{P}/exchange", "/exchange"])
def test_board_query_count_is_constant(client, login_as, world, make_posting, count_queries, url):
    login_as(world.sending_staff)
    make_posting(title="Bir")
    client.get(url)  # warm up (first-request work)
    db.session.commit()  # both requests start with nothing loaded
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for n in range(12):
        make_posting(title=f"Teklif {n}", languages={"en": "B1", "de": "A2"},
                     visibility="hub" if n % 2 else "public")
    db.session.commit()
    with count_queries() as many:
        body = text(client.get(url))
    assert body.count("posting-card") >= 13
    assert many.count == few.count, many.statements


def test_workspace_card_fragment(app, world, make_posting):
    from flask import render_template
    from flask_login import login_user

    make_posting(title="Açık teklif")
    with app.test_request_context():
        login_user(world.host_staff)
        stmt = queries.board(world.host_staff, partnership=world.p, include_private=True)
        html = render_template(
            "exchange/_workspace_card.html", partnership=world.p,
            exchange_postings=db.session.scalars(stmt.limit(3)).all(),
        )
    assert "Açık teklif" in html and "/exchange/new" in html

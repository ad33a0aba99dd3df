"""The workspace home's pictures: activity per month (a bar chart with a data table) and the
partner towns on a map drawn from their latitude and longitude."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hub.db import utcnow
from hub.exchange.models import Posting
from hub.forum.models import Post, Thread
from hub.library.models import Document
from hub.partnerships.activity import bar_tables, distance_km, monthly_activity, town_map
from tests.helpers import said_by_template, said_in_text

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _thread(db, p, when, author=None, **post):
    thread = Thread(partnership_id=p.id, author=author, title="Kompost ihalesi",
                    theme="environment", language="tr", created_at=when, last_activity_at=when)
    db.session.add(thread)
    db.session.flush()
    db.session.add(Post(thread_id=thread.id, author=author, body="İlk mesaj", language="tr",
                        created_at=when, **post))
    db.session.flush()
    return thread


def _document(db, p, when, **fields):
    db.session.add(Document(partnership_id=p.id, title="Ortak bütçe", language="tr",
                            created_at=when, updated_at=when, **fields))
    db.session.flush()


def _posting(db, p, when, status="open", **fields):
    db.session.add(Posting(
        partnership_id=p.id, town_id=p.towns[0].id, title="Hospitation", language="de",
        format="job_shadowing", theme="environment", duration_days=10, deadline=date(2026, 5, 1),
        earliest_start=date(2026, 6, 1), latest_end=date(2026, 7, 1), status=status,
        created_at=when, **fields))
    db.session.flush()


def test_counts_per_month_leave_out_what_is_removed_hidden_or_draft(app, db, world):
    p = world.p
    _thread(db, p, datetime(2026, 3, 2, tzinfo=UTC))
    _thread(db, p, datetime(2026, 3, 3, tzinfo=UTC))
    _thread(db, p, datetime(2026, 1, 31, 23, 59, tzinfo=UTC))
    _thread(db, p, datetime(2026, 3, 4, tzinfo=UTC), deleted_at=NOW)
    _thread(db, p, datetime(2026, 3, 4, tzinfo=UTC), hidden_at=NOW)
    _thread(db, p, datetime(2026, 3, 4, tzinfo=UTC), approval="pending")
    _thread(db, p, datetime(2025, 3, 4, tzinfo=UTC))  # too long ago
    _document(db, p, datetime(2026, 2, 10, tzinfo=UTC))
    _document(db, p, datetime(2026, 2, 11, tzinfo=UTC), deleted_at=NOW)
    _posting(db, p, datetime(2025, 10, 1, tzinfo=UTC))
    _posting(db, p, datetime(2026, 3, 1, tzinfo=UTC), status="draft")
    other = _other_partnership(db, world)
    _thread(db, other, datetime(2026, 3, 2, tzinfo=UTC))

    with app.test_request_context():
        activity = monthly_activity(p, months=6, now=NOW)
    assert [m.first_day for m in activity.months] == [
        date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1),
        date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1),
    ]
    assert [(m.posts, m.documents, m.postings) for m in activity.months] == [
        (0, 0, 1), (0, 0, 0), (0, 0, 0), (1, 0, 0), (0, 1, 0), (2, 0, 0),
    ]
    assert activity.total == 5
    assert activity.months[-1].label == "Mar 2026"

    posts, documents, postings = bar_tables(activity)
    assert [r.count for r in posts.rows] == [0, 0, 0, 1, 0, 2]
    assert [r.bar_percent for r in posts.rows] == [0, 0, 0, 50.0, 0, 100.0]
    assert posts.chart_height == 6 * 30
    assert documents.rows[4].bar_percent == 100.0


def test_month_labels_follow_the_reader(app, db, world):
    with app.test_request_context(headers={"Accept-Language": "tr"}):
        activity = monthly_activity(world.p, months=2, now=NOW)
    assert [m.label for m in activity.months] == ["Şub 2026", "Mar 2026"]


def _other_partnership(db, world):
    from tests.factories import partnership
    return partnership([world.town_a, world.town_b], slug="other")


def test_workspace_home_draws_the_chart_with_a_table_and_the_map(client, login_as, db, world):
    world.town_a.latitude, world.town_a.longitude = 40.2136, 28.9875
    world.town_b.latitude, world.town_b.longitude = 49.8728, 8.6512
    _thread(db, world.p, utcnow())
    _document(db, world.p, utcnow())
    db.session.commit()
    reader = login_as(world.staff).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)

    assert html.count('<svg class="bar-chart" role="img"') == 3
    assert 'aria-describedby="activity-table"' in html
    assert '<table id="activity-table">' in html
    assert said_by_template(reader, "Forum posts") in html
    # The map: a picture with a name, the towns in their own language, the distance in words.
    assert '<svg class="town-map" role="img" aria-labelledby="town-map-title"' in html
    assert said_by_template(reader, "Map of the partner towns") in html
    assert '<text class="map-label"' in html and 'lang="de">Darmstadt</text>' in html
    assert said_in_text(reader, "%(num)s km") % {"num": "1.915"} in html  # Turkish digits


def test_new_workspace_explains_instead_of_drawing_empty_charts(client, login_as, world):
    reader = login_as(world.staff).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert 'class="bar-chart"' not in html
    assert said_by_template(
        reader, "Nothing has happened here yet. The first document, thread or exchange posting "
        "will show up in this picture.") in html
    assert 'class="town-map"' not in html  # the test towns have no coordinates


def test_map_places_towns_by_latitude_and_longitude(make_town):
    west = make_town("Lyon", country="FR", latitude=45.764, longitude=4.8357)
    east = make_town("Çankaya", latitude=39.9179, longitude=32.8627)
    north = make_town("Kraków", country="PL", latitude=50.0647, longitude=19.945)
    nowhere = make_town("Köy")
    m = town_map([west, east, north, nowhere])
    points = {p.town.native_name: p for p in m.points}
    assert set(points) == {"Lyon", "Çankaya", "Kraków"}
    assert points["Lyon"].x < points["Kraków"].x < points["Çankaya"].x
    assert points["Kraków"].y < points["Lyon"].y < points["Çankaya"].y  # north is up
    assert all(0 < p.x < m.width and 0 < p.y < m.height for p in m.points)
    assert points["Çankaya"].label_end and not points["Lyon"].label_end
    assert len(m.lines) == 3
    assert distance_km(west, north) == pytest.approx(1220, abs=15)
    assert town_map([nowhere]) is None


def test_one_town_or_towns_in_one_place_still_fit(make_town):
    a = make_town("A", latitude=41.0, longitude=29.0)
    b = make_town("B", latitude=41.0, longitude=29.0)
    m = town_map([a, b])
    assert all(0 < p.x < m.width and 0 < p.y < m.height for p in m.points)
    assert m.lines[0].km == 0
    assert len(town_map([a]).points) == 1


def test_workspace_home_counts_in_a_fixed_number_of_queries(client, login_as, db, world,
                                                             count_queries):
    for n in range(6):
        _document(db, world.p, utcnow() - timedelta(days=n))
    db.session.commit()
    login_as(world.staff)

    def measure():
        client.get("/p/nilufer-darmstadt")  # after the test's commit, objects reload once
        with count_queries() as counted:
            client.get("/p/nilufer-darmstadt")
        return counted

    few = measure()
    for n in range(1, 6):  # more documents, in other months: the card still shows five
        _document(db, world.p, utcnow() - timedelta(days=31 * n))
    db.session.commit()
    more = measure()
    assert more.count == few.count, set(more.statements) ^ set(few.statements)

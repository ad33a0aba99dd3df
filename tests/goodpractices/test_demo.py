"""The demo good practices: five published entries, approved by a second moderator."""

from __future__ import annotations

from sqlalchemy import select

from hub import demo
from hub.goodpractices.demo import seed_good_practices
from hub.goodpractices.models import GoodPractice, Nomination


def test_seed_good_practices_publishes_five_entries_once(client, db):
    demo.load()
    seed_good_practices()  # (demo.load() may have done it already)
    db.session.commit()
    assert seed_good_practices() == 0  # safe to run again
    entries = db.session.scalars(select(GoodPractice)).all()
    assert len(entries) == 5 and {p.state for p in entries} == {"published"}
    assert all(p.approved_by_id != p.created_by_id for p in entries)
    assert {p.language for p in entries} == {"en", "tr", "fr"}
    assert db.session.scalars(select(Nomination)).one().status == "open"
    html = client.get("/good-practices").get_data(as_text=True)
    assert "5 good practices" in html and "Gençlik meclisi" in html
    waste = next(p for p in entries if p.title.startswith("Separate collection"))
    page = client.get(f"/good-practices/{waste.id}").get_data(as_text=True)
    # the tender thread is for members only: a visitor is told it exists, without the link
    assert "for its members only" in page
    assert "Workshop report: community composting" in page

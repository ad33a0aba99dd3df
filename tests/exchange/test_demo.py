"""The exchange demo data: every state on show, loaded twice without duplicates."""

from __future__ import annotations

from sqlalchemy import func, select

from hub import demo
from hub.exchange.demo import seed_exchange
from hub.exchange.models import APPLICATION_STATUSES, Application, Placement, Posting
from hub.extensions import db
from tests.exchange.helpers import text


def _counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(m))
        for m in (Posting, Application, Placement)
    )


def test_seed_shows_every_state_and_is_idempotent(app):
    demo.load()
    seed_exchange()
    db.session.commit()
    first = _counts()
    seed_exchange()
    db.session.commit()
    assert _counts() == first

    statuses = set(db.session.scalars(select(Application.status)))
    assert statuses == set(APPLICATION_STATUSES)
    postings = db.session.scalars(select(Posting)).all()
    assert {(p.kind, p.status) for p in postings} >= {
        ("offer", "open"), ("request", "open"), ("offer", "submitted"), ("offer", "closed"),
    }
    for p in postings:
        assert p.places_taken <= p.places
        assert p.deadline < p.earliest_start < p.latest_end
    completed = db.session.scalars(
        select(Placement).where(Placement.completed_at.is_not(None))
    ).all()
    assert len(completed) == 2
    assert all({r.role for r in pl.reports} == {"participant", "host"} for pl in completed)


def test_demo_pages_render(app, client, login_as):
    demo.load()
    seed_exchange()
    db.session.commit()
    from hub.accounts.models import User

    ayse = db.session.scalar(select(User).where(User.email == demo.email_for("coordinator.tr")))
    login_as(ayse)
    board = client.get("/p/nilufer-darmstadt/exchange")
    assert board.status_code == 200
    hospitation = db.session.scalar(
        select(Posting).where(Posting.title.startswith("Hospitation im Umweltamt"))
    )
    # Its card (titled in Turkish for her when the demo has a translation of it).
    assert f'/exchange/{hospitation.id}"' in text(board)
    assert "İklim uyum planı için çalışma ziyareti" in text(board)  # waits for her approval
    assert client.get("/p/nilufer-darmstadt/exchange/applications").status_code == 200
    assert client.get("/p/nilufer-darmstadt/exchange/indicators").status_code == 200
    for placement in db.session.scalars(select(Placement)):
        slug = placement.partnership.slug
        if slug == "nilufer-darmstadt":
            assert client.get(f"/p/{slug}/exchange/placements/{placement.id}").status_code == 200
    login_as(None)
    public = text(client.get("/exchange"))
    assert "Stage : services aux personnes âgées" in public
    assert "Mali Hizmetler" not in public  # hub members only

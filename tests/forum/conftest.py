"""A small world for forum tests: one partnership (Nilüfer–Darmstadt) with a coordinator and
staff, another partnership with its own staff, a citizen, a moderator, and two threads."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.extensions import db as _db
from hub.forum import services
from hub.forum.models import Post, Thread
from tests import factories


@dataclass
class World:
    p: object
    other_p: object
    staff: object
    coordinator: object
    citizen: object
    moderator: object
    other_staff: object
    private: Thread
    public: Thread

    def url(self, thread: Thread | None = None, suffix: str = "") -> str:
        base = f"/p/{self.p.slug}/forum"
        return f"{base}/{thread.id}{suffix}" if thread is not None else base + suffix

    def user(self, role: str):
        return None if role == "visitor" else getattr(self, role.replace("-", "_"))


def old_account(user) -> None:
    """Make the account older than a day (the normal posting limits apply)."""
    from datetime import timedelta

    from hub.db import utcnow

    user.created_at = utcnow() - timedelta(days=30)


@pytest.fixture
def world(app):
    nilufer = factories.town("Nilüfer", latin_name="Nilufer", country="TR", slug="nilufer")
    darmstadt = factories.town("Darmstadt", country="DE", slug="darmstadt",
                               official_languages=["de"])
    p = factories.partnership(
        [nilufer, darmstadt], name="Nilüfer – Darmstadt", slug="nilufer-darmstadt"
    )
    other_p = factories.partnership(name="Çankaya – Lyon", slug="cankaya-lyon")
    # English UI (tests read English messages); the e-mail tests set other locales.
    staff = factories.user(display_name="Ayşe Yılmaz")
    coordinator = factories.user(display_name="Jürgen Schäfer")
    citizen = factories.user(display_name="Zofia Wiśniewska")
    moderator = factories.user(display_name="Ελένη Παπαδοπούλου", site_role="moderator")
    other_staff = factories.user(display_name="Émile Durand")
    for u in (staff, coordinator, citizen, moderator, other_staff):
        old_account(u)
    factories.membership(staff, p, nilufer)
    factories.membership(coordinator, p, darmstadt, role="coordinator")
    factories.membership(other_staff, other_p)
    private = services.create_thread(
        p, staff, title="Atık toplama ihalesi: deneyimleriniz?",
        body="İhale şartnamesini nasıl hazırladınız?", theme="environment", language="tr",
        visibility="members",
    )
    public = services.create_thread(
        p, coordinator, title="Jugendrat: wie fangen wir an?", body="Wir gründen einen Jugendrat.",
        theme="good_governance", language="de", visibility="public",
    )
    _db.session.commit()
    return World(p, other_p, staff, coordinator, citizen, moderator, other_staff, private, public)


def first_post(thread: Thread) -> Post:
    from sqlalchemy import select

    return _db.session.scalar(select(Post).where(Post.thread_id == thread.id).order_by(Post.id))


def measure_page(client, db, count_queries, url: str) -> int:
    """SQL statements of one GET of `url`, in the same conditions every time: pending jobs
    (e-mail left by the set-up's commits) are run first and the session starts empty."""
    client.get(url)
    db.session.expire_all()
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count

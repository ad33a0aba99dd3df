"""A small world for moderation tests: the Nilüfer–Darmstadt partnership with staff and a
coordinator, another partnership with its own coordinator, three citizens who flag things, two
moderators and an admin; a public and a private thread, a document and an exchange posting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.db import utcnow
from hub.exchange.models import Posting
from hub.extensions import db as _db
from hub.forum import services as forum_services
from hub.forum.models import Post, Thread
from hub.library.models import Document, DocumentVersion
from hub.moderation.models import Flag, ModerationAction
from tests import factories


@dataclass
class World:
    p: object
    other_p: object
    author: object  # staff of the partnership: writes the content that gets flagged
    staff: object
    coordinator: object
    other_coordinator: object
    citizens: list
    moderator: object
    moderator2: object
    admin: object
    public: Thread
    private: Thread
    document: Document
    posting: Posting

    @property
    def citizen(self):
        return self.citizens[0]

    def user(self, role: str):
        return None if role == "visitor" else getattr(self, role)

    def reply(self, thread=None, body="Katılıyorum, çok faydalı.") -> Post:
        post = forum_services.add_reply(thread or self.public, self.author, body=body,
                                        language="tr")
        _db.session.commit()
        return post


def old(user) -> None:
    user.created_at = utcnow() - timedelta(days=60)


def make_document(p, user, *, title: str, visibility: str = "public",
                  description: str = "") -> Document:
    document = Document(
        partnership=p, title=title, title_key=title.lower(), description=description,
        language="tr", theme="environment", visibility=visibility, current_version_number=1,
        created_by_id=user.id, search_meta=title.lower(),
    )
    document.versions.append(DocumentVersion(
        number=1, filename="rapor.pdf", sha256="a" * 64, size=1000, kind="pdf",
        media_type="application/pdf", uploaded_by_id=user.id,
        extracted_text="Kompost tesisi raporu: çöp ayrıştırma oranı %92.",
    ))
    _db.session.add(document)
    _db.session.flush()
    return document


def make_posting(p, town, user) -> Posting:
    today = utcnow().date()
    posting = Posting(
        partnership=p, town=town, host_town=town, kind="offer",
        title="Çevre yönetiminde iş başında gözlem", description="Atık yönetimi ekibimize katılın.",
        language="tr", format="job_shadowing", theme="environment", duration_days=10,
        earliest_start=today + timedelta(days=30), latest_end=today + timedelta(days=90),
        places=1, deadline=today + timedelta(days=20), contact="ayse@example.org",
        visibility="public", status="open", created_by=user, opened_at=utcnow(),
    )
    _db.session.add(posting)
    _db.session.flush()
    return posting


@pytest.fixture
def world(app) -> World:
    nilufer = factories.town("Nilüfer", latin_name="Nilufer", country="TR", slug="nilufer")
    darmstadt = factories.town("Darmstadt", country="DE", slug="darmstadt",
                               official_languages=["de"])
    p = factories.partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt",
                              slug="nilufer-darmstadt")
    other_p = factories.partnership(name="Çankaya – Lyon", slug="cankaya-lyon")
    author = factories.user(display_name="Ayşe Yılmaz", locale="tr", email="ayse@example.org")
    staff = factories.user(display_name="Mehmet Öztürk")
    coordinator = factories.user(display_name="Jürgen Weiß")
    other_coordinator = factories.user(display_name="Claire Dubois")
    citizens = [factories.user(display_name=name)
                for name in ("Zeynep Kaya", "Γιώργος Νικολάου", "Иван Петров")]
    moderator = factories.user(display_name="Katarzyna Nowak", site_role="moderator",
                               languages={"pl": "native", "tr": "B2"})
    moderator2 = factories.user(display_name="Ελένη Παπαδοπούλου", site_role="moderator",
                                languages={"el": "native", "en": "C1"})
    admin = factories.user(display_name="Elif Aydın", site_role="admin")
    for u in (author, staff, coordinator, other_coordinator, *citizens, moderator, moderator2,
              admin):
        old(u)
    factories.membership(author, p, nilufer)
    factories.membership(staff, p, nilufer)
    factories.membership(coordinator, p, darmstadt, role="coordinator")
    factories.membership(other_coordinator, other_p, role="coordinator")
    public = forum_services.create_thread(
        p, author, title="Gençlik meclisi nasıl kurulur?", body="Nilüfer'de 2015'ten beri…",
        theme="good_governance", language="tr", visibility="public")
    private = forum_services.create_thread(
        p, author, title="İhale şartnamesi taslağı", body="Taslak ekte.",
        theme="environment", language="tr", visibility="members")
    document = make_document(p, author, title="Kompost raporu 2024")
    posting = make_posting(p, nilufer, author)
    _db.session.commit()
    return World(p, other_p, author, staff, coordinator, other_coordinator, citizens,
                 moderator, moderator2, admin, public, private, document, posting)


def flags_on(target_type: str, target_id: int) -> list[Flag]:
    _db.session.expire_all()
    return list(_db.session.scalars(select(Flag).where(
        Flag.target_type == target_type, Flag.target_id == target_id).order_by(Flag.id)))


def actions(action: str | None = None) -> list[ModerationAction]:
    stmt = select(ModerationAction).order_by(ModerationAction.id)
    if action:
        stmt = stmt.where(ModerationAction.action == action)
    _db.session.expire_all()
    return list(_db.session.scalars(stmt))


def count(model) -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count()).select_from(model))


def flag_data(reason: str = "spam", note: str = "") -> dict:
    return {"reason": reason, "note": note}


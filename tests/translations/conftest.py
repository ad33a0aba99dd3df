"""A world for translation tests: the Nilüfer–Darmstadt partnership, a public Turkish thread, and
people who read different languages (translations are made from Turkish into English, the UI
language of the readers here, so that the labels are read in English)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from hub.db import utcnow
from hub.extensions import db as _db
from hub.forum import services as forum
from hub.forum.models import Post, Thread
from tests import factories


@dataclass
class World:
    p: object
    translator: object  # Ayşe: Turkish native, English C1 — staff in Nilüfer
    verifier: object  # Mehmet: Turkish native, English B2 — staff in Nilüfer
    coordinator: object  # Jürgen: German native, English C1, Turkish A2 — coordinator
    citizen: object  # Zofia: Polish native, English B1 — not a member
    thread: Thread
    private: Thread

    @property
    def post(self) -> Post:
        return _db.session.scalar(
            select(Post).where(Post.thread_id == self.thread.id).order_by(Post.id)
        )

    def thread_url(self, thread: Thread | None = None) -> str:
        return f"/p/{self.p.slug}/forum/{(thread or self.thread).id}"

    def edit_url(self, post: Post, language: str = "en") -> str:
        return f"/translations/post/{post.id}/body/{language}/edit"


@pytest.fixture
def world(app) -> World:
    nilufer = factories.town("Nilüfer", latin_name="Nilufer", country="TR", slug="nilufer")
    darmstadt = factories.town("Darmstadt", country="DE", slug="darmstadt",
                               official_languages=["de"])
    p = factories.partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt",
                              slug="nilufer-darmstadt")
    translator = factories.user(display_name="Ayşe Yılmaz",
                                languages={"tr": "native", "en": "C1"})
    verifier = factories.user(display_name="Mehmet Işık", languages={"tr": "native", "en": "B2"})
    coordinator = factories.user(display_name="Jürgen Schäfer",
                                 languages={"de": "native", "en": "C1", "tr": "A2"})
    citizen = factories.user(display_name="Zofia Wiśniewska",
                             languages={"pl": "native", "en": "B1"})
    for u in (translator, verifier, coordinator, citizen):
        u.created_at = utcnow() - timedelta(days=30)
    factories.membership(translator, p, nilufer)
    factories.membership(verifier, p, nilufer)
    factories.membership(coordinator, p, darmstadt, role="coordinator")
    thread = forum.create_thread(
        p, translator, title="Atık toplama ihalesi: deneyimleriniz?",
        body="İhale şartnamesini nasıl hazırladınız? Belediye meclisi ŞUBAT ayında karar verdi.",
        theme="environment", language="tr", visibility="public",
    )
    private = forum.create_thread(
        p, translator, title="Bütçe taslağı", body="Gizli bütçe görüşmesi.",
        theme="environment", language="tr", visibility="members",
    )
    _db.session.commit()
    return World(p, translator, verifier, coordinator, citizen, thread, private)

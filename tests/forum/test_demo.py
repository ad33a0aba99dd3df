"""The demo forum: realistic threads in Turkish, German, French, Polish and Greek."""

from __future__ import annotations

from sqlalchemy import func, select

from hub import demo
from hub.forum.demo import seed_forum
from hub.forum.models import Post, Thread


def test_seed_forum_adds_threads_in_five_languages_once(client, db):
    demo.load()  # seeds the forum as part of the demo content
    db.session.commit()
    assert db.session.scalar(select(func.count(Thread.id))) == 6
    languages = set(db.session.scalars(select(Post.language)))
    assert {"tr", "de", "fr", "pl", "el"} <= languages
    assert db.session.scalar(select(func.count(Thread.id)).where(Thread.visibility == "public"))
    assert db.session.scalar(select(func.count(Thread.id)).where(Thread.pinned.is_(True))) == 1
    assert seed_forum() == 0  # safe to run again
    html = client.get("/forum").get_data(as_text=True)
    assert "Άσκηση σεισμού" in html and "Festiwal Młodzieży" in html

"""Two people replying at the same moment both get their post, in order; counts stay exact.

Runs against a SQLite file (the in-memory test database has a single connection), with real
threads posting through the app at the same time.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from hub import create_app
from hub.extensions import db
from hub.forum import queries, services
from hub.forum.models import Post, Thread
from tests import factories

REPLIES_EACH = 10


def test_concurrent_replies_are_all_stored_in_order(tmp_path):
    app = create_app({
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 30}},
        "FORUM_POST_LIMIT": "1000 per minute",
        "FORUM_POST_LIMIT_NEW_ACCOUNT": "1000 per minute",
        "WTF_CSRF_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
        p = factories.partnership(slug="yaris")
        people = [factories.user(display_name=n) for n in ("Ayşe Yılmaz", "Jürgen Schäfer")]
        for person in people:
            factories.membership(person, p)
        thread = services.create_thread(p, people[0], title="Aynı anda", body="Başla",
                                        theme="environment", language="tr",
                                        visibility="members")
        db.session.commit()
        ids = [(u.get_id()) for u in people]
        url = f"/p/yaris/forum/{thread.id}/reply"

    start = threading.Barrier(len(ids))
    failures: list[str] = []

    def reply_many(user_id: str, name: str) -> None:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        start.wait()
        for i in range(REPLIES_EACH):
            response = client.post(url, data={"body": f"{name} {i}", "language": "tr"})
            if response.status_code != 303:
                failures.append(f"{name} {i}: {response.status_code}")

    workers = [threading.Thread(target=reply_many, args=(uid, f"u{n}"))
               for n, uid in enumerate(ids)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not failures

    with app.app_context():
        posts = db.session.scalars(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.id)
        ).all()
        assert len(posts) == 1 + 2 * REPLIES_EACH
        for name in ("u0", "u1"):  # each person's replies in the order they were sent
            mine = [post.body for post in posts if post.body.startswith(name)]
            assert mine == [f"{name} {i}" for i in range(REPLIES_EACH)]
        saved = db.session.get(Thread, thread.id)
        assert saved.last_post_id == posts[-1].id  # never moved backwards
        row = queries.thread_page(None, partnership=saved.partnership, include_private=True)
        assert row.items[0].reply_count == 2 * REPLIES_EACH
        assert db.session.scalar(select(func.count(Post.id))) == len(posts)
        db.session.remove()
        db.engine.dispose()

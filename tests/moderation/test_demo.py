"""The demo moderation: flags in the queue, one item hidden automatically."""

from __future__ import annotations

from sqlalchemy import func, select

from hub import demo
from hub.forum.models import Post
from hub.moderation.demo import seed_moderation
from hub.moderation.models import Flag, ModerationAction


def test_seed_moderation_fills_the_queue_once(client, db, login_as):
    demo.load()
    seed_moderation()  # (demo.load() may have done it already)
    db.session.commit()
    assert db.session.scalar(select(func.count(Flag.id))) == 5
    assert seed_moderation() == 0  # safe to run again
    hidden = db.session.scalars(select(Post).where(Post.hidden_at.is_not(None))).all()
    assert len(hidden) == 1 and "baklava" in hidden[0].body
    # the log also holds the demo good practices' approvals: look at the automatic hiding only
    autohidden = db.session.scalars(
        select(ModerationAction).where(ModerationAction.action == "moderation.autohide")).all()
    assert [(a.target_type, a.target_id) for a in autohidden] == [("forum_post", hidden[0].id)]
    moderator = db.session.scalar(select(demo.User).where(
        demo.User.email == demo.email_for("moderator")))
    login_as(moderator)
    html = client.get("/moderation").get_data(as_text=True)
    assert "3 items wait for review" in html
    assert "Amélie" in html and "Workshop report: community composting" in html

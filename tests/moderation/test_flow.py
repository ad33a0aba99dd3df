"""Flag → auto-hide → queue → action → author notified → audit row, for every kind of target;
the snapshot survives edits and deletion; audit rows survive the deletion of a user."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from hub.accounts.models import User
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.moderation.models import Flag, ModerationAction
from hub.notifications.models import Notification
from tests.helpers import said_in_text
from tests.moderation.conftest import actions, flag_data, flags_on

KINDS = ["post", "thread", "document", "posting", "user"]


def target(world, kind: str):
    if kind == "post":
        return world.reply(body="Bu ilanı görün: ucuz saat satıyorum!!!")
    return {"thread": world.public, "document": world.document, "posting": world.posting,
            "user": world.author}[kind]


def notifications_of(user, prefix: str = "moderation.") -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(
        Notification.user_id == user.id, Notification.kind.startswith(prefix)
    ).order_by(Notification.id)))


@pytest.mark.parametrize("kind", KINDS)
def test_flag_autohide_queue_action_notice_and_audit(kind, client, login_as, world, outbox):
    obj = target(world, kind)
    url = f"/moderation/flag/{kind}/{obj.id}"
    for i, citizen in enumerate(world.citizens):
        login_as(citizen)
        page = client.get(url)
        assert page.status_code == 200 and 'name="reason"' in page.get_data(as_text=True)
        response = client.post(url, data=flag_data("spam", note=f"Reklam {i} — ğüşiöç"))
        assert response.status_code == 303
    flags = flags_on(kind, obj.id)
    assert [f.reporter_id for f in flags] == [c.id for c in world.citizens]
    assert flags[0].snapshot["title"] and flags[0].note == "Reklam 0 — ğüşiöç"
    assert flags[0].author_id == world.author.id and flags[0].language == "tr"

    db.session.expire_all()
    hideable = kind != "user"
    if hideable:
        assert db.session.get(type(obj), obj.id).hidden_at is not None
        assert [a.reason_code for a in actions("moderation.autohide")] == ["spam"]
        notice = notifications_of(world.author)
        assert [n.kind for n in notice] == ["moderation.autohidden.spam"]
        mail = outbox(world.author.email)[-1]
        assert mail.locale == "tr"
        assert said_in_text("tr", "Hello %(name)s,", name="Ayşe Yılmaz") in mail.body_text
        assert "/moderation/notices/" in mail.body_text
    else:
        assert actions("moderation.autohide") == []

    login_as(world.moderator)
    queue = client.get("/moderation").get_data(as_text=True)
    assert f'id="item-{kind}-{obj.id}"' in queue
    assert "Reklam 2 — ğüşiöç" in queue and "Written in Turkish" in queue

    action = "hide" if kind != "user" else "warn"
    if hideable:
        action = "delete"
    response = client.htmx_post(f"/moderation/items/{kind}/{obj.id}", data={
        "action": action, f"item-{kind}-{obj.id}-reason_code": "spam",
        f"item-{kind}-{obj.id}-reason": "Reklam içeriği: kurallara aykırı.",
    })
    assert response.status_code == 200, response.get_data(as_text=True)
    row = response.get_data(as_text=True)
    assert f'id="item-{kind}-{obj.id}"' in row and "<html" not in row
    logged = actions(f"moderation.{action}")
    assert len(logged) == 1
    assert logged[0].actor_id == world.moderator.id
    assert logged[0].reason == "Reklam içeriği: kurallara aykırı."
    assert logged[0].subject_user_id == world.author.id
    kinds = [n.kind for n in notifications_of(world.author)]
    assert kinds[-1] == ("moderation.deleted.spam" if hideable else "moderation.warned.spam")
    if hideable:
        assert all(not f.is_open for f in flags_on(kind, obj.id))
        assert "Nothing waits for review" in client.get("/moderation").get_data(as_text=True)


def test_snapshot_survives_edits_and_deletion(client, login_as, world):
    post = world.reply(body="İlk hali: telefon numaram 0532 000 00 00")
    post_id, thread_id = post.id, world.public.id
    login_as(world.citizen)
    client.post(f"/moderation/flag/post/{post_id}", data=flag_data("personal_data"))
    login_as(world.author)
    edit = client.post(f"/p/{world.p.slug}/forum/{thread_id}/posts/{post_id}/edit",
                       data={"body": "Düzeltilmiş metin"})
    assert edit.status_code == 303
    login_as(world.moderator)
    page = client.get(f"/moderation/items/post/{post_id}").get_data(as_text=True)
    assert "İlk hali: telefon numaram 0532 000 00 00" in page
    assert "Edited since it was flagged" in page
    # the whole thread is deleted by a moderator: the snapshot stays
    client.post(f"/moderation/flag/thread/{thread_id}", data=flag_data("spam"))
    response = client.post(f"/moderation/items/thread/{thread_id}", data={
        "action": "delete", f"item-thread-{thread_id}-reason_code": "spam",
        f"item-thread-{thread_id}-reason": "Spam thread",
    })
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Thread, thread_id) is None
    assert db.session.get(Post, post_id) is None
    page = client.get(f"/moderation/items/post/{post_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "İlk hali: telefon numaram 0532 000 00 00" in html and "Deleted since" in html
    # only the flags are left: they can still be settled
    response = client.post(f"/moderation/items/post/{post_id}", data={
        "action": "dismiss", f"item-post-{post_id}-reason_code": "personal_data",
        f"item-post-{post_id}-reason": "Thread deleted",
    })
    assert response.status_code == 303
    assert all(not f.is_open for f in flags_on("post", post_id))


def test_audit_rows_survive_user_deletion(client, login_as, world):
    post = world.reply()
    login_as(world.citizen)
    client.post(f"/moderation/flag/post/{post.id}", data=flag_data("abusive"))
    login_as(world.moderator)
    client.post(f"/moderation/items/post/{post.id}", data={
        "action": "hide", f"item-post-{post.id}-reason_code": "abusive",
        f"item-post-{post.id}-reason": "Hakaret",
    })
    before = actions()
    assert [a.action for a in before] == ["moderation.hide"]
    # the author and the moderator are deleted from the database outright
    for user in (world.author, world.moderator, world.citizen):
        db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()
    after = actions()
    assert [(a.id, a.actor_name, a.subject_user_id) for a in after] == [
        (before[0].id, "Katarzyna Nowak", world.author.id)]
    assert len(db.session.scalars(select(Flag)).all()) == 1
    login_as(world.admin)
    log = client.get("/moderation/log").get_data(as_text=True)
    assert "Katarzyna Nowak" in log and "Hakaret" in log


def test_audit_rows_cannot_be_changed_through_the_orm(world, db):
    from hub.moderation.services import record_action

    row = record_action(world.moderator, "moderation.warn", "user", world.author.id, "x")
    db.session.commit()
    row.reason = "changed"
    with pytest.raises(RuntimeError):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(RuntimeError):
        db.session.delete(db.session.get(ModerationAction, row.id))
        db.session.commit()
    db.session.rollback()

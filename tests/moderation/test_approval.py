"""New accounts: the first posts of a citizen account in public threads wait for approval."""

from __future__ import annotations

from sqlalchemy import select

from hub.extensions import db
from hub.forum.models import Post
from hub.notifications.models import Notification
from tests.moderation.conftest import actions, flags_on, old


def reply(client, world, body: str, thread=None):
    thread = thread or world.public
    return client.post(f"/p/{world.p.slug}/forum/{thread.id}/reply",
                       data={"body": body, "language": "tr"})


def latest_post() -> Post:
    db.session.expire_all()
    return db.session.scalar(select(Post).order_by(Post.id.desc()).limit(1))


def test_first_posts_of_a_citizen_wait_for_approval(client, login_as, world, make_user):
    newcomer = make_user(display_name="Yeni Üye Şule")
    login_as(newcomer)
    response = reply(client, world, "Merhaba, ben de katılmak istiyorum!")
    assert response.status_code == 303
    post = latest_post()
    assert post.approval == "pending"
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "waits for a moderator" in page and "Waiting for approval" in page
    assert "Merhaba, ben de katılmak istiyorum!" in page  # the author sees their own post
    [held] = flags_on("post", post.id)
    assert held.reason == "approval" and held.reporter_id is None
    assert held.snapshot["body"] == "Merhaba, ben de katılmak istiyorum!"
    # nobody else sees it, and the thread does not move on
    login_as(world.citizen)
    html = client.get(f"/p/{world.p.slug}/forum/{world.public.id}").get_data(as_text=True)
    assert "Merhaba, ben de katılmak istiyorum!" not in html
    db.session.expire_all()
    assert world.public.last_post_id != post.id
    assert db.session.scalars(select(Notification).where(
        Notification.kind == "forum.reply")).all() == []
    # the moderator approves it from the queue
    login_as(world.moderator)
    queue = client.get("/moderation").get_data(as_text=True)
    assert "New account: waits for approval" in queue and 'value="approve"' in queue
    assert 'value="dismiss"' not in queue
    response = client.htmx_post(f"/moderation/items/post/{post.id}", data={
        "action": "approve", f"item-post-{post.id}-reason_code": "other",
        f"item-post-{post.id}-reason": "Uygun",
    })
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Post, post.id).approval == "approved"
    assert world.public.last_post_id == post.id
    kinds = [n.kind for n in db.session.scalars(select(Notification))]
    assert "forum.reply" in kinds  # the followers hear of it now
    assert "moderation.approved.other" in kinds
    assert [a.action for a in actions()] == ["moderation.approve"]
    login_as(world.citizen)
    html = client.get(f"/p/{world.p.slug}/forum/{world.public.id}").get_data(as_text=True)
    assert "Merhaba, ben de katılmak istiyorum!" in html


def test_rejected_posts_stay_hidden_and_later_posts_are_free(app, client, login_as, world,
                                                              make_user):
    newcomer = make_user(display_name="Ελένη Νέα")
    old(newcomer)  # older than a day: the normal posting limits apply
    db.session.commit()
    login_as(newcomer)
    reply(client, world, "Spam spam")
    first = latest_post()
    login_as(world.coordinator)
    client.post(f"/moderation/items/post/{first.id}", data={
        "action": "reject", f"item-post-{first.id}-reason_code": "spam",
        f"item-post-{first.id}-reason": "Reklam",
    })
    db.session.expire_all()
    assert db.session.get(Post, first.id).approval == "rejected"
    login_as(newcomer)
    html = client.get(f"/p/{world.p.slug}/forum/{world.public.id}").get_data(as_text=True)
    assert "Not approved" in html
    for i in range(2):
        reply(client, world, f"Gerçek katkı {i}")
        post = latest_post()
        assert post.approval == "pending"
        post.approval = "approved"
        db.session.commit()
    reply(client, world, "Üçüncü katkı")
    assert latest_post().approval == "approved"  # two approved posts: trusted now


def test_members_moderators_and_private_threads_are_never_held(app, client, login_as, world):
    login_as(world.staff)
    reply(client, world, "Üye yanıtı")
    assert latest_post().approval == "approved"
    login_as(world.moderator)
    reply(client, world, "Moderatör yanıtı")
    assert latest_post().approval == "approved"
    app.config["HUB_NEW_ACCOUNT_APPROVALS"] = 0
    try:
        login_as(world.citizen)
        reply(client, world, "Ayar kapalı")
        assert latest_post().approval == "approved"
    finally:
        del app.config["HUB_NEW_ACCOUNT_APPROVALS"]

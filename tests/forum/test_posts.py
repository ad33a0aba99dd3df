"""Replies, previews, quotes, mentions, edits, removal, reactions, solution, pin/lock, follows,
new replies while reading, and the thread page's constant number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.db import utcnow
from hub.forum import services
from hub.forum.models import Post, PostRevision, Reaction, Subscription
from hub.moderation.models import ModerationAction
from hub.notifications.models import Notification
from tests.forum.conftest import first_post, measure_page


def posts_in(db, thread) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id))


def notifications_of(db, user, kind=None) -> list[Notification]:
    db.session.expire_all()
    stmt = select(Notification).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    return list(db.session.scalars(stmt))


# --- replying -------------------------------------------------------------------------------

def test_reply_without_javascript_redirects_to_the_post(client, login_as, world, db):
    login_as(world.coordinator)
    response = client.post(world.url(world.private, "/reply"),
                           data={"body": "Şartnameyi paylaşıyorum.", "language": "de"})
    assert response.status_code == 303
    post = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert response.headers["Location"] == f"{world.url(world.private)}#post-{post.id}"
    assert post.body == "Şartnameyi paylaşıyorum." and post.language == "de"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Şartnameyi paylaşıyorum." in page and "Your reply has been posted." in page


def test_reply_with_htmx_appends_the_post_and_resets_the_form(client, login_as, world, db):
    after = first_post(world.private).id
    services.add_reply(world.private, world.staff, body="Arada gelen yanıt", language="tr")
    db.session.commit()
    login_as(world.coordinator)
    response = client.htmx_post(world.url(world.private, "/reply"),
                                data={"body": "Meine Antwort", "language": "de",
                                      "after": str(after)})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert 'id="reply-form"' in html and "autofocus" in html
    textarea = re.search(r'<textarea id="reply-body"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert textarea.strip() == ""  # the form comes back empty
    oob = html[html.index('hx-swap-oob="beforeend:#posts"'):]
    assert "Arada gelen yanıt" in oob and "Meine Antwort" in oob  # also what came meanwhile
    newest = db.session.scalar(select(func.max(Post.id)))
    assert f'name="after" value="{newest}"' in html  # the poller starts after the new post
    assert "Your reply has been posted." in html  # announced through the live region


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Please write something before posting."),
        ("   \n  ", "Please write something before posting."),
        ("ş" * 50_001, "A post can have at most 50,000 characters."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_replies_are_refused_and_the_text_kept(client, login_as, world, db, body, message,
                                                   htmx):
    login_as(world.staff)
    before = posts_in(db, world.private)
    post = client.htmx_post if htmx else client.post
    response = post(world.url(world.private, "/reply"), data={"body": body, "language": "tr"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert ("<html" in html) is not htmx
    if body.strip():
        assert body in html
    assert posts_in(db, world.private) == before


@pytest.mark.parametrize("state, message", [
    ("locked", "This thread is locked: no new replies."),
    ("suspended", "Your account is suspended"),
    ("unverified", "Please confirm your e-mail address before you post."),
])
def test_refused_replies_keep_the_text(client, login_as, world, db, state, message):
    if state == "locked":
        world.private.locked = True
    elif state == "suspended":
        world.staff.suspended_until = utcnow() + timedelta(days=1)
    else:
        world.staff.verified_at = None
    db.session.commit()
    login_as(world.staff)
    before = posts_in(db, world.private)
    for post in (client.post, client.htmx_post):
        response = post(world.url(world.private, "/reply"),
                        data={"body": "Kaybolmasın bu metin", "language": "tr"})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert message in html and "Kaybolmasın bu metin" in html
    assert posts_in(db, world.private) == before
    page = client.get(world.url(world.private)).get_data(as_text=True)
    assert 'id="reply-form"' not in page and message in page


def test_posting_is_rate_limited(client, login_as, world, db, app):
    app.config["FORUM_POST_LIMIT"] = "2 per minute"
    try:
        login_as(world.staff)
        for i in range(2):
            response = client.post(world.url(world.private, "/reply"),
                                   data={"body": f"{i}", "language": "tr"})
            assert response.status_code == 303
        before = posts_in(db, world.private)
        response = client.htmx_post(world.url(world.private, "/reply"),
                                    data={"body": "Üçüncü deneme", "language": "tr"})
        assert response.status_code == 429
        assert "Üçüncü deneme" in response.get_data(as_text=True)
        assert posts_in(db, world.private) == before
    finally:
        del app.config["FORUM_POST_LIMIT"]


def test_citizen_replies_to_a_public_thread(client, login_as, world, db):
    login_as(world.citizen)
    page = client.get(world.url(world.public)).get_data(as_text=True)
    assert 'id="reply-form"' in page
    response = client.post(world.url(world.public, "/reply"),
                           data={"body": "Dziękuję, bardzo ciekawe!", "language": "pl"})
    assert response.status_code == 303
    assert posts_in(db, world.public) == 2


def test_visitor_is_invited_to_sign_in(client, world):
    page = client.get(world.url(world.public)).get_data(as_text=True)
    assert "Sign in to reply." in page and 'id="reply-form"' not in page


# --- preview and quote ----------------------------------------------------------------------

def test_live_preview_fragment_and_page(client, login_as, world):
    login_as(world.staff)
    url = world.url(world.private, "/preview")
    fragment = client.htmx_post(url, data={"body": "**Güzel** <script>x</script>"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert "hx-disable><p><strong>Güzel</strong> &lt;script&gt;" in html
    page = client.post(url, data={"body": "**Güzel**"})
    assert "<html" in page.get_data(as_text=True)
    empty = client.htmx_post(url, data={"body": ""}).get_data(as_text=True)
    assert "Nothing to preview yet." in empty


def test_preview_button_on_reply_stores_nothing(client, login_as, world, db):
    login_as(world.staff)
    for post in (client.post, client.htmx_post):
        response = post(world.url(world.private, "/reply"),
                        data={"body": "_taslak_", "language": "tr", "preview": "Preview"})
        assert response.status_code == 200
        assert "<em>taslak</em>" in response.get_data(as_text=True)
    assert posts_in(db, world.private) == 1


def test_quote_fills_the_reply_box(client, login_as, world):
    login_as(world.coordinator)
    first = first_post(world.private)
    url = world.url(world.private, f"/reply-form?quote={first.id}")
    fragment = client.htmx_get(url).get_data(as_text=True)
    assert "Ayşe Yılmaz wrote:\n&gt; İhale şartnamesini nasıl hazırladınız?" in fragment
    response = client.get(url)
    assert response.status_code == 303
    assert f"quote={first.id}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&gt; İhale şartnamesini nasıl hazırladınız?" in page


# --- mentions and follows -------------------------------------------------------------------

def test_mentions_notify_members_once(client, login_as, world, db):
    login_as(world.staff)
    client.post(world.url(world.private, "/reply"), data={
        "body": "@jürgen schäfer ne dersin? @Zofia Wiśniewska (not a member) @Ayşe Yılmaz",
        "language": "tr"})
    mentions = notifications_of(db, world.coordinator, "forum.mention")
    assert len(mentions) == 1 and mentions[0].actor_name == "Ayşe Yılmaz"
    assert notifications_of(db, world.citizen) == []  # cannot read the private thread
    assert notifications_of(db, world.staff) == []  # not oneself
    # Quoting the post later does not notify again.
    client.post(world.url(world.private, "/reply"), data={
        "body": "> @Jürgen Schäfer ne dersin?\n\nTekrar", "language": "tr"})
    assert len(notifications_of(db, world.coordinator, "forum.mention")) == 1


def test_public_thread_participants_can_be_mentioned(client, login_as, world, db):
    services.add_reply(world.public, world.citizen, body="Pytanie", language="pl")
    db.session.commit()
    login_as(world.coordinator)
    client.post(world.url(world.public, "/reply"),
                data={"body": "@Zofia Wiśniewska danke!", "language": "de"})
    assert [n.kind for n in notifications_of(db, world.citizen)] == ["forum.mention"]


def test_followers_are_notified_and_repliers_follow(client, login_as, world, db):
    login_as(world.coordinator)
    client.post(world.url(world.private, "/reply"), data={"body": "Hallo", "language": "de"})
    assert [n.kind for n in notifications_of(db, world.staff)] == ["forum.reply"]  # the starter
    assert db.session.scalar(select(Subscription).where(
        Subscription.user_id == world.coordinator.id, Subscription.thread_id == world.private.id))
    login_as(world.staff)
    client.post(world.url(world.private, "/reply"), data={"body": "Merhaba", "language": "tr"})
    assert len(notifications_of(db, world.coordinator, "forum.reply")) == 1


def test_unfollow_stops_notifications(client, login_as, world, db):
    login_as(world.staff)
    response = client.htmx_post(world.url(world.private, "/follow"), data={"value": "0"})
    assert response.status_code == 200 and 'aria-pressed="false"' in response.get_data(as_text=True)
    services.add_reply(world.private, world.coordinator, body="x", language="de")
    db.session.commit()
    assert notifications_of(db, world.staff) == []
    response = client.post(world.url(world.private, "/follow"), data={"value": "1"})
    assert response.status_code == 303


def test_former_members_are_not_notified_of_private_threads(world, db):
    from hub.partnerships.models import Membership

    m = db.session.scalar(select(Membership).where(Membership.user_id == world.staff.id))
    db.session.delete(m)
    services.add_reply(world.private, world.coordinator, body="x", language="de")
    db.session.commit()
    assert notifications_of(db, world.staff) == []


# --- edit, history, removal -----------------------------------------------------------------

def test_edit_keeps_history_for_moderators(client, login_as, world, db):
    post = first_post(world.public)
    login_as(world.coordinator)
    response = client.post(world.url(world.public, f"/posts/{post.id}/edit"),
                           data={"body": "Wir gründen einen **Jugendrat** (aktualisiert)."})
    assert response.status_code == 303
    db.session.expire_all()
    assert post.edited_at is not None
    revision = db.session.scalar(select(PostRevision).where(PostRevision.post_id == post.id))
    assert revision.body == "Wir gründen einen Jugendrat."
    page = client.get(world.url(world.public)).get_data(as_text=True)
    assert "edited" in page and "Edit history" in page
    login_as(world.moderator)
    history = client.get(world.url(world.public, f"/posts/{post.id}/history"))
    assert "Wir gründen einen Jugendrat." in history.get_data(as_text=True)
    fragment = client.htmx_get(world.url(world.public, f"/posts/{post.id}/history"))
    assert "<html" not in fragment.get_data(as_text=True)
    login_as(world.citizen)
    page = client.get(world.url(world.public)).get_data(as_text=True)
    assert "edited" in page and "Edit history" not in page


def test_edit_in_place_with_htmx(client, login_as, world, db):
    post = first_post(world.private)
    login_as(world.staff)
    url = world.url(world.private, f"/posts/{post.id}/edit")
    form = client.htmx_get(url).get_data(as_text=True)
    assert f'<article id="post-{post.id}"' in form and "<html" not in form
    assert "İhale şartnamesini nasıl hazırladınız?" in form
    bad = client.htmx_post(url, data={"body": "  "})
    assert bad.status_code == 422 and "Please write something" in bad.get_data(as_text=True)
    good = client.htmx_post(url, data={"body": "Yeni metin"})
    assert good.status_code == 200 and "Yeni metin" in good.get_data(as_text=True)
    cancel = client.htmx_get(world.url(world.private, f"/posts/{post.id}"))
    assert "Yeni metin" in cancel.get_data(as_text=True)
    assert client.get(url).status_code == 200  # the edit page without JavaScript


def test_edit_mentions_notify_only_new_names(client, login_as, world, db):
    post = first_post(world.private)
    login_as(world.staff)
    url = world.url(world.private, f"/posts/{post.id}/edit")
    client.post(url, data={"body": "@Jürgen Schäfer bak"})
    client.post(url, data={"body": "@Jürgen Schäfer bak lütfen"})
    assert len(notifications_of(db, world.coordinator, "forum.mention")) == 1


def test_soft_delete_shows_post_removed(client, login_as, world, db):
    post = services.add_reply(world.private, world.staff, body="Yanlış yere yazdım", language="tr")
    db.session.commit()
    login_as(world.staff)
    response = client.htmx_post(world.url(world.private, f"/posts/{post.id}/delete"))
    assert response.status_code == 200 and "Post removed" in response.get_data(as_text=True)
    page = client.get(world.url(world.private)).get_data(as_text=True)
    assert "Post removed" in page and "Yanlış yere yazdım" not in page
    db.session.expire_all()
    assert db.session.get(Post, post.id).deleted_at is not None  # kept, not deleted
    assert client.post(world.url(world.private, f"/posts/{post.id}/delete")).status_code == 403


def test_moderator_removal_is_in_the_audit_log(client, login_as, world, db):
    post = services.add_reply(world.public, world.citizen, body="Spam", language="pl")
    db.session.commit()
    login_as(world.moderator)
    response = client.post(world.url(world.public, f"/posts/{post.id}/delete"))
    assert response.status_code == 303
    action = db.session.scalar(select(ModerationAction).where(
        ModerationAction.action == "forum.remove_post"))
    assert action.target_id == post.id and action.actor_name == "Ελένη Παπαδοπούλου"


# --- reactions, solution, pin and lock ------------------------------------------------------

def test_reactions_toggle_with_counts(client, login_as, world, db):
    post = first_post(world.public)
    url = world.url(world.public, f"/posts/{post.id}/react")
    login_as(world.citizen)
    html = client.htmx_post(url, data={"value": "helpful"}).get_data(as_text=True)
    assert 'aria-pressed="true"' in html and '<span class="reaction-count">1</span>' in html
    login_as(world.staff)
    client.post(url, data={"value": "helpful"})
    client.post(url, data={"value": "thanks"})
    login_as(world.citizen)
    html = client.htmx_post(url, data={"value": "helpful"}).get_data(as_text=True)  # undo
    assert html.count('<span class="reaction-count">1</span>') == 2
    assert client.post(url, data={"value": "love"}).status_code == 400
    assert db.session.scalar(select(func.count(Reaction.id))) == 2


def test_solution_marked_by_the_starter(client, login_as, world, db):
    answer = services.add_reply(world.private, world.coordinator, body="Bizde böyle", language="de")
    db.session.commit()
    login_as(world.staff)
    response = client.post(world.url(world.private, "/solution"), data={"value": str(answer.id)})
    assert response.status_code == 303
    db.session.expire_all()
    assert world.private.solution_post_id == answer.id
    assert [n.kind for n in notifications_of(db, world.coordinator)] == ["forum.solution"]
    page = client.get(world.url(world.private)).get_data(as_text=True)
    assert "solution-box" in page and "is-solution" in page
    listing = client.get(world.url(suffix="?status=solved")).get_data(as_text=True)
    assert world.private.title in listing
    client.post(world.url(world.private, "/solution"), data={"value": ""})
    db.session.expire_all()
    assert world.private.solution_post_id is None


def test_pin_and_lock_by_coordinator(client, login_as, world, db):
    login_as(world.coordinator)
    assert client.post(world.url(world.private, "/pin"), data={"value": "1"}).status_code == 303
    assert client.post(world.url(world.private, "/lock"), data={"value": "1"}).status_code == 303
    db.session.expire_all()
    assert world.private.pinned and world.private.locked
    actions = db.session.scalars(select(ModerationAction.action)).all()
    assert {"forum.pin", "forum.lock"} <= set(actions)
    login_as(world.staff)
    page = client.get(world.url(world.private)).get_data(as_text=True)
    assert "This thread is locked" in page and 'id="reply-form"' not in page


# --- new replies while reading ----------------------------------------------------------------

def test_polling_answers_204_until_there_is_news(client, login_as, world, db):
    login_as(world.staff)
    last = first_post(world.private).id
    url = world.url(world.private, f"/new?after={last}&known=0")
    response = client.htmx_get(url)
    assert response.status_code == 204 and response.data == b""
    services.add_reply(world.private, world.coordinator, body="Neu", language="de")
    db.session.commit()
    response = client.htmx_get(url)
    assert response.status_code == 200
    assert "1 new reply — show" in response.get_data(as_text=True)
    again = client.htmx_get(world.url(world.private, f"/new?after={last}&known=1"))
    assert again.status_code == 204  # already announced: nothing to swap
    shown = client.htmx_get(world.url(world.private, f"/posts?after={last}"))
    html = shown.get_data(as_text=True)
    assert "Neu" in html and 'hx-swap-oob="true"' in html
    plain = client.get(world.url(world.private, f"/posts?after={last}"))
    assert plain.status_code == 303 and "#post-" in plain.headers["Location"]
    assert client.get(url).status_code == 303  # the poller without htmx: go to the thread


# --- the thread page --------------------------------------------------------------------------

def _fill(world, db, count: int) -> None:
    people = [world.staff, world.coordinator]
    posts = [Post(thread_id=world.private.id, author_id=people[i % 2].id, body=f"Yanıt **{i}**",
                  language="tr", created_at=utcnow()) for i in range(count)]
    db.session.add_all(posts)
    db.session.flush()
    world.private.last_post_id = posts[-1].id
    for post in posts[::3]:
        db.session.add(Reaction(post_id=post.id, user_id=world.coordinator.id, kind="helpful"))
    db.session.commit()


@pytest.mark.parametrize("page", [1, 2])
def test_thread_page_runs_the_same_queries_for_10_and_200_posts(client, login_as, world, db,
                                                               count_queries, page):
    login_as(world.staff)
    _fill(world, db, 9)
    url = world.url(world.private, f"?page={page}")
    ten = measure_page(client, db, count_queries, url)
    _fill(world, db, 190)
    assert measure_page(client, db, count_queries, url) == ten


def test_reading_marks_posts_read_and_notifications_read(client, login_as, world, db):
    services.add_reply(world.private, world.coordinator, body="x", language="de")
    db.session.commit()
    login_as(world.staff)
    assert notifications_of(db, world.staff)[0].read_at is None
    page = client.get(world.url(world.private)).get_data(as_text=True)
    assert "is-new" in page
    assert notifications_of(db, world.staff)[0].read_at is not None
    assert "is-new" not in client.get(world.url(world.private)).get_data(as_text=True)


def test_turkish_and_greek_text_survive(client, login_as, world, db):
    text = "İıŞşĞğÇçÖöÜü — Ελληνικά — Български"
    login_as(world.staff)
    client.post(world.url(world.private, "/reply"), data={"body": text, "language": "el"})
    assert text in client.get(world.url(world.private)).get_data(as_text=True)

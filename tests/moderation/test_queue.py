"""The queue: who sees which items, languages first, the actions with and without htmx, bad
input, suspension and locking, and a fixed number of statements per page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.db import utcnow
from hub.extensions import db
from hub.forum import services as forum_services
from hub.moderation import services
from hub.moderation.models import Flag, ModerationAction
from hub.moderation.targets import get_target
from tests.helpers import said_by_template
from tests.moderation.conftest import actions, count, flags_on


def flag(world, kind, obj, reporter=None, reason="spam"):
    services.flag(reporter or world.citizen, get_target(kind), obj, reason)
    db.session.commit()


def act_data(kind, obj_id, action, reason="Kurallara aykırı", code="spam", **extra):
    prefix = f"item-{kind}-{obj_id}"
    data = {"action": action, f"{prefix}-reason_code": code, f"{prefix}-reason": reason}
    data.update({f"{prefix}-{k}": v for k, v in extra.items()})
    return data


# --- permissions ------------------------------------------------------------------------------

ROLES = ("visitor", "citizen", "staff", "coordinator", "other_coordinator", "moderator", "admin")


@pytest.mark.parametrize("role, queue, item, act, log", [
    ("visitor", "login", "login", "login", "login"),
    ("citizen", 403, 403, 403, 403),
    ("staff", 403, 403, 403, 403),
    ("coordinator", 200, 200, 303, 403),
    ("other_coordinator", 200, 404, 404, 403),
    ("moderator", 200, 200, 303, 200),
    ("admin", 200, 200, 303, 200),
])
def test_permission_matrix(role, queue, item, act, log, client, login_as, world):
    flag(world, "thread", world.public)
    login_as(world.user(role))
    thread_id = world.public.id
    responses = {
        "queue": client.get("/moderation"),
        "item": client.get(f"/moderation/items/thread/{thread_id}"),
        "act": client.post(f"/moderation/items/thread/{thread_id}",
                           data=act_data("thread", thread_id, "dismiss")),
        "log": client.get("/moderation/log"),
    }
    for name, expected in {"queue": queue, "item": item, "act": act, "log": log}.items():
        response = responses[name]
        if expected == "login":
            assert response.status_code == 303, name
            assert "/login" in response.headers["Location"], name
        else:
            assert response.status_code == expected, (name, response.status_code)
    assert count(ModerationAction) == (1 if act == 303 else 0)


def test_coordinators_see_only_their_workspace(client, login_as, world):
    flag(world, "thread", world.public)
    flag(world, "user", world.staff)
    login_as(world.coordinator)
    html = client.get("/moderation").get_data(as_text=True)
    assert f'id="item-thread-{world.public.id}"' in html
    assert f'id="item-user-{world.staff.id}"' not in html  # profiles: hub moderators only
    assert client.get(f"/moderation/items/user/{world.staff.id}").status_code == 404
    login_as(world.other_coordinator)
    html = client.get("/moderation").get_data(as_text=True)
    assert "Nothing waits for review" in html
    login_as(world.moderator)
    html = client.get("/moderation").get_data(as_text=True)
    assert f'id="item-user-{world.staff.id}"' in html and "2 items wait for review" in html


def test_coordinators_cannot_suspend(client, login_as, world):
    post = world.reply()
    flag(world, "post", post)
    login_as(world.coordinator)
    html = client.get("/moderation").get_data(as_text=True)
    assert 'value="suspend"' not in html and 'value="hide"' in html
    response = client.post(f"/moderation/items/post/{post.id}",
                           data=act_data("post", post.id, "suspend", days="3"))
    assert response.status_code == 403
    db.session.expire_all()
    assert world.author.suspended_until is None


def test_items_in_the_moderators_languages_come_first(client, login_as, world):
    staff_post = forum_services.add_reply(world.public, world.staff, body="Dziękuję!",
                                          language="pl")
    greek = forum_services.add_reply(world.public, world.staff, body="Ευχαριστώ",
                                      language="el")
    db.session.commit()
    flag(world, "post", greek)
    flag(world, "post", greek, world.citizens[1])  # the most-flagged item …
    flag(world, "post", staff_post)
    login_as(world.moderator)  # … but Katarzyna reads Polish and Turkish
    html = client.get("/moderation").get_data(as_text=True)
    assert html.index(f'id="item-post-{staff_post.id}"') < html.index(f'id="item-post-{greek.id}"')
    assert "Written in Polish" in html and "A language you read" in html
    only_mine = client.get("/moderation?mine=1").get_data(as_text=True)
    assert f'id="item-post-{greek.id}"' not in only_mine
    login_as(world.moderator2)  # Eleni reads Greek
    html = client.get("/moderation").get_data(as_text=True)
    assert html.index(f'id="item-post-{greek.id}"') < html.index(f'id="item-post-{staff_post.id}"')


def test_queue_filter_answers_a_fragment_to_htmx(client, login_as, world):
    flag(world, "thread", world.public)
    flag(world, "document", world.document)
    login_as(world.moderator)
    fragment = client.htmx_get("/moderation?type=document").get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="queue-results">') and "<html" not in fragment
    assert f'item-document-{world.document.id}"' in fragment
    assert f'item-thread-{world.public.id}"' not in fragment
    page = client.get("/moderation?type=document").get_data(as_text=True)
    assert "<html" in page


def test_action_without_a_reason_is_refused_and_keeps_the_input(client, login_as, world):
    flag(world, "thread", world.public)
    login_as(world.moderator)
    url = f"/moderation/items/thread/{world.public.id}"
    response = client.htmx_post(url, data=act_data("thread", world.public.id, "hide", reason=" ",
                                                   code="abusive"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Please give a reason" in html
    assert '<option selected value="abusive">' in html or 'value="abusive" selected' in html
    response = client.post(url, data=act_data("thread", world.public.id, "suspend",
                                              reason="Çok ağır", days="900"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Çok ağır" in html and "<html" in html
    response = client.post(url, data=act_data("thread", world.public.id, "hide", code="bogus"))
    assert response.status_code == 422
    assert client.post(url, data=act_data("thread", world.public.id, "explode")).status_code == 400
    assert count(ModerationAction) == 0
    db.session.expire_all()
    assert world.public.hidden_at is None and world.author.suspended_until is None


def test_plain_post_redirects_back_to_the_queue(client, login_as, world):
    flag(world, "thread", world.public)
    login_as(world.moderator)
    response = client.post(f"/moderation/items/thread/{world.public.id}",
                           data=act_data("thread", world.public.id, "hide"))
    assert response.status_code == 303 and response.headers["Location"].endswith("/moderation")
    db.session.expire_all()
    assert world.public.hidden_at is not None
    # restore brings it back and settles the flags
    flag(world, "thread", world.public, world.coordinator)
    response = client.post(f"/moderation/items/thread/{world.public.id}",
                           data=act_data("thread", world.public.id, "restore"))
    assert response.status_code == 303
    db.session.expire_all()
    assert world.public.hidden_at is None
    assert all(not f.is_open for f in flags_on("thread", world.public.id))


def test_dismiss_restores_what_was_hidden_automatically(client, login_as, world):
    for citizen in world.citizens:
        flag(world, "document", world.document, citizen)
    db.session.expire_all()
    assert world.document.hidden_at is not None
    login_as(world.coordinator)
    response = client.htmx_post(f"/moderation/items/document/{world.document.id}",
                                data=act_data("document", world.document.id, "dismiss"))
    assert response.status_code == 200 and "Settled" in response.get_data(as_text=True)
    db.session.expire_all()
    assert world.document.hidden_at is None
    assert [a.action for a in actions()] == ["moderation.autohide", "moderation.dismiss"]


def test_suspension_ends_by_itself_and_blocks_taking_part(client, login_as, world):
    post = world.reply()
    flag(world, "post", post)
    login_as(world.moderator)
    response = client.post(f"/moderation/items/post/{post.id}",
                           data=act_data("post", post.id, "suspend", days="3", code="abusive"))
    assert response.status_code == 303
    db.session.expire_all()
    until = world.author.suspended_until
    assert timedelta(days=2, hours=23) < until - utcnow() <= timedelta(days=3)
    row = actions("moderation.suspend")[0]
    assert row.until == until and row.reason_code == "abusive"
    reader = login_as(world.author).locale
    thread_url = f"/p/{world.p.slug}/forum/{world.public.id}"
    assert client.get(thread_url).status_code == 200  # reads …
    reply = client.post(thread_url + "/reply", data={"body": "Yine ben", "language": "tr"})
    assert reply.status_code == 422  # … but cannot post, upload or flag
    assert client.get(f"/p/{world.p.slug}/library/upload").status_code == 403
    assert client.get(f"/moderation/flag/thread/{world.private.id}").status_code == 403
    notice = client.get(f"/moderation/notices/{row.id}").get_data(as_text=True)
    assert "Kurallara aykırı" in notice
    assert said_by_template(
        reader,
        "While your account is suspended you can read the hub, but you cannot post, upload, "
        "apply or flag. The suspension ends by itself.",
    ) in notice
    world.author.suspended_until = utcnow() - timedelta(minutes=1)  # the time has passed
    db.session.commit()
    reply = client.post(thread_url + "/reply", data={"body": "Yine ben", "language": "tr"})
    assert reply.status_code == 303


def test_lock_the_thread(client, login_as, world):
    post = world.reply()
    flag(world, "post", post)
    login_as(world.coordinator)
    response = client.htmx_post(f"/moderation/items/post/{post.id}",
                                data=act_data("post", post.id, "lock"))
    assert response.status_code == 200
    db.session.expire_all()
    assert world.public.locked
    row = actions("moderation.lock")[0]
    assert (row.target_type, row.target_id) == ("forum_thread", world.public.id)
    assert flags_on("post", post.id)[0].is_open  # locking alone settles nothing
    assert 'value="lock"' not in response.get_data(as_text=True)


def test_notices_are_private(client, login_as, world):
    flag(world, "thread", world.public)
    login_as(world.moderator)
    client.post(f"/moderation/items/thread/{world.public.id}",
                data=act_data("thread", world.public.id, "warn", reason="Lütfen dikkat"))
    row = actions("moderation.warn")[0]
    for user, status in ((world.author, 200), (world.moderator2, 200), (world.citizen, 404),
                         (world.coordinator, 404)):
        login_as(user)
        assert client.get(f"/moderation/notices/{row.id}").status_code == status
    login_as(None)
    assert client.get(f"/moderation/notices/{row.id}").status_code == 303


def test_queue_runs_a_fixed_number_of_statements(client, login_as, world, count_queries):
    def measure() -> int:
        client.get("/moderation")
        db.session.expire_all()
        with count_queries() as counter:
            assert client.get("/moderation").status_code == 200
        return counter.count

    flag(world, "thread", world.public)
    login_as(world.moderator)
    few = measure()
    for i in range(6):
        post = world.reply(body=f"Yanıt {i}")
        flag(world, "post", post)
        flag(world, "post", post, world.citizens[1])
    flag(world, "document", world.document)
    flag(world, "user", world.staff)
    assert count(Flag) == 15
    assert measure() <= few + 4  # one statement per kind of target, not per item

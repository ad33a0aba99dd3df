"""Flagging: who may flag what, once per person, bad input, rate limits, hidden content."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.db import utcnow
from hub.extensions import db
from hub.moderation.models import Flag
from tests.moderation.conftest import count, flag_data, flags_on


def test_second_flag_gets_a_clear_message_and_stores_nothing(client, login_as, world):
    url = f"/moderation/flag/thread/{world.public.id}"
    login_as(world.citizen)
    assert client.post(url, data=flag_data("off_topic")).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "You have already flagged this" in page and 'name="reason"' not in page
    again = client.post(url, data=flag_data("spam"), follow_redirects=True)
    assert "You have already flagged this" in again.get_data(as_text=True)
    assert [f.reason for f in flags_on("thread", world.public.id)] == ["off_topic"]


def test_bad_input_is_refused_with_422_and_kept(client, login_as, world):
    url = f"/moderation/flag/document/{world.document.id}"
    login_as(world.citizen)
    response = client.post(url, data={"reason": "", "note": "Şu belgede kişisel veri var"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please choose why you flag this." in html and "Şu belgede kişisel veri var" in html
    response = client.post(url, data={"reason": "nonsense", "note": "x"})
    assert response.status_code == 422
    response = client.post(url, data={"reason": "other", "note": "ü" * 2001})
    assert response.status_code == 422
    assert count(Flag) == 0


def test_flag_form_needs_a_csrf_token(client, login_as, world):
    login_as(world.citizen)
    response = client.post(f"/moderation/flag/thread/{world.public.id}", data=flag_data(),
                           csrf=False)
    assert response.status_code == 400 and count(Flag) == 0


@pytest.mark.parametrize("who, status", [
    ("visitor", "login"), ("author", 403), ("unverified", 403), ("suspended", 403),
    ("citizen", 200), ("staff", 200), ("moderator", 200),
])
def test_who_may_flag(who, status, client, login_as, world, make_user):
    if who == "unverified":
        user = make_user(verified=False)
    elif who == "suspended":
        user = make_user()
        user.suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()
    else:
        user = world.user(who)
    login_as(user)
    response = client.get(f"/moderation/flag/thread/{world.public.id}")
    if status == "login":
        assert response.status_code == 303 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == status
    if status != 200:
        posted = client.post(f"/moderation/flag/thread/{world.public.id}", data=flag_data())
        assert posted.status_code in {303, 403}
        assert count(Flag) == 0


def test_what_one_cannot_see_cannot_be_flagged(client, login_as, world):
    login_as(world.citizen)
    assert client.get(f"/moderation/flag/thread/{world.private.id}").status_code == 404
    assert client.post(f"/moderation/flag/thread/{world.private.id}",
                       data=flag_data()).status_code == 404
    assert client.get("/moderation/flag/thread/999999").status_code == 404
    assert client.get(f"/moderation/flag/nonsense/{world.public.id}").status_code == 404
    assert count(Flag) == 0


def test_flags_are_rate_limited(app, client, login_as, world):
    app.config["HUB_FLAG_LIMIT"] = "2 per hour"
    try:
        login_as(world.citizen)
        posts = [world.reply(body=f"Yanıt {i}") for i in range(3)]
        for post in posts[:2]:
            assert client.post(f"/moderation/flag/post/{post.id}",
                               data=flag_data()).status_code == 303
        response = client.post(f"/moderation/flag/post/{posts[2].id}",
                               data=flag_data(note="Üçüncü"))
        assert response.status_code == 429
        assert "Üçüncü" in response.get_data(as_text=True)
        assert count(Flag) == 2
    finally:
        del app.config["HUB_FLAG_LIMIT"]


def test_flag_buttons_appear_where_allowed(client, login_as, world):
    post = world.reply()
    thread_url = f"/p/{world.p.slug}/forum/{world.public.id}"
    login_as(world.citizen)
    html = client.get(thread_url).get_data(as_text=True)
    assert f"/moderation/flag/post/{post.id}" in html
    assert f"/moderation/flag/thread/{world.public.id}" in html
    doc = client.get(f"/p/{world.p.slug}/library/documents/{world.document.id}")
    assert f"/moderation/flag/document/{world.document.id}" in doc.get_data(as_text=True)
    login_as(world.author)  # never one's own content
    html = client.get(thread_url).get_data(as_text=True)
    assert f"/moderation/flag/post/{post.id}" not in html
    login_as(None)
    assert "/moderation/flag/" not in client.get(thread_url).get_data(as_text=True)


def test_the_flag_page_offers_to_flag_the_author_profile(client, login_as, world):
    login_as(world.citizen)
    html = client.get(f"/moderation/flag/thread/{world.public.id}").get_data(as_text=True)
    assert f"/moderation/flag/user/{world.author.id}" in html
    assert client.post(f"/moderation/flag/user/{world.author.id}",
                       data=flag_data("abusive")).status_code == 303
    assert flags_on("user", world.author.id)[0].snapshot["title"] == "Ayşe Yılmaz"


def test_fewer_flags_than_the_threshold_hide_nothing(app, client, login_as, world):
    for citizen in world.citizens[:2]:
        login_as(citizen)
        client.post(f"/moderation/flag/thread/{world.public.id}", data=flag_data())
    db.session.expire_all()
    assert world.public.hidden_at is None
    app.config["HUB_AUTOHIDE_FLAGS"] = 1
    try:
        login_as(world.staff)
        client.post(f"/moderation/flag/document/{world.document.id}", data=flag_data())
        db.session.expire_all()
        assert world.document.hidden_at is not None
    finally:
        del app.config["HUB_AUTOHIDE_FLAGS"]

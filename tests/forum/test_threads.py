"""Thread lists (partnership and hub-wide) and starting a thread."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.db import utcnow
from hub.forum import queries, services
from hub.forum.models import Post, Subscription, Thread
from tests.forum.conftest import measure_page, old_account

NEW = {"title": "Deprem tatbikatı: okullar için ortak senaryo", "body": "İlk mesaj **önemli**",
       "theme": "crisis_management", "language": "tr", "visibility": "public"}


def thread_count(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Thread.id)))


# --- starting a thread ----------------------------------------------------------------------

def test_start_thread_stores_it_and_follows_it(client, login_as, world, db):
    login_as(world.staff)
    response = client.post(world.url(suffix="/new"), data=NEW)
    assert response.status_code == 303
    thread = db.session.scalar(select(Thread).where(Thread.title == NEW["title"]))
    assert response.headers["Location"] == f"/p/{world.p.slug}/forum/{thread.id}"
    assert thread.visibility == "public" and thread.language == "tr"
    assert thread.author_id == world.staff.id
    assert db.session.scalar(select(Subscription).where(Subscription.thread_id == thread.id))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Deprem tatbikatı" in page and "<strong>önemli</strong>" in page


def test_start_thread_with_htmx_redirects_on_the_client(client, login_as, world):
    login_as(world.staff)
    response = client.htmx_post(world.url(suffix="/new"), data=NEW)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith(f"/p/{world.p.slug}/forum/")


def test_language_defaults_to_the_authors_locale(client, login_as, world, db):
    world.coordinator.locale = "de"
    db.session.commit()
    login_as(world.coordinator)
    html = client.get(world.url(suffix="/new")).get_data(as_text=True)
    assert '<option selected value="de">' in html


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Please give the thread a title."),
        ({"title": "   "}, "Please give the thread a title."),
        ({"title": "Ş" * 201}, "A title can have at most 200 characters."),
        ({"body": ""}, "Please write something before posting."),
        ({"body": " \n\t "}, "Please write something before posting."),
        ({"body": "ğ" * 50_001}, "A post can have at most 50,000 characters."),
        ({"theme": "no-such-theme"}, "Not a valid choice"),
        ({"visibility": "secret"}, "Not a valid choice"),
        ({"language": "xx"}, "Not a valid choice"),
    ],
)
def test_bad_thread_input_is_refused_and_kept(client, login_as, world, db, changes, message):
    login_as(world.staff)
    before = thread_count(db)
    data = {**NEW, **changes}
    response = client.post(world.url(suffix="/new"), data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert thread_count(db) == before
    if changes.get("title", "").strip() and len(changes["title"]) < 300:
        assert changes["title"] in html
    if "body" not in changes:
        assert NEW["body"] in html  # the typed text is kept


@pytest.mark.parametrize("state", ["unverified", "suspended"])
def test_unverified_or_suspended_member_cannot_start_threads(client, login_as, world, db, state):
    if state == "unverified":
        world.staff.verified_at = None
    else:
        world.staff.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    login_as(world.staff)
    before = thread_count(db)
    response = client.post(world.url(suffix="/new"), data=NEW)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "cannot start threads" in html and NEW["title"] in html
    assert thread_count(db) == before


def test_preview_button_without_javascript_stores_nothing(client, login_as, world, db):
    login_as(world.staff)
    before = thread_count(db)
    response = client.post(world.url(suffix="/new"), data={**NEW, "preview": "Preview"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'hx-disable><p>İlk mesaj <strong>önemli</strong></p>' in html
    assert NEW["title"] in html
    assert thread_count(db) == before


def test_new_accounts_are_rate_limited_more_strictly(client, login_as, world, db):
    world.staff.created_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    login_as(world.staff)
    for i in range(2):
        response = client.post(world.url(suffix="/new"), data={**NEW, "title": f"T{i}"})
        assert response.status_code == 303
    before = thread_count(db)
    response = client.post(world.url(suffix="/new"), data={**NEW, "title": "Üçüncü"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "posting very quickly" in html and "Üçüncü" in html
    assert thread_count(db) == before


def test_older_accounts_have_the_normal_limit(client, login_as, world):
    login_as(world.staff)  # 30 days old
    for i in range(3):
        response = client.post(world.url(suffix="/new"), data={**NEW, "title": f"T{i}"})
        assert response.status_code == 303


# --- the thread lists -----------------------------------------------------------------------

def _thread(world, title, *, author=None, **kwargs):
    data = {"theme": "environment", "language": "tr", "visibility": "members", "body": "…"}
    data.update(kwargs)
    return services.create_thread(world.p, author or world.staff, title=title, **data)


def test_list_sorts_pinned_first_then_by_last_activity(client, login_as, world, db):
    old = _thread(world, "Eski konu")
    newer = _thread(world, "Yeni konu")
    old.pinned = True
    services.add_reply(world.private, world.coordinator, body="Son cevap", language="de")
    db.session.commit()
    login_as(world.staff)
    html = client.get(world.url()).get_data(as_text=True)
    order = [html.index(t) for t in ("Eski konu", world.private.title, "Yeni konu",
                                     world.public.title)]
    assert order == sorted(order)
    assert newer  # listed after the private thread that just had a reply


def test_list_shows_reply_counts_last_poster_and_unread(client, login_as, world, db):
    services.add_reply(world.private, world.coordinator, body="Bir", language="de")
    services.add_reply(world.private, world.coordinator, body="İki", language="de")
    db.session.commit()
    login_as(world.staff)
    html = client.get(world.url()).get_data(as_text=True)
    assert "2 replies" in html
    assert "last reply by Jürgen Schäfer" in html
    assert "New" in html  # the staff member never opened the thread
    client.get(world.url(world.private))
    html = client.get(world.url()).get_data(as_text=True)
    assert "new replies" not in html
    services.add_reply(world.private, world.coordinator, body="Üç", language="de")
    db.session.commit()
    html = client.get(world.url()).get_data(as_text=True)
    assert "1 new reply" in html
    assert f"/forum/{world.private.id}/unread" in html


def test_unread_jump_goes_to_the_first_new_post(client, login_as, world, db):
    login_as(world.staff)
    client.get(world.url(world.private))
    post = services.add_reply(world.private, world.coordinator, body="Yeni", language="de")
    db.session.commit()
    response = client.get(world.url(world.private, "/unread"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#post-{post.id}")


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("theme=good_governance", ["Jugendrat"], ["Atık toplama"]),
        ("language=tr", ["Atık toplama"], ["Jugendrat"]),
        ("status=solved", ["Çözüldü"], ["Atık toplama", "Kilitli"]),
        ("status=locked", ["Kilitli"], ["Atık toplama", "Çözüldü"]),
        ("status=open", ["Atık toplama", "Jugendrat"], ["Kilitli", "Çözüldü"]),
        ("show=mine", ["Atık toplama", "Jugendrat"], ["Kilitli"]),
        ("show=unread", ["Kilitli", "Çözüldü"], ["Atık toplama"]),
        ("theme=nonsense&language=xx&status=zzz", ["Atık toplama", "Kilitli"], []),
    ],
)
def test_list_filters(client, login_as, world, db, query, shown, hidden):
    locked = _thread(world, "Kilitli konu", author=world.coordinator)
    locked.locked = True
    solved = _thread(world, "Çözüldü mü", author=world.coordinator)
    solved.solution_post_id = locked.last_post_id
    services.add_reply(world.public, world.staff, body="Katılıyorum", language="tr")  # "mine"
    db.session.commit()
    login_as(world.staff)
    client.get(world.url(world.private))  # read: not "unread" any more
    client.get(world.url(world.public))
    html = client.get(world.url(suffix=f"?{query}")).get_data(as_text=True)
    for title in shown:
        assert title in html, title
    for title in hidden:
        assert title not in html, title


def test_list_paginates(client, login_as, world, db):
    for i in range(queries.THREADS_PER_PAGE + 3):
        _thread(world, f"Konu numarası {i:02d}")
    db.session.commit()
    login_as(world.staff)
    first = client.get(world.url()).get_data(as_text=True)
    assert "Page 1 of 2" in first and "Konu numarası 22" in first
    second = client.get(world.url(suffix="?page=2")).get_data(as_text=True)
    assert "Konu numarası 00" in second and "Konu numarası 22" not in second


def test_list_fragment_for_htmx_and_page_without(client, login_as, world):
    login_as(world.staff)
    fragment = client.htmx_get(world.url(suffix="?language=de"))
    assert "<html" not in fragment.get_data(as_text=True)
    assert 'id="thread-list"' in fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]
    page = client.get(world.url(suffix="?language=de"))
    assert "<html" in page.get_data(as_text=True)
    boosted = client.htmx_get(world.url(), boosted=True)
    assert "<html" in boosted.get_data(as_text=True)


def test_list_runs_a_constant_number_of_queries(client, login_as, world, db, count_queries):
    login_as(world.staff)
    url = world.url()
    few = measure_page(client, db, count_queries, url)
    for i in range(15):
        thread = _thread(world, f"Konu {i}", author=world.coordinator if i % 2 else world.staff)
        services.add_reply(thread, world.citizen if i % 3 else world.coordinator, body="x",
                           language="pl")
    db.session.commit()
    assert measure_page(client, db, count_queries, url) == few


def test_hub_wide_public_list(client, world, db, make_partnership):
    proposed = make_partnership(status="proposed")
    services.create_thread(proposed, world.staff, title="Gizli öneri", body="x",
                           theme="research", language="tr", visibility="public")
    services.create_thread(world.other_p, world.other_staff, title="Festival de Lyon",
                           body="Bonjour", theme="intercultural", language="fr",
                           visibility="public")
    db.session.commit()
    html = client.get("/forum").get_data(as_text=True)
    assert "Jugendrat" in html and "Festival de Lyon" in html
    assert world.private.title not in html and "Gizli öneri" not in html
    assert world.p.name in html  # each thread names its partnership


def test_public_threads_fragment_for_the_profile(app, world):
    rows = queries.public_threads_of(world.p)
    assert [r.thread.title for r in rows] == [world.public.title]
    from flask import render_template

    with app.test_request_context():
        html = render_template("forum/_public_threads.html", partnership=world.p, threads=rows)
    assert "Jugendrat" in html and world.private.title not in html
    assert f"/p/{world.p.slug}/forum/{world.public.id}" in html


def test_old_account_helper():
    class U:
        created_at = utcnow()

    u = U()
    old_account(u)
    assert utcnow() - u.created_at > timedelta(days=1)


def test_reply_counts_are_exact(world, db):
    for i in range(7):
        services.add_reply(world.public, world.citizen, body=f"{i}", language="pl")
    db.session.commit()
    row = queries.thread_page(None, partnership=world.p).items[0]
    total = db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == world.public.id))
    assert row.reply_count == total - 1 == 7

"""Every forum route and fragment × visitor / citizen / staff / other partnership's staff /
coordinator / moderator. Private things answer 404, forbidden actions on visible things 403,
anonymous requests for sign-in pages go to /login."""

from __future__ import annotations

import pytest

from tests.forum.conftest import first_post

ROLES = ("visitor", "citizen", "staff", "other_staff", "coordinator", "moderator")
LOGIN = "login"

# (name, method, thread: private/public/none, path suffix, htmx, data) → expected per role
CASES = {
    "list": ("GET", None, "", False, None,
             [200, 200, 200, 200, 200, 200]),
    "list-fragment": ("GET", None, "", True, None,
                      [200, 200, 200, 200, 200, 200]),
    "public-list": ("GET", "hub", "", False, None,
                    [200, 200, 200, 200, 200, 200]),
    "new-thread-form": ("GET", None, "/new", False, None,
                        [LOGIN, 403, 200, 403, 200, 403]),
    "new-thread-post": ("POST", None, "/new", False,
                        {"title": "Başlık", "body": "Metin", "theme": "environment",
                         "language": "tr", "visibility": "members"},
                        [LOGIN, 403, 303, 403, 303, 403]),
    "preview-new": ("POST", None, "/preview", True, {"body": "**ğ**"},
                    [LOGIN, 404, 200, 404, 200, 404]),
    "private-thread": ("GET", "private", "", False, None,
                       [404, 404, 200, 404, 200, 404]),
    "public-thread": ("GET", "public", "", False, None,
                      [200, 200, 200, 200, 200, 200]),
    "private-unread": ("GET", "private", "/unread", False, None,
                       [404, 404, 303, 404, 303, 404]),
    "private-poll": ("GET", "private", "/new?after={first}", True, None,
                     [404, 404, 200, 404, 200, 404]),
    "public-poll": ("GET", "public", "/new?after={first}", True, None,
                    [200, 200, 200, 200, 200, 200]),
    "private-posts-since": ("GET", "private", "/posts?after=0", True, None,
                            [404, 404, 200, 404, 200, 404]),
    "private-post-fragment": ("GET", "private", "/posts/{first}", True, None,
                              [404, 404, 200, 404, 200, 404]),
    "public-post-fragment": ("GET", "public", "/posts/{first}", True, None,
                             [200, 200, 200, 200, 200, 200]),
    "private-reply-form": ("GET", "private", "/reply-form", True, None,
                           [LOGIN, 404, 200, 404, 200, 404]),
    "public-reply-form": ("GET", "public", "/reply-form", True, None,
                          [LOGIN, 200, 200, 200, 200, 200]),
    "private-reply": ("POST", "private", "/reply", False, {"body": "Yanıt", "language": "tr"},
                      [LOGIN, 404, 303, 404, 303, 404]),
    "public-reply": ("POST", "public", "/reply", False, {"body": "Antwort", "language": "de"},
                     [LOGIN, 303, 303, 303, 303, 303]),
    "private-preview": ("POST", "private", "/preview", True, {"body": "x"},
                        [LOGIN, 404, 200, 404, 200, 404]),
    "public-preview": ("POST", "public", "/preview", True, {"body": "x"},
                       [LOGIN, 200, 200, 200, 200, 200]),
    "private-edit-form": ("GET", "private", "/posts/{first}/edit", False, None,
                          [LOGIN, 404, 200, 404, 403, 404]),
    "public-edit": ("POST", "public", "/posts/{first}/edit", False, {"body": "Neu"},
                    [LOGIN, 403, 403, 403, 303, 403]),
    "private-delete": ("POST", "private", "/posts/{first}/delete", False, {},
                       [LOGIN, 404, 303, 404, 303, 404]),
    "public-delete": ("POST", "public", "/posts/{first}/delete", False, {},
                      [LOGIN, 403, 403, 403, 303, 303]),
    "private-history": ("GET", "private", "/posts/{first}/history", False, None,
                        [LOGIN, 404, 403, 404, 200, 404]),
    "public-history": ("GET", "public", "/posts/{first}/history", False, None,
                       [LOGIN, 403, 403, 403, 200, 200]),
    "private-react": ("POST", "private", "/posts/{first}/react", False, {"value": "helpful"},
                      [LOGIN, 404, 403, 404, 303, 404]),
    "public-react": ("POST", "public", "/posts/{first}/react", False, {"value": "thanks"},
                     [LOGIN, 303, 303, 303, 403, 303]),
    "private-follow": ("POST", "private", "/follow", False, {"value": "1"},
                       [LOGIN, 404, 303, 404, 303, 404]),
    "public-follow": ("POST", "public", "/follow", False, {"value": "1"},
                      [LOGIN, 303, 303, 303, 303, 303]),
    "private-solution": ("POST", "private", "/solution", False, {"value": "{first}"},
                         [LOGIN, 404, 303, 404, 303, 404]),
    "public-solution": ("POST", "public", "/solution", False, {"value": "{first}"},
                        [LOGIN, 403, 403, 403, 303, 403]),
    "private-pin": ("POST", "private", "/pin", False, {"value": "1"},
                    [LOGIN, 404, 403, 404, 303, 404]),
    "public-pin": ("POST", "public", "/pin", False, {"value": "1"},
                   [LOGIN, 403, 403, 403, 303, 303]),
    "private-lock": ("POST", "private", "/lock", False, {"value": "1"},
                     [LOGIN, 404, 403, 404, 303, 404]),
    "public-lock": ("POST", "public", "/lock", False, {"value": "1"},
                    [LOGIN, 403, 403, 403, 303, 303]),
}

MATRIX = [
    pytest.param(name, role, expected[i], id=f"{name}-{role}")
    for name, (*_spec, expected) in CASES.items()
    for i, role in enumerate(ROLES)
]


def _request(client, world, name):
    method, which, suffix, htmx, data = CASES[name][:5]
    if which == "hub":
        url = "/forum"
    elif which is None:
        url = world.url(suffix=suffix)
    else:
        thread = getattr(world, which)
        first = first_post(thread).id
        url = world.url(thread, suffix.replace("{first}", str(first)))
        if data:
            data = {k: v.replace("{first}", str(first)) for k, v in data.items()}
    headers = {"HX-Request": "true"} if htmx else {}
    if method == "GET":
        return client.get(url, headers=headers)
    return client.post(url, data=data or {}, headers=headers)


@pytest.mark.parametrize("name, role, expected", MATRIX)
def test_permission_matrix(client, login_as, world, name, role, expected):
    login_as(world.user(role))
    response = _request(client, world, name)
    if expected == LOGIN:
        assert response.status_code in (303, 204), response.status_code
        target = response.headers.get("Location") or response.headers.get("HX-Redirect", "")
        assert "/login" in target
    elif expected == 200 and "poll" in name:
        assert response.status_code == 204  # nothing new: htmx swaps nothing
    else:
        assert response.status_code == expected, response.get_data(as_text=True)[:500]


def test_unknown_partnership_and_thread_are_404(client, login_as, world):
    login_as(world.staff)
    assert client.get("/p/no-such-partnership/forum").status_code == 404
    assert client.get(world.url(suffix="/999999")).status_code == 404


def test_thread_of_another_partnership_is_404_under_this_slug(client, login_as, world):
    """A thread id must belong to the partnership in the URL."""
    from hub.forum import services

    thread = services.create_thread(
        world.other_p, world.other_staff, title="Lyon", body="Bonjour", theme="research",
        language="fr", visibility="public",
    )
    from hub.extensions import db

    db.session.commit()
    login_as(world.staff)
    assert client.get(world.url(thread)).status_code == 404


def test_post_of_another_thread_is_404(client, login_as, world):
    login_as(world.staff)
    other_post = first_post(world.public)
    response = client.htmx_get(world.url(world.private, f"/posts/{other_post.id}"))
    assert response.status_code == 404


def test_proposed_partnership_forum_is_404(client, login_as, make_partnership, make_user,
                                           make_membership):
    p = make_partnership(status="proposed", slug="onerilen")
    user = make_user()
    make_membership(user, p)
    login_as(user)
    assert client.get("/p/onerilen/forum").status_code == 404


def test_admin_who_is_no_member_reads_private_threads_but_cannot_reply(client, login_as, world,
                                                                       make_user):
    admin = make_user(site_role="admin")
    login_as(admin)
    assert client.get(world.url(world.private)).status_code == 200
    response = client.post(world.url(world.private, "/reply"), data={"body": "x", "language": "en"})
    assert response.status_code == 403


def test_private_threads_are_not_listed_for_non_members(client, login_as, world):
    for role in ("visitor", "citizen", "other_staff", "moderator"):
        login_as(world.user(role))
        html = client.get(world.url()).get_data(as_text=True)
        assert world.public.title in html
        assert world.private.title not in html
        assert world.private.title not in client.get("/forum").get_data(as_text=True)
    login_as(world.staff)
    html = client.get(world.url()).get_data(as_text=True)
    assert world.public.title in html and world.private.title in html

"""Who may nominate and curate: every route × visitor / citizen / staff / coordinator /
other partnership's coordinator / moderator / admin, with the refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.extensions import db
from hub.goodpractices.models import Nomination
from tests.goodpractices.conftest import form_data

ROLES = ("visitor", "citizen", "staff", "coordinator", "other_coordinator", "moderator", "admin")
LOGIN = "login"


def check(response, expected, name):
    if expected == LOGIN:
        assert response.status_code == 303 and "/login" in response.headers["Location"], name
    else:
        assert response.status_code == expected, (name, response.status_code)


@pytest.mark.parametrize("role, public_thread, private_thread, document", [
    ("visitor", LOGIN, LOGIN, LOGIN),
    ("citizen", 403, 404, 403),
    ("staff", 403, 403, 403),
    ("coordinator", 303, 303, 303),
    ("other_coordinator", 403, 404, 403),
    ("moderator", 303, 404, 303),  # moderators do not read private threads
    ("admin", 303, 303, 303),
])
def test_nominate(role, public_thread, private_thread, document, client, login_as, world):
    login_as(world.user(role))
    for name, url, expected in (
        ("public", f"/good-practices/nominate/thread/{world.public.id}", public_thread),
        ("private", f"/good-practices/nominate/thread/{world.private.id}", private_thread),
        ("document", f"/good-practices/nominate/document/{world.document.id}", document),
    ):
        check(client.get(url), 200 if expected == 303 else expected, name)
        check(client.post(url, data={"note": "Örnek"}), expected, name)
    allowed = sum(1 for e in (public_thread, private_thread, document) if e == 303)
    assert len(db.session.scalars(select(Nomination)).all()) == allowed


def test_nominate_twice_and_bad_input(client, login_as, world):
    login_as(world.coordinator)
    url = f"/good-practices/nominate/thread/{world.public.id}"
    response = client.post(url, data={"note": "ş" * 2001})
    assert response.status_code == 422 and "şşş" in response.get_data(as_text=True)
    assert client.post(url, data={"note": ""}).status_code == 303
    again = client.post(url, data={"note": ""}, follow_redirects=True)
    assert "already been nominated" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(Nomination)).all()) == 1


def test_nominate_buttons(client, login_as, world):
    thread_url = f"/p/{world.p.slug}/forum/{world.public.id}"
    for user, shown in ((world.coordinator, True), (world.moderator, True),
                        (world.staff, False), (world.citizen, False)):
        login_as(user)
        html = client.get(thread_url).get_data(as_text=True)
        assert (f"/good-practices/nominate/thread/{world.public.id}" in html) == shown


@pytest.mark.parametrize("role, curate, approve", [
    ("visitor", LOGIN, LOGIN),
    ("citizen", 403, 404),
    ("staff", 403, 404),
    ("coordinator", 403, 404),
    ("other_coordinator", 403, 404),
    ("moderator", 200, 403),  # wrote it: cannot approve it
    ("admin", 200, 303),
])
def test_curation_routes(role, curate, approve, client, login_as, world, entry):
    in_review = entry("in_review")
    draft = entry("draft", title="Taslak")
    published = entry("published", title="Yayında")
    login_as(world.user(role))
    check(client.get("/good-practices/curate"), curate, "curate")
    check(client.get("/good-practices/new"), curate, "new")
    check(client.post("/good-practices/new", data=form_data(world)),
          303 if curate == 200 else curate, "create")
    check(client.get(f"/good-practices/{draft.id}"), 200 if curate == 200 else 404, "draft page")
    check(client.get(f"/good-practices/{published.id}"), 200, "published page")
    edit = 200 if curate == 200 else (LOGIN if curate == LOGIN else 403)
    check(client.get(f"/good-practices/{published.id}/edit"), edit, "edit")
    check(client.post(f"/good-practices/{in_review.id}/approve"), approve, "approve")
    withdraw = 303 if curate == 200 else (LOGIN if curate == LOGIN else 403)
    check(client.post(f"/good-practices/{published.id}/withdraw", data={"reason": "x"}),
          withdraw, "withdraw")
    submit = 303 if curate == 200 else (LOGIN if curate == LOGIN else 404)
    check(client.post(f"/good-practices/{draft.id}/submit"), submit, "submit")

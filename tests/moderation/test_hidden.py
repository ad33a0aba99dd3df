"""Hidden content: gone for everyone but its author, the partnership's coordinators and the
moderators; hidden posts leave a placeholder; lists leave hidden threads and documents out."""

from __future__ import annotations

import pytest

from hub.db import utcnow
from hub.extensions import db
from tests.helpers import said_by_template

ROLES = ("visitor", "citizen", "staff", "author", "coordinator", "other_coordinator",
         "moderator")


@pytest.fixture
def hidden(world):
    world.public.hidden_at = utcnow()
    world.document.hidden_at = utcnow()
    db.session.commit()
    return world


@pytest.mark.parametrize("role, sees", [
    ("visitor", False), ("citizen", False), ("staff", False), ("author", True),
    ("coordinator", True), ("other_coordinator", False), ("moderator", True),
])
def test_hidden_thread_and_document(role, sees, client, login_as, hidden):
    world = hidden
    user = login_as(world.user(role))
    reader = user.locale if user else None
    thread = client.get(f"/p/{world.p.slug}/forum/{world.public.id}")
    assert thread.status_code == (200 if sees else 404)
    document = client.get(f"/p/{world.p.slug}/library/documents/{world.document.id}")
    assert document.status_code == (200 if sees else 404)
    forum = client.get(f"/p/{world.p.slug}/forum").get_data(as_text=True)
    library = client.get(f"/p/{world.p.slug}/library").get_data(as_text=True)
    listed = role in {"coordinator", "moderator"}
    assert ("Gençlik meclisi nasıl kurulur?" in forum) == listed
    assert ("Kompost raporu 2024" in library) == listed
    if listed:
        badge = said_by_template(reader, "Hidden by moderation")
        assert badge in forum and badge in library
    public_forum = client.get("/forum").get_data(as_text=True)
    assert ("Gençlik meclisi nasıl kurulur?" in public_forum) == (role == "moderator")


@pytest.mark.parametrize("role, sees", [
    ("citizen", False), ("staff", False), ("author", True), ("coordinator", True),
    ("moderator", True),
])
def test_hidden_post_leaves_a_placeholder(role, sees, client, login_as, world):
    post = world.reply(body="Gizli tutulacak metin")
    post.hidden_at = utcnow()
    db.session.commit()
    reader = login_as(world.user(role)).locale
    html = client.get(f"/p/{world.p.slug}/forum/{world.public.id}").get_data(as_text=True)
    assert ("Gizli tutulacak metin" in html) == sees
    placeholder = said_by_template(reader, "This post is hidden while the moderators review it.")
    assert (placeholder in html) == (not sees)


@pytest.mark.parametrize("role, sees", [
    ("visitor", False), ("citizen", False), ("staff", False), ("author", True),
    ("coordinator", True), ("moderator", True),
])
def test_hidden_posting(role, sees, client, login_as, world):
    world.posting.hidden_at = utcnow()
    db.session.commit()
    login_as(world.user(role))
    page = client.get(f"/p/{world.p.slug}/exchange/{world.posting.id}")
    assert page.status_code == (200 if sees else 404)
    board = client.get(f"/p/{world.p.slug}/exchange").get_data(as_text=True)
    assert (world.posting.title in board) == (role in {"coordinator", "moderator"})
    assert (world.posting.title in client.get("/exchange").get_data(as_text=True)) == (
        role == "moderator")

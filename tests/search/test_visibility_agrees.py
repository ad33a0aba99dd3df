"""The search's SQL rules (hub/search/visibility.py) and hub/permissions.py say the same thing.

Many items in every state, one word in all of them; for each kind of reader, the search finds
exactly the items that the permission functions let that reader open — minus what the search
never shows (hidden, held for approval, draft or in review) — and counts exactly those.
"""

from __future__ import annotations

import pytest
from flask import g

from hub import permissions
from hub.db import utcnow
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.goodpractices.models import GoodPractice
from hub.library.models import Document
from hub.partnerships.models import Partnership
from hub.search import service
from hub.search.query import parse
from hub.translations.models import GlossaryTerm
from tests.search import helpers

WORD = "ortakkelime"
ROLES = ["visitor", "citizen", "staff", "coordinator", "other_staff", "moderator", "admin"]


def _may_open(user, obj) -> bool:
    if isinstance(obj, Partnership):
        return obj.is_public and permissions.can_view_partnership(user, obj)
    if isinstance(obj, Thread):
        return obj.hidden_at is None and permissions.can_see_thread(user, obj)
    if isinstance(obj, Post):
        return (not obj.is_deleted and obj.hidden_at is None and obj.thread.hidden_at is None
                and permissions.can_see_held_post(user, obj) and obj.is_approved
                and permissions.can_see_thread(user, obj.thread))
    if isinstance(obj, Document):
        return (obj.hidden_at is None and obj.deleted_at is None
                and permissions.can_see_document(user, obj))
    if isinstance(obj, Posting):
        return (obj.status in {"open", "closed"} and obj.closed_reason != "moderation"
                and obj.hidden_at is None and permissions.can_see_posting_content(user, obj))
    if isinstance(obj, GoodPractice):
        return obj.state == "published" and permissions.can_view_good_practice(user, obj)
    if isinstance(obj, GlossaryTerm):
        return obj.partnership.is_public and permissions.can_view_glossary(user, obj.partnership)
    raise AssertionError(obj)


def _everything(w) -> list:
    items = []
    now = utcnow()
    for p in (w.p, w.other_p, w.proposal):
        p.description = f"{WORD} {p.name}"
        items.append(p)
        term = GlossaryTerm(partnership=p, entries={"tr": WORD}, note="")
        db.session.add(term)
        db.session.flush()
        items.append(term)
        for visibility in ("public", "members"):
            for hidden in (None, now):
                t = helpers.thread(p, f"{WORD} {visibility}", visibility=visibility,
                                   hidden_at=hidden, author=w.staff)
                items.append(t)
                for fields in ({}, {"hidden_at": now}, {"deleted_at": now},
                               {"approval": "pending"}):
                    items.append(helpers.post(t, f"{WORD} yanıt", author=w.citizen, **fields))
            for fields in ({}, {"hidden_at": now}, {"deleted_at": now}):
                items.append(helpers.document(p, WORD, visibility=visibility, author=w.staff,
                                              **fields))
        for visibility in ("partnership", "hub", "public"):
            for status in ("draft", "submitted", "open", "closed"):
                items.append(helpers.posting(p, WORD, visibility=visibility, status=status,
                                             author=w.staff))
            items.append(helpers.posting(p, WORD, visibility=visibility, hidden_at=now))
            items.append(helpers.posting(p, WORD, visibility=visibility, status="closed",
                                         closed_reason="moderation"))
    for state in ("draft", "in_review", "published", "withdrawn"):
        items.append(helpers.practice(WORD, state=state, partnership=w.p))
    return items


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_exactly_what_the_permissions_open(app, world, role):
    items = _everything(world)
    db.session.commit()
    user = world.user(role)
    g.pop("_memberships", None)
    expected = {helpers.key(obj) for obj in items if _may_open(user, obj)}
    assert expected, "every reader may open something here"
    found, counts = set(), {}
    query = parse(WORD)
    with app.test_request_context():
        page = 1
        while True:
            result = service.search(user, query, service.Filters(page=page))
            found |= {f"{r.kind}-{r.target_id}" for r in result.results}
            counts = result.counts
            if not result.has_next:
                break
            page += 1
    assert found == expected
    assert sum(counts.values()) == len(expected)

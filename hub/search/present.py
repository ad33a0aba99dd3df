"""Results of a page, one statement per kind: title, link, snippet, where it belongs.

Every loaded row is checked once more with the permission functions of hub/permissions.py
before it is shown. The SQL rules of hub/search/visibility.py should already have left out
anything the viewer may not open; if one ever did not, the row is dropped and logged.
"""

from __future__ import annotations

import logging

from flask import url_for
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from hub import permissions
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.goodpractices.models import FIELDS, GoodPractice
from hub.library.models import Document, DocumentVersion
from hub.partnerships.models import Partnership, PartnershipTown
from hub.search.highlight import SCAN_CHARS, plain_markdown
from hub.search.registry import Result
from hub.templating import country_name
from hub.towns.models import Town
from hub.translations.listing import ListedText, listed_text

log = logging.getLogger(__name__)


def refused(kind: str, target_id: int) -> None:
    log.error("search: %s %s matched the visibility rules but permissions.py refuses it; "
              "hub/search/visibility.py and hub/permissions.py disagree", kind, target_id)


def _load(stmt) -> list:
    return list(db.session.scalars(stmt).unique())


def _title(kind: str, obj) -> ListedText:
    """The title in the reader's language when it has been translated into it, as lists show
    titles. The first call of a kind loads the translations of all the page's rows of that kind
    (they are in the session by then) in one statement."""
    return listed_text(kind, obj, "title")


def partnerships(ids, user, marker) -> dict[int, Result]:
    stmt = (
        select(Partnership)
        .where(Partnership.id.in_(ids))
        .options(selectinload(Partnership.partner_towns).selectinload(PartnershipTown.town))
    )
    out = {}
    for p in _load(stmt):
        if not (p.is_public and permissions.can_view_partnership(user, p)):
            refused("partnership", p.id)
            continue
        out[p.id] = Result(
            "partnership", p.id, marker.mark(p.name),
            url_for("partnerships.workspace", slug=p.slug),
            snippet=marker.snippet(p.description),
            context=" – ".join(t.native_name for t in p.towns),
            language=p.description_language, when=p.created_at,
        )
    return out


def towns(ids, user, marker) -> dict[int, Result]:
    out = {}
    for town in _load(select(Town).where(Town.id.in_(ids))):
        out[town.id] = Result(
            "town", town.id, marker.mark(town.display_name),
            url_for("towns.detail", slug=town.slug),
            snippet=marker.snippet(town.region or ""), context=country_name(town.country),
            language=(town.official_languages or [None])[0], when=town.created_at,
        )
    return out


def threads(ids, user, marker) -> dict[int, Result]:
    stmt = select(Thread).where(Thread.id.in_(ids)).options(joinedload(Thread.partnership))
    out = {}
    for thread in _load(stmt):
        if thread.hidden_at is not None or not permissions.can_see_thread(user, thread):
            refused("thread", thread.id)
            continue
        p = thread.partnership
        title = _title("thread", thread)
        out[thread.id] = Result(
            "thread", thread.id, marker.mark(title.text),
            url_for("forum.thread", slug=p.slug, thread_id=thread.id),
            context=p.name, language=thread.language, when=thread.created_at,
            listed_title=title,
        )
    return out


def posts(ids, user, marker) -> dict[int, Result]:
    stmt = (
        select(Post)
        .where(Post.id.in_(ids))
        .options(joinedload(Post.thread).joinedload(Thread.partnership))
    )
    out = {}
    for post in _load(stmt):
        thread = post.thread
        if (post.is_deleted or post.hidden_at is not None or not post.is_approved
                or thread.hidden_at is not None or not permissions.can_see_thread(user, thread)):
            refused("post", post.id)
            continue
        title = _title("thread", thread)
        out[post.id] = Result(
            "post", post.id, marker.mark(title.text),
            url_for("forum.show_post", slug=thread.partnership.slug, thread_id=thread.id,
                    post_id=post.id),
            snippet=marker.snippet(plain_markdown(post.body)),
            context=thread.partnership.name, language=post.language, when=post.created_at,
            listed_title=title,
        )
    return out


def documents(ids, user, marker) -> dict[int, Result]:
    current = and_(
        DocumentVersion.document_id == Document.id,
        DocumentVersion.number == Document.current_version_number,
    )
    stmt = (
        select(Document, func.substr(DocumentVersion.extracted_text, 1, SCAN_CHARS))
        .outerjoin(DocumentVersion, current)
        .where(Document.id.in_(ids))
        .options(joinedload(Document.partnership))
    )
    out = {}
    for document, text in db.session.execute(stmt):
        if (document.deleted_at is not None or document.hidden_at is not None
                or not permissions.can_see_document(user, document)):
            refused("document", document.id)
            continue
        p = document.partnership
        out[document.id] = Result(
            "document", document.id, marker.mark(document.title),
            url_for("library.document", slug=p.slug, document_id=document.id),
            snippet=marker.best_snippet(document.description, text),
            context=p.name, language=document.language, when=document.updated_at,
        )
    return out


def postings(ids, user, marker) -> dict[int, Result]:
    stmt = select(Posting).where(Posting.id.in_(ids)).options(joinedload(Posting.partnership))
    out = {}
    for posting in _load(stmt):
        if (posting.status not in {"open", "closed"} or posting.closed_reason == "moderation"
                or getattr(posting, "hidden_at", None) is not None
                or not permissions.can_see_posting_content(user, posting)):
            refused("posting", posting.id)
            continue
        p = posting.partnership
        title = _title("posting", posting)
        out[posting.id] = Result(
            "posting", posting.id, marker.mark(title.text),
            url_for("exchange.posting", slug=p.slug, posting_id=posting.id),
            snippet=marker.snippet(posting.description), context=p.name,
            language=posting.language, when=posting.opened_at or posting.created_at,
            listed_title=title,
        )
    return out


def good_practices(ids, user, marker) -> dict[int, Result]:
    stmt = (
        select(GoodPractice)
        .where(GoodPractice.id.in_(ids))
        .options(joinedload(GoodPractice.partnership))
    )
    out = {}
    for practice in _load(stmt):
        if practice.state != "published" or not permissions.can_view_good_practice(user, practice):
            refused("good_practice", practice.id)
            continue
        texts = [getattr(practice, name) for name in FIELDS if name != "contacts"]
        title = _title("good_practice", practice)
        out[practice.id] = Result(
            "good_practice", practice.id, marker.mark(title.text),
            url_for("good_practices.entry", practice_id=practice.id),
            snippet=marker.best_snippet(*texts),
            context=practice.partnership.name if practice.partnership else "",
            language=practice.language, when=practice.published_at,
            listed_title=title,
        )
    return out


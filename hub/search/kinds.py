"""The built-in searchable kinds: partnerships, towns, threads, posts, documents, exchange
postings and good practices (glossary terms and content translations register themselves when
those features arrive; see hub/search/registry.py).

For each: what is indexed, which hits the viewer may open (hub/search/visibility.py, on the live
rows), the columns of the filters, and how a result is shown.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, cast, exists, func, select

from hub.exchange.models import Posting
from hub.forum.models import Post, Thread
from hub.goodpractices.models import FIELDS, GoodPractice, GoodPracticeTheme
from hub.library.models import Document, DocumentVersion
from hub.partnerships.models import Partnership, PartnershipTown
from hub.search import present
from hub.search import visibility as rules
from hub.search.registry import (
    MAX_BODY_CHARS,
    Branch,
    IndexText,
    SearchType,
    Watch,
    register,
)
from hub.towns.models import Town


def _json_has(column, value: str):
    """A JSON list of fixed codes contains `value` (the quoted code occurs in its text)."""
    return cast(column, String).contains(f'"{value}"', autoescape=True)


def _hits(hits, kind: str, model, date):
    return (
        select(hits.c.kind, hits.c.target_id, hits.c.score, date.label("at"))
        .select_from(hits)
        .join(model, and_(hits.c.kind == kind, model.id == hits.c.target_id))
    )


def _rows(connection, *columns, where):
    return connection.execute(select(*columns).where(where)).all()


def _body(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)[:MAX_BODY_CHARS]


# --- partnerships -------------------------------------------------------------------------

def _partnership_texts(connection, ids):
    rows = _rows(connection, Partnership.id, Partnership.name, Partnership.description,
                 Partnership.description_language, where=Partnership.id.in_(ids))
    return {r.id: IndexText(r.name, _body(r.description), r.description_language) for r in rows}


def _partnership_branch(hits, viewer):
    stmt = _hits(hits, "partnership", Partnership, Partnership.created_at).where(
        rules.partnership_visible(viewer)
    )
    return Branch(
        stmt,
        partnership=lambda pid: Partnership.id == pid,
        theme=lambda theme: _json_has(Partnership.themes, theme),
        language=lambda code: Partnership.description_language == code,
        date=Partnership.created_at,
    )


register(SearchType(
    "partnership", _l("Partnerships"), _l("Partnership"), Partnership,
    texts=_partnership_texts, branch=_partnership_branch, present=present.partnerships,
    watch={Partnership: Watch(frozenset({"name", "description", "description_language"}),
                              lambda p: p.id, Partnership.id)},
))


# --- towns --------------------------------------------------------------------------------

def _town_texts(connection, ids):
    rows = _rows(connection, Town.id, Town.native_name, Town.latin_name, Town.region,
                 Town.official_languages, where=Town.id.in_(ids))
    return {
        r.id: IndexText(
            r.native_name if r.latin_name == r.native_name else f"{r.native_name} {r.latin_name}",
            _body(r.region), (r.official_languages or [None])[0],
        )
        for r in rows
    }


def _town_branch(hits, viewer):
    return Branch(
        _hits(hits, "town", Town, Town.created_at),
        partnership=lambda pid: exists().where(
            PartnershipTown.town_id == Town.id, PartnershipTown.partnership_id == pid
        ),
        language=lambda code: _json_has(Town.official_languages, code),
        date=Town.created_at,
    )


register(SearchType(
    "town", _l("Towns"), _l("Town"), Town,
    texts=_town_texts, branch=_town_branch, present=present.towns,
    watch={Town: Watch(frozenset({"native_name", "latin_name", "region", "official_languages"}),
                       lambda t: t.id, Town.id)},
))


# --- forum --------------------------------------------------------------------------------

def _thread_texts(connection, ids):
    rows = _rows(connection, Thread.id, Thread.title, Thread.language, where=Thread.id.in_(ids))
    return {r.id: IndexText(r.title, "", r.language) for r in rows}


def _thread_branch(hits, viewer):
    stmt = (
        _hits(hits, "thread", Thread, Thread.created_at)
        .join(Partnership, Partnership.id == Thread.partnership_id)
        .where(rules.thread_visible(viewer))
    )
    return Branch(
        stmt,
        partnership=lambda pid: Thread.partnership_id == pid,
        theme=lambda theme: Thread.theme == theme,
        language=lambda code: Thread.language == code,
        date=Thread.created_at,
    )


register(SearchType(
    "thread", _l("Threads"), _l("Thread"), Thread,
    texts=_thread_texts, branch=_thread_branch, present=present.threads,
    watch={Thread: Watch(frozenset({"title", "language"}), lambda t: t.id, Thread.id)},
))


def _post_texts(connection, ids):
    rows = _rows(connection, Post.id, Post.body, Post.language, where=Post.id.in_(ids))
    return {r.id: IndexText("", _body(r.body), r.language) for r in rows}


def _post_branch(hits, viewer):
    stmt = (
        _hits(hits, "post", Post, Post.created_at)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Partnership, Partnership.id == Thread.partnership_id)
        .where(rules.post_visible(viewer))
    )
    return Branch(
        stmt,
        partnership=lambda pid: Thread.partnership_id == pid,
        theme=lambda theme: Thread.theme == theme,
        language=lambda code: Post.language == code,
        date=Post.created_at,
    )


register(SearchType(
    "post", _l("Posts"), _l("Post"), Post,
    texts=_post_texts, branch=_post_branch, present=present.posts,
    watch={Post: Watch(frozenset({"body", "language"}), lambda p: p.id, Post.id)},
))


# --- library ------------------------------------------------------------------------------

def _document_texts(connection, ids):
    current = and_(
        DocumentVersion.document_id == Document.id,
        DocumentVersion.number == Document.current_version_number,
    )
    stmt = (
        select(Document.id, Document.title, Document.description, Document.language,
               func.substr(DocumentVersion.extracted_text, 1, MAX_BODY_CHARS).label("text"))
        .outerjoin(DocumentVersion, current)
        .where(Document.id.in_(ids))
    )
    return {
        r.id: IndexText(r.title, _body(r.description, r.text), r.language)
        for r in connection.execute(stmt)
    }


def _document_branch(hits, viewer):
    stmt = (
        _hits(hits, "document", Document, Document.updated_at)
        .join(Partnership, Partnership.id == Document.partnership_id)
        .where(rules.document_visible(viewer))
    )
    return Branch(
        stmt,
        partnership=lambda pid: Document.partnership_id == pid,
        theme=lambda theme: Document.theme == theme,
        language=lambda code: Document.language == code,
        date=Document.updated_at,
    )


register(SearchType(
    "document", _l("Documents"), _l("Document"), Document,
    texts=_document_texts, branch=_document_branch, present=present.documents,
    watch={
        Document: Watch(frozenset({"title", "description", "language", "current_version_number"}),
                        lambda d: d.id, Document.id),
        DocumentVersion: Watch(frozenset({"extracted_text", "number", "document_id"}),
                               lambda v: v.document_id, DocumentVersion.document_id),
    },
))


# --- exchange -----------------------------------------------------------------------------

def _posting_texts(connection, ids):
    rows = _rows(connection, Posting.id, Posting.title, Posting.description, Posting.language,
                 where=Posting.id.in_(ids))
    return {r.id: IndexText(r.title, _body(r.description), r.language) for r in rows}


def _posting_branch(hits, viewer):
    date = func.coalesce(Posting.opened_at, Posting.created_at)
    stmt = (
        _hits(hits, "posting", Posting, date)
        .join(Partnership, Partnership.id == Posting.partnership_id)
        .where(rules.posting_visible(viewer))
    )
    return Branch(
        stmt,
        partnership=lambda pid: Posting.partnership_id == pid,
        theme=lambda theme: Posting.theme == theme,
        language=lambda code: Posting.language == code,
        date=date,
    )


register(SearchType(
    "posting", _l("Exchange postings"), _l("Exchange posting"), Posting,
    texts=_posting_texts, branch=_posting_branch, present=present.postings,
    watch={Posting: Watch(frozenset({"title", "description", "language"}),
                          lambda p: p.id, Posting.id)},
))


# --- good practices -----------------------------------------------------------------------

_PRACTICE_FIELDS = [name for name in FIELDS if name != "contacts"]


def _practice_texts(connection, ids):
    columns = [getattr(GoodPractice, name) for name in _PRACTICE_FIELDS]
    rows = _rows(connection, GoodPractice.id, GoodPractice.title, GoodPractice.language,
                 *columns, where=GoodPractice.id.in_(ids))
    return {
        r.id: IndexText(r.title, _body(*(getattr(r, n) for n in _PRACTICE_FIELDS)), r.language)
        for r in rows
    }


def _practice_branch(hits, viewer):
    stmt = _hits(hits, "good_practice", GoodPractice, GoodPractice.published_at).where(
        rules.good_practice_visible(viewer)
    )
    return Branch(
        stmt,
        partnership=lambda pid: GoodPractice.partnership_id == pid,
        theme=lambda theme: exists().where(
            GoodPracticeTheme.good_practice_id == GoodPractice.id,
            GoodPracticeTheme.theme == theme,
        ),
        language=lambda code: GoodPractice.language == code,
        date=GoodPractice.published_at,
    )


register(SearchType(
    "good_practice", _l("Good practices"), _l("Good practice"), GoodPractice,
    texts=_practice_texts, branch=_practice_branch, present=present.good_practices,
    watch={GoodPractice: Watch(frozenset({"title", "language", *_PRACTICE_FIELDS}),
                               lambda g: g.id, GoodPractice.id)},
))

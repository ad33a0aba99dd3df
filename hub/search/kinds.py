"""The built-in searchable kinds: partnerships, towns, threads, posts, documents, exchange
postings and good practices (glossary terms and content translations register themselves when
those features arrive; see hub/search/registry.py).

For each: what is indexed, which hits the viewer may open (hub/search/visibility.py, on the live
rows), the columns of the filters, and how a result is shown.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, cast, exists, func, literal, select
from sqlalchemy.orm import aliased

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


def _json_has(column, value):
    """A JSON list of fixed codes (themes, languages: letters and "_" only, which the filters
    check) contains `value`: the quoted code occurs in its text."""
    quote = literal('"', String)
    return cast(column, String).contains(quote + value + quote)


def _entry_of(entry, kind: str, alias):
    """The ON clause that reaches the row of an entry of `kind`."""
    return and_(entry.c.kind == kind, alias.id == entry.c.target_id)


def _rows(connection, *columns, where):
    return connection.execute(select(*columns).where(where)).all()


def _body(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)[:MAX_BODY_CHARS]


# --- partnerships -------------------------------------------------------------------------

def _partnership_texts(connection, ids):
    rows = _rows(connection, Partnership.id, Partnership.name, Partnership.description,
                 Partnership.description_language, where=Partnership.id.in_(ids))
    return {r.id: IndexText(r.name, _body(r.description), r.description_language) for r in rows}


def _partnership_branch(entry, viewer):
    p = aliased(Partnership, name="s_partnership")
    return Branch(
        joins=[(p, _entry_of(entry, "partnership", p))],
        visible=rules.partnership_visible(viewer, p),
        date=p.created_at,
        partnership=lambda pid: p.id == pid,
        theme=lambda theme: _json_has(p.themes, theme),
        language=lambda code: p.description_language == code,
    )


register(SearchType(
    "partnership", _l("Partnerships"), _l("Partnership"), Partnership,
    texts=_partnership_texts, branch=_partnership_branch, present=present.partnerships,
    date=Partnership.created_at,
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


def _town_branch(entry, viewer):
    town = aliased(Town, name="s_town")
    return Branch(
        joins=[(town, _entry_of(entry, "town", town))],
        visible=rules.town_visible(viewer),
        date=town.created_at,
        partnership=lambda pid: exists().where(
            PartnershipTown.town_id == town.id, PartnershipTown.partnership_id == pid
        ),
        language=lambda code: _json_has(town.official_languages, code),
    )


register(SearchType(
    "town", _l("Towns"), _l("Town"), Town,
    texts=_town_texts, branch=_town_branch, present=present.towns,
    date=Town.created_at,
    watch={Town: Watch(frozenset({"native_name", "latin_name", "region", "official_languages"}),
                       lambda t: t.id, Town.id)},
))


# --- forum --------------------------------------------------------------------------------

def _thread_texts(connection, ids):
    rows = _rows(connection, Thread.id, Thread.title, Thread.language, where=Thread.id.in_(ids))
    return {r.id: IndexText(r.title, "", r.language) for r in rows}


def _thread_branch(entry, viewer):
    thread = aliased(Thread, name="s_thread")
    p = aliased(Partnership, name="s_thread_partnership")
    return Branch(
        joins=[(thread, _entry_of(entry, "thread", thread)),
               (p, p.id == thread.partnership_id)],
        visible=rules.thread_visible(viewer, thread, p),
        date=thread.created_at,
        partnership=lambda pid: thread.partnership_id == pid,
        theme=lambda theme: thread.theme == theme,
        language=lambda code: thread.language == code,
    )


register(SearchType(
    "thread", _l("Threads"), _l("Thread"), Thread,
    texts=_thread_texts, branch=_thread_branch, present=present.threads,
    date=Thread.created_at,
    watch={Thread: Watch(frozenset({"title", "language"}), lambda t: t.id, Thread.id)},
))


def _post_texts(connection, ids):
    rows = _rows(connection, Post.id, Post.body, Post.language, where=Post.id.in_(ids))
    return {r.id: IndexText("", _body(r.body), r.language) for r in rows}


def _post_branch(entry, viewer):
    post = aliased(Post, name="s_post")
    thread = aliased(Thread, name="s_post_thread")
    p = aliased(Partnership, name="s_post_partnership")
    return Branch(
        joins=[(post, _entry_of(entry, "post", post)), (thread, thread.id == post.thread_id),
               (p, p.id == thread.partnership_id)],
        visible=rules.post_visible(viewer, post, thread, p),
        date=post.created_at,
        partnership=lambda pid: thread.partnership_id == pid,
        theme=lambda theme: thread.theme == theme,
        language=lambda code: post.language == code,
    )


register(SearchType(
    "post", _l("Posts"), _l("Post"), Post,
    texts=_post_texts, branch=_post_branch, present=present.posts,
    date=Post.created_at,
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


def _document_branch(entry, viewer):
    document = aliased(Document, name="s_document")
    p = aliased(Partnership, name="s_document_partnership")
    return Branch(
        joins=[(document, _entry_of(entry, "document", document)),
               (p, p.id == document.partnership_id)],
        visible=rules.document_visible(viewer, document, p),
        date=document.updated_at,
        partnership=lambda pid: document.partnership_id == pid,
        theme=lambda theme: document.theme == theme,
        language=lambda code: document.language == code,
    )


register(SearchType(
    "document", _l("Documents"), _l("Document"), Document,
    texts=_document_texts, branch=_document_branch, present=present.documents,
    date=Document.updated_at,
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


def _posting_branch(entry, viewer):
    posting = aliased(Posting, name="s_posting")
    p = aliased(Partnership, name="s_posting_partnership")
    return Branch(
        joins=[(posting, _entry_of(entry, "posting", posting)),
               (p, p.id == posting.partnership_id)],
        visible=rules.posting_visible(viewer, posting, p),
        date=func.coalesce(posting.opened_at, posting.created_at),
        partnership=lambda pid: posting.partnership_id == pid,
        theme=lambda theme: posting.theme == theme,
        language=lambda code: posting.language == code,
    )


register(SearchType(
    "posting", _l("Exchange postings"), _l("Exchange posting"), Posting,
    texts=_posting_texts, branch=_posting_branch, present=present.postings,
    date=func.coalesce(Posting.opened_at, Posting.created_at),
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


def _practice_branch(entry, viewer):
    practice = aliased(GoodPractice, name="s_good_practice")
    return Branch(
        joins=[(practice, _entry_of(entry, "good_practice", practice))],
        visible=rules.good_practice_visible(viewer, practice),
        date=practice.published_at,
        partnership=lambda pid: practice.partnership_id == pid,
        theme=lambda theme: exists().where(
            GoodPracticeTheme.good_practice_id == practice.id, GoodPracticeTheme.theme == theme,
        ),
        language=lambda code: practice.language == code,
    )


register(SearchType(
    "good_practice", _l("Good practices"), _l("Good practice"), GoodPractice,
    texts=_practice_texts, branch=_practice_branch, present=present.good_practices,
    date=GoodPractice.published_at,
    watch={GoodPractice: Watch(frozenset({"title", "language", *_PRACTICE_FIELDS}),
                               lambda g: g.id, GoodPractice.id)},
))

"""Reads: the library list (one query per page whatever its size), documents, versions, trash."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import CompoundSelect, Select, and_, func, or_, select, union
from sqlalchemy.orm import aliased
from werkzeug.datastructures import MultiDict

from hub import storage
from hub.accounts.models import User
from hub.extensions import db
from hub.i18n import LOCALES
from hub.library.models import Document, DocumentDownload, DocumentVersion, Folder
from hub.library.sniff import FAMILIES, KINDS
from hub.library.textnorm import like_pattern, query_words, snippet
from hub.partnerships.models import Partnership
from hub.taxonomy import THEMES
from hub.towns.models import Town

SORTS = {"updated", "name", "size", "language"}
PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@dataclass
class Filters:
    """What the library list was asked for (from the query string; unknown values ignored)."""

    q: str = ""
    language: str = ""
    theme: str = ""
    type: str = ""
    town: int | None = None
    sort: str = "updated"
    order: str = "desc"
    page: int = 1
    per_page: int = DEFAULT_PAGE_SIZE
    words: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        f = cls()
        f.q = (args.get("q") or "").strip()[:200]
        f.words = query_words(f.q)
        f.language = args.get("language", "") if args.get("language") in LOCALES else ""
        f.theme = args.get("theme", "") if args.get("theme") in THEMES else ""
        f.type = args.get("type", "") if args.get("type") in FAMILIES else ""
        f.town = _int(args.get("town"))
        f.sort = args.get("sort") if args.get("sort") in SORTS else "updated"
        default_order = "desc" if f.sort in {"updated", "size"} else "asc"
        f.order = args.get("order") if args.get("order") in {"asc", "desc"} else default_order
        f.page = min(_int(args.get("page")) or 1, 100_000)
        per_page = _int(args.get("per_page"))
        f.per_page = per_page if per_page in PAGE_SIZES else DEFAULT_PAGE_SIZE
        return f

    @property
    def narrowing(self) -> bool:
        """Searching or filtering looks through every folder."""
        return bool(self.words or self.language or self.theme or self.type or self.town)


@dataclass
class Entry:
    """One line of a document list."""

    document: Document
    version: DocumentVersion
    uploader: User | None
    town: Town | None
    folder: Folder | None
    out_of_date: bool = False
    snippet: str = ""


@dataclass
class Page:
    entries: list[Entry]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _current_version():
    return and_(
        DocumentVersion.document_id == Document.id,
        DocumentVersion.number == Document.current_version_number,
    )


def entries_statement(partnership: Partnership) -> Select:
    """Documents with their current version, its uploader and town, folder and source."""
    source = aliased(Document, name="source")
    confirmed = func.coalesce(Document.translation_confirmed_at, Document.version_changed_at)
    stale = and_(
        source.id.is_not(None),
        source.deleted_at.is_(None),
        source.version_changed_at > Document.version_changed_at,
        source.version_changed_at > confirmed,
    )
    return (
        select(Document, DocumentVersion, User, Town, Folder, stale.label("out_of_date"))
        .join(DocumentVersion, _current_version())
        .outerjoin(User, User.id == DocumentVersion.uploaded_by_id)
        .outerjoin(Town, Town.id == DocumentVersion.town_id)
        .outerjoin(Folder, Folder.id == Document.folder_id)
        .outerjoin(source, source.id == Document.translation_of_id)
        .where(Document.partnership_id == partnership.id)
    )


def _entries(rows) -> list[Entry]:
    return [Entry(d, v, u, t, f, bool(stale)) for d, v, u, t, f, stale in rows]


def listing(
    partnership: Partnership, filters: Filters, *, members: bool, folder_id: int | None,
    hidden: bool = False,
) -> Select:
    stmt = entries_statement(partnership).where(Document.deleted_at.is_(None))
    if not members:
        stmt = stmt.where(Document.visibility == "public")
    if not hidden:  # hidden by moderation: listed for coordinators and moderators only
        stmt = stmt.where(Document.hidden_at.is_(None))
    if not filters.narrowing:
        stmt = stmt.where(
            Document.folder_id == folder_id if folder_id else Document.folder_id.is_(None)
        )
    for word in filters.words:
        pattern = like_pattern(word)
        stmt = stmt.where(
            or_(
                Document.search_meta.like(pattern, escape="\\"),
                DocumentVersion.search_text.like(pattern, escape="\\"),
            )
        )
    if filters.language:
        stmt = stmt.where(Document.language == filters.language)
    if filters.theme:
        stmt = stmt.where(Document.theme == filters.theme)
    if filters.type:
        kinds = [kind for kind, (_media, family) in KINDS.items() if family == filters.type]
        stmt = stmt.where(DocumentVersion.kind.in_(kinds))
    if filters.town:
        stmt = stmt.where(DocumentVersion.town_id == filters.town)
    column = {
        "updated": Document.updated_at,
        "name": Document.title_key,
        "size": DocumentVersion.size,
        "language": Document.language,
    }[filters.sort]
    ordered = column.desc() if filters.order == "desc" else column.asc()
    return stmt.order_by(ordered, Document.id.desc())


def page_of(
    partnership: Partnership, filters: Filters, *, members: bool, folder_id: int | None,
    hidden: bool = False,
) -> Page:
    """A page of the library list: one query for the rows, one for the total (and one for the
    search snippets), whatever the page size."""
    stmt = listing(partnership, filters, members=members, folder_id=folder_id, hidden=hidden)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    page = Page([], total, filters.page, filters.per_page)
    if filters.page > page.pages:
        page.page = filters.page = page.pages
    rows = db.session.execute(
        stmt.limit(filters.per_page).offset((page.page - 1) * filters.per_page)
    ).all()
    page.entries = _entries(rows)
    if filters.words and page.entries:
        add_snippets(page.entries, filters.words)
    return page


def add_snippets(entries: list[Entry], words: list[str]) -> None:
    ids = [e.version.id for e in entries]
    texts = {
        row.id: (row.extracted_text, row.search_text)
        for row in db.session.execute(
            select(
                DocumentVersion.id, DocumentVersion.extracted_text, DocumentVersion.search_text
            ).where(DocumentVersion.id.in_(ids))
        )
    }
    for entry in entries:
        original, normalised = texts.get(entry.version.id, (None, None))
        entry.snippet = snippet(original, normalised, words)
        if not entry.snippet:
            entry.snippet = snippet(entry.document.description, None, words)


def recent_documents(
    partnership: Partnership, limit: int = 10, *, members: bool = False
) -> list[Entry]:
    """The newest documents of a partnership: public ones only unless `members`."""
    stmt = entries_statement(partnership).where(
        Document.deleted_at.is_(None), Document.hidden_at.is_(None)
    )
    if not members:
        stmt = stmt.where(Document.visibility == "public")
    stmt = stmt.order_by(Document.updated_at.desc(), Document.id.desc()).limit(limit)
    return _entries(db.session.execute(stmt).all())


def public_documents(partnership: Partnership, limit: int = 10) -> list[Entry]:
    """The newest public documents of a partnership, for its public profile."""
    return recent_documents(partnership, limit)


def trash_of(partnership: Partnership) -> Select:
    return (
        entries_statement(partnership)
        .where(Document.deleted_at.is_not(None))
        .order_by(Document.deleted_at.desc())
    )


def trash_entries(partnership: Partnership) -> list[Entry]:
    return _entries(db.session.execute(trash_of(partnership)).all())


def folders_of(partnership: Partnership) -> Select:
    return select(Folder).where(Folder.partnership_id == partnership.id).order_by(Folder.name)


def document_in(partnership: Partnership, document_id: int) -> Select:
    return select(Document).where(
        Document.id == document_id, Document.partnership_id == partnership.id
    )


def versions_of(document: Document) -> Select:
    return (
        select(DocumentVersion, User, Town)
        .outerjoin(User, User.id == DocumentVersion.uploaded_by_id)
        .outerjoin(Town, Town.id == DocumentVersion.town_id)
        .where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc())
    )


def version_of(document: Document, number: int) -> Select:
    return select(DocumentVersion).where(
        DocumentVersion.document_id == document.id, DocumentVersion.number == number
    )


def language_versions(document: Document) -> Select:
    """The other documents of the same translation group (source and translations)."""
    source_id = document.translation_of_id or document.id
    return (
        select(Document)
        .where(
            or_(Document.id == source_id, Document.translation_of_id == source_id),
            Document.id != document.id,
            Document.deleted_at.is_(None),
        )
        .order_by(Document.language, Document.id)
    )


def translation_candidates(document: Document, q: str = "") -> Select:
    stmt = (
        select(Document)
        .where(
            Document.partnership_id == document.partnership_id,
            Document.id != document.id,
            Document.deleted_at.is_(None),
        )
        .order_by(Document.title_key)
        .limit(200)
    )
    for word in query_words(q):
        stmt = stmt.where(Document.search_meta.like(like_pattern(word), escape="\\"))
    return stmt


def downloads_of(document: Document) -> Select:
    return (
        select(DocumentDownload, DocumentVersion, User)
        .join(DocumentVersion, DocumentVersion.id == DocumentDownload.version_id)
        .outerjoin(User, User.id == DocumentDownload.user_id)
        .where(DocumentDownload.document_id == document.id)
        .order_by(DocumentDownload.created_at.desc(), DocumentDownload.id.desc())
    )


def documents_with_hash(partnership: Partnership, sha256: str) -> Select:
    """Documents of the partnership holding the file (or thumbnail) with this hash."""
    return (
        select(Document, DocumentVersion)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(
            Document.partnership_id == partnership.id,
            or_(DocumentVersion.sha256 == sha256, DocumentVersion.thumbnail_sha256 == sha256),
        )
    )


def stored_hashes() -> CompoundSelect:
    """Every stored file the library refers to: versions and their thumbnails."""
    return union(
        select(DocumentVersion.sha256),
        select(DocumentVersion.thumbnail_sha256).where(
            DocumentVersion.thumbnail_sha256.is_not(None)
        ),
    )


storage.register_references(stored_hashes)


def expired_trash(before: datetime) -> Select:
    return select(Document).where(Document.deleted_at.is_not(None), Document.deleted_at < before)

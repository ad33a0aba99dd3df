"""Writes: documents, versions, language versions, folders, trash, download log.

Services flush, never commit: the view commits once.
"""

from __future__ import annotations

from sqlalchemy import select, update

from hub import jobs
from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db
from hub.library import uploads
from hub.library.models import Document, DocumentDownload, DocumentVersion, Folder
from hub.library.textnorm import normalise
from hub.partnerships.models import Partnership
from hub.permissions import membership


class LibraryError(ValueError):
    """A change that cannot be made; the message is translated."""


def _town_id(user: User, partnership: Partnership) -> int | None:
    m = membership(user, partnership)
    return m.town_id if m is not None else user.town_id


def _refresh_search(document: Document, filename: str = "") -> None:
    document.title_key = normalise(document.title)[:255]
    document.search_meta = "\n".join(
        part
        for part in (
            normalise(document.title),
            normalise(document.description),
            normalise(filename),
        )
        if part
    )


# --- documents and versions ---------------------------------------------------------------


def create_document(
    partnership: Partnership,
    user: User,
    prepared: uploads.PreparedFile,
    *,
    folder: Folder | None,
    title: str,
    description: str,
    language: str,
    theme: str | None,
    visibility: str,
    translation_of: Document | None = None,
) -> Document:
    document = Document(
        partnership=partnership,
        folder=folder,
        title=(title or uploads.title_from_filename(prepared.filename))[:255],
        # Both default from the file: the title from its cleaned-up name, the description
        # from the original name as uploaded (kept exactly, Unicode and all).
        description=description or prepared.filename,
        language=language,
        theme=theme or None,
        visibility=visibility,
        created_by=user,
        current_version_number=0,
    )
    db.session.add(document)
    if translation_of is not None:
        link_translation(document, translation_of)
    add_version(document, user, prepared)
    return document


def add_version(
    document: Document, user: User, prepared: uploads.PreparedFile, change_note: str = ""
) -> DocumentVersion:
    stored = uploads.store(prepared)
    version = DocumentVersion(
        filename=prepared.filename,
        sha256=stored.sha256,
        size=stored.size,
        kind=prepared.sniffed.kind,
        media_type=prepared.sniffed.media_type,
        width=prepared.sniffed.width,
        height=prepared.sniffed.height,
        extraction_status="pending",
    )
    return _append(document, user, version, change_note)


def make_current(
    document: Document, old: DocumentVersion, user: User, change_note: str = ""
) -> DocumentVersion:
    """An older version becomes current again as a new version; nothing is rewritten."""
    version = DocumentVersion(
        filename=old.filename,
        sha256=old.sha256,
        size=old.size,
        kind=old.kind,
        media_type=old.media_type,
        width=old.width,
        height=old.height,
        extracted_text=old.extracted_text,
        search_text=old.search_text,
        extraction_status=old.extraction_status
        if old.extraction_status != "pending"
        else "pending",
        thumbnail_sha256=old.thumbnail_sha256,
        restored_from=old.number,
    )
    return _append(document, user, version, change_note)


def _append(
    document: Document, user: User, version: DocumentVersion, change_note: str
) -> DocumentVersion:
    now = utcnow()
    version.number = document.current_version_number + 1
    version.change_note = (change_note or "")[:500]
    version.uploaded_by = user
    version.town_id = _town_id(user, document.partnership)
    version.created_at = now
    document.versions.append(version)
    document.current_version_number = version.number
    document.version_changed_at = now
    document.updated_at = now
    _refresh_search(document, version.filename)
    db.session.flush()
    if version.extraction_status == "pending":
        jobs.after_commit(uploads.process_version, version.id)
    return version


def update_document(
    document: Document,
    *,
    title: str,
    description: str,
    language: str,
    theme: str | None,
    visibility: str,
) -> None:
    document.title = title[:255]
    document.description = description or ""
    document.language = language
    document.theme = theme or None
    document.visibility = visibility
    document.updated_at = utcnow()
    current = next(
        (v for v in document.versions if v.number == document.current_version_number), None
    )
    _refresh_search(document, current.filename if current else "")
    db.session.flush()


def move_document(document: Document, folder: Folder | None) -> None:
    document.folder = folder
    document.updated_at = utcnow()
    db.session.flush()


def delete_document(document: Document, user: User) -> None:
    """To the trash (kept HUB_TRASH_DAYS days, then purged)."""
    document.deleted_at = utcnow()
    document.deleted_by = user
    db.session.flush()


def restore_document(document: Document) -> None:
    document.deleted_at = None
    document.deleted_by = None
    if document.folder_id is not None and document.folder is None:
        document.folder_id = None
    db.session.flush()


# --- language versions --------------------------------------------------------------------


def link_translation(document: Document, source: Document) -> None:
    """Mark `document` as a translation of `source` (of its source, when it is one itself).

    The document's own translations follow it into the group. It counts as up to date now.
    """
    source = source.translation_of or source
    if source.id is not None and source.id == document.id:
        raise LibraryError("a document cannot be a translation of itself")
    if document.id is not None:
        db.session.execute(
            update(Document)
            .where(Document.translation_of_id == document.id)
            .values(translation_of_id=source.id, translation_confirmed_at=utcnow())
        )
    document.translation_of = source
    document.translation_confirmed_at = utcnow()
    db.session.flush()


def unlink_translation(document: Document) -> None:
    document.translation_of = None
    document.translation_confirmed_at = None
    db.session.flush()


def confirm_translation(document: Document) -> None:
    """Someone checked: this translation matches its source's current version."""
    document.translation_confirmed_at = utcnow()
    db.session.flush()


def is_out_of_date(document: Document) -> bool:
    source = document.translation_of
    if source is None or source.deleted_at is not None:
        return False
    seen = max(
        document.version_changed_at,
        document.translation_confirmed_at or document.version_changed_at,
    )
    return source.version_changed_at > seen


# --- folders ------------------------------------------------------------------------------


def create_folder(partnership: Partnership, parent: Folder | None, name: str, user: User) -> Folder:
    folder = Folder(
        partnership=partnership, parent=parent, name=name.strip()[:200], created_by_id=user.id
    )
    db.session.add(folder)
    db.session.flush()
    return folder


def rename_folder(folder: Folder, name: str) -> None:
    folder.name = name.strip()[:200]
    db.session.flush()


def folder_is_empty(folder: Folder) -> bool:
    child = db.session.scalar(select(Folder.id).where(Folder.parent_id == folder.id).limit(1))
    document = db.session.scalar(
        select(Document.id)
        .where(Document.folder_id == folder.id, Document.deleted_at.is_(None))
        .limit(1)
    )
    return child is None and document is None


def delete_folder(folder: Folder) -> None:
    """Only empty folders go; documents in the trash that were in it will come back at the top."""
    if not folder_is_empty(folder):
        raise LibraryError("folder not empty")
    db.session.execute(
        update(Document).where(Document.folder_id == folder.id).values(folder_id=None)
    )
    db.session.delete(folder)
    db.session.flush()


# --- download log -------------------------------------------------------------------------


def record_download(version: DocumentVersion, user: User | None, *, inline: bool) -> None:
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    db.session.add(
        DocumentDownload(
            document_id=version.document_id,
            version_id=version.id,
            user_id=user.id if signed_in else None,
            inline=inline,
        )
    )
    db.session.flush()

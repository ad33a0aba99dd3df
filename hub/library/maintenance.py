"""Housekeeping: purge the trash, check storage against the database.

flask --app hub library purge-trash        documents in the trash longer than HUB_TRASH_DAYS
flask --app hub storage check [--fix]      files without rows, rows without files
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete, func, select, update

from hub.db import utcnow
from hub.extensions import db
from hub.library.models import Document, DocumentDownload, DocumentVersion
from hub.library.queries import expired_trash
from hub.library.uploads import discard_unreferenced
from hub.storage import get_storage, referenced_hashes

ORPHAN_GRACE_SECONDS = 3600  # a file this young may belong to an upload not yet committed


def purge_trash(now=None) -> tuple[int, int]:
    """Delete documents kept in the trash longer than HUB_TRASH_DAYS, then their unused files.

    Commits (a command, not a request). Returns (documents, files) removed.
    """
    now = now or utcnow()
    before = now - timedelta(days=current_app.config["HUB_TRASH_DAYS"])
    documents = list(db.session.scalars(expired_trash(before)))
    if not documents:
        return 0, 0
    ids = [d.id for d in documents]
    hashes = [
        h
        for row in db.session.execute(
            select(DocumentVersion.sha256, DocumentVersion.thumbnail_sha256).where(
                DocumentVersion.document_id.in_(ids)
            )
        )
        for h in row
        if h
    ]
    db.session.execute(
        update(Document).where(Document.translation_of_id.in_(ids)).values(translation_of_id=None)
    )
    db.session.execute(delete(DocumentDownload).where(DocumentDownload.document_id.in_(ids)))
    for document in documents:
        db.session.delete(document)
    db.session.commit()
    return len(documents), discard_unreferenced(hashes)


@dataclass
class StorageReport:
    orphan_files: list[str] = field(default_factory=list)  # stored, no row refers to them
    young_orphans: list[str] = field(default_factory=list)  # maybe an upload in progress
    missing_files: list[int] = field(default_factory=list)  # version ids whose file is gone
    missing_thumbnails: list[int] = field(default_factory=list)  # the preview falls back
    stale_temporary: list[str] = field(default_factory=list)
    fixed: bool = False


def check_storage(fix: bool = False) -> StorageReport:
    storage = get_storage()
    report = StorageReport()
    referenced = referenced_hashes()  # every feature's files, not only the library's
    versions: list[tuple[int, str, str | None]] = [
        tuple(row)
        for row in db.session.execute(
            select(DocumentVersion.id, DocumentVersion.sha256, DocumentVersion.thumbnail_sha256)
        )
    ]
    now = time.time()
    for sha256 in storage.iter_hashes():
        if sha256 in referenced:
            continue
        if now - storage.modified_at(sha256) < ORPHAN_GRACE_SECONDS:
            report.young_orphans.append(sha256)
        else:
            report.orphan_files.append(sha256)
    report.missing_files = [vid for vid, sha256, _thumb in versions if not storage.exists(sha256)]
    report.missing_thumbnails = [
        vid for vid, _sha256, thumb in versions if thumb and not storage.exists(thumb)
    ]
    report.stale_temporary = [p.name for p in storage.stale_temporary_files()]
    if fix:
        _fix(report)
    return report


def _fix(report: StorageReport) -> None:
    storage = get_storage()
    for sha256 in report.orphan_files:
        storage.delete(sha256)
    for path in storage.stale_temporary_files():
        path.unlink(missing_ok=True)
    if report.missing_thumbnails:
        db.session.execute(
            update(DocumentVersion)
            .where(DocumentVersion.id.in_(report.missing_thumbnails))
            .values(thumbnail_sha256=None)
        )
    if report.missing_files:
        doc_ids = set(
            db.session.scalars(
                select(DocumentVersion.document_id).where(
                    DocumentVersion.id.in_(report.missing_files)
                )
            )
        )
        db.session.execute(
            delete(DocumentDownload).where(DocumentDownload.version_id.in_(report.missing_files))
        )
        db.session.execute(
            delete(DocumentVersion).where(DocumentVersion.id.in_(report.missing_files))
        )
        db.session.expire_all()  # loaded version collections are stale now
        for document in db.session.scalars(select(Document).where(Document.id.in_(doc_ids))):
            latest = db.session.scalar(
                select(func.max(DocumentVersion.number)).where(
                    DocumentVersion.document_id == document.id
                )
            )
            if latest is None:
                db.session.execute(
                    update(Document)
                    .where(Document.translation_of_id == document.id)
                    .values(translation_of_id=None)
                )
                db.session.delete(document)
            else:
                document.current_version_number = latest
    db.session.commit()
    report.fixed = True


# --- commands -----------------------------------------------------------------------------

storage_cli = AppGroup("storage", help="The file store (HUB_STORAGE_DIR).")


@storage_cli.command("check")
@click.option("--fix", is_flag=True, help="Remove files without rows and rows without files.")
def storage_check_command(fix: bool) -> None:
    """Compare the stored files with the library's rows."""
    report = check_storage(fix=fix)
    verb = "removed" if fix else "found"
    young = f" ({len(report.young_orphans)} younger than an hour left alone)"
    click.echo(
        f"Files without rows: {len(report.orphan_files)} {verb}"
        + (young if report.young_orphans else "")
    )
    for sha256 in report.orphan_files:
        click.echo(f"  file {sha256}")
    click.echo(f"Rows without files: {len(report.missing_files)} {verb}")
    for version_id in report.missing_files:
        click.echo(f"  version {version_id}")
    click.echo(f"Thumbnails without files: {len(report.missing_thumbnails)} {verb}")
    click.echo(f"Stale temporary files: {len(report.stale_temporary)} {verb}")
    problems = report.orphan_files or report.missing_files or report.stale_temporary
    if not fix and (problems or report.missing_thumbnails):
        click.echo("Run with --fix to remove them.")
        raise SystemExit(1)


def register_library_commands(cli: AppGroup) -> None:
    @cli.command("purge-trash")
    def purge_trash_command() -> None:
        """Delete documents that have been in the trash longer than HUB_TRASH_DAYS."""
        documents, files = purge_trash()
        click.echo(f"Purged {documents} document(s) from the trash and {files} unused file(s).")

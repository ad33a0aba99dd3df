"""Trash purge and the storage check, through their commands."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from hub.db import utcnow
from hub.extensions import db
from hub.library import samples
from hub.library.models import Document, DocumentDownload, DocumentVersion
from hub.library.services import record_download
from hub.storage import get_storage
from tests.library.helpers import documents, stored_files


def _age(path, seconds: int) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_purge_trash_removes_old_documents_and_unused_files(app, world, make_document, storage_dir):
    old = make_document(
        world.partnership, world.staff, samples.pdf("eski"), "eski.pdf", title="Eski"
    )
    recent = make_document(
        world.partnership, world.staff, samples.pdf("yeni"), "yeni.pdf", title="Yeni"
    )
    shared = make_document(
        world.partnership, world.staff, b"ortak\n", "ortak.txt", title="Ortak eski"
    )
    keeper = make_document(world.partnership, world.staff, b"ortak\n", "kopya.txt", title="Kopya")
    translation = make_document(
        world.partnership, world.staff, b"ceviri\n", "c.txt", translation_of=old
    )
    record_download(old.versions[0], world.staff, inline=False)
    old.deleted_at = shared.deleted_at = utcnow() - timedelta(days=31)
    recent.deleted_at = utcnow() - timedelta(days=2)
    db.session.commit()
    old_hash = old.versions[0].sha256

    result = app.test_cli_runner().invoke(args=["library", "purge-trash"])
    assert result.exit_code == 0, result.output
    assert "Purged 2 document(s)" in result.output
    assert sorted(d.title for d in documents()) == sorted(["Yeni", "Kopya", translation.title])
    assert not get_storage().exists(old_hash)
    assert get_storage().exists(keeper.versions[0].sha256)  # still used by "Kopya"
    assert db.session.scalars(db.select(DocumentDownload)).all() == []
    db.session.refresh(translation)
    assert translation.translation_of_id is None


def test_storage_check_reports_and_fixes(app, world, make_document, storage_dir):
    kept = make_document(world.partnership, world.staff, b"kalacak\n", "a.txt", title="Kalacak")
    lost = make_document(world.partnership, world.staff, b"kayip\n", "b.txt", title="Kayıp")
    storage = get_storage()
    orphan = storage.save_bytes(b"no row points here").sha256
    young = storage.save_bytes(b"an upload still in progress").sha256
    _age(storage.local_path(orphan), 7200)
    temporary = storage_dir / ".tmp-crashed"
    temporary.write_bytes(b"half")
    _age(temporary, 3 * 24 * 3600)
    storage.delete(lost.versions[0].sha256)

    runner = app.test_cli_runner()
    report = runner.invoke(args=["storage", "check"])
    assert report.exit_code == 1
    assert "Files without rows: 1 found" in report.output and orphan in report.output
    assert "Rows without files: 1 found" in report.output
    assert "Stale temporary files: 1 found" in report.output
    assert storage.exists(orphan)

    fixed = runner.invoke(args=["storage", "check", "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert not storage.exists(orphan)
    assert storage.exists(young)  # may belong to an upload not yet committed
    assert not temporary.exists()
    assert [d.title for d in documents()] == ["Kalacak"]
    assert storage.exists(kept.versions[0].sha256)
    again = runner.invoke(args=["storage", "check"])
    assert "Files without rows: 0 found" in again.output
    assert "Rows without files: 0 found" in again.output


def test_storage_check_keeps_older_versions_when_the_latest_is_lost(
    app, world, make_document, login_as, client
):
    import io

    doc = make_document(world.partnership, world.staff, b"bir\n", "a.txt")
    login_as(world.staff)
    client.post(
        f"/p/nilufer-darmstadt/library/documents/{doc.id}/versions/new",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"iki\n"), "a.txt")},
    )
    db.session.refresh(doc)
    get_storage().delete(doc.versions[1].sha256)
    app.test_cli_runner().invoke(args=["storage", "check", "--fix"])
    db.session.expire_all()
    document = db.session.get(Document, doc.id)
    assert document.current_version_number == 1
    assert [v.number for v in db.session.scalars(db.select(DocumentVersion))] == [1]


def test_nothing_to_report_on_an_empty_store(app, storage_dir):
    result = app.test_cli_runner().invoke(args=["storage", "check"])
    assert result.exit_code == 0
    assert stored_files(storage_dir) == []



def test_storage_check_keeps_files_other_features_refer_to(app, db):
    """Files another feature registers (CVs of the exchange board…) are never orphans."""
    import io
    import os
    import time

    from sqlalchemy import literal, select

    from hub import storage
    from hub.exchange import queries as exchange_queries
    from hub.library.maintenance import check_storage

    assert exchange_queries.cv_hashes in storage._REFERENCES
    stored = storage.get_storage().save_stream(io.BytesIO(b"%PDF-1.4 a CV\n%%EOF"))
    old = time.time() - 7 * 24 * 3600
    os.utime(storage.get_storage().local_path(stored.sha256), (old, old))
    assert stored.sha256 in check_storage().orphan_files
    assert not storage.is_referenced(stored.sha256)

    def hashes():
        return select(literal(stored.sha256))

    storage.register_references(hashes)
    try:
        assert storage.is_referenced(stored.sha256)
        assert stored.sha256 not in check_storage(fix=True).orphan_files
        assert storage.get_storage().exists(stored.sha256)
    finally:
        storage._REFERENCES.remove(hashes)

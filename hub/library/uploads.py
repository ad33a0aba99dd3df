"""Uploaded files: checked, cleaned, stored; derived text and thumbnails made after commit.

The order that keeps files and rows consistent:
1. `prepare()` sniffs every file and refuses what is not accepted (nothing stored yet);
2. `store()` streams the content into the content-addressed store (fsync + rename);
3. the view adds the rows and commits inside `kept_only_on_commit()`: when anything fails
   (a database error, a cancelled request), the rows are rolled back and files stored by this
   request that no row references are removed again;
4. `process_version()` runs as a job after the commit: text extraction and thumbnails. Its
   failure never undoes the upload.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select

from hub.extensions import db
from hub.library import images
from hub.library.extract import extract_text
from hub.library.models import DocumentVersion
from hub.library.sniff import IMAGE_KINDS, Refused, Sniffed, sniff
from hub.library.textnorm import normalise
from hub.storage import StorageError, StoredFile, get_storage

log = logging.getLogger(__name__)
NEW_FILES = "library_new_files"
MAX_NAME = 255
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class PreparedFile:
    filename: str
    sniffed: Sniffed
    stream: BinaryIO
    owned: bool = False  # a cleaned copy made here (closed once stored)

    def close(self) -> None:
        if self.owned:
            self.stream.close()


def clean_filename(raw: str | None) -> str:
    """The name as the user's system called it, minus paths, control and direction characters.

    Kept for display and download only; the stored file is named by its hash.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip().lstrip(".").strip()
    if not name:
        name = "file"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 16:
            name = stem[: MAX_NAME - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:MAX_NAME]
    return name


def title_from_filename(filename: str) -> str:
    """ "Çalıştay_Raporu-2026.pdf" → "Çalıştay Raporu 2026"."""
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    title = " ".join(re.sub(r"[_]+|(?<=\S)-(?=\S)", " ", stem).split())
    return (title or filename)[:255]


def max_upload_bytes() -> int:
    return int(current_app.config["HUB_MAX_UPLOAD_MB"]) * 1024 * 1024


def prepare(file_storage, *, language: str | None = None) -> PreparedFile:
    """Check one uploaded file (werkzeug FileStorage); Refused when it is not accepted."""
    filename = clean_filename(file_storage.filename)
    stream = file_storage.stream
    sniffed = sniff(stream, filename, language=language)
    if sniffed.kind in IMAGE_KINDS:
        cleaned = images.remove_location(stream, sniffed.kind)
        if cleaned is not None:
            return PreparedFile(filename, sniffed, cleaned, owned=True)
    return PreparedFile(filename, sniffed, stream)


def prepare_all(
    file_storages, *, language: str | None = None
) -> tuple[list[PreparedFile], list[str]]:
    """Every file checked; the translated reasons of those refused."""
    prepared, problems = [], []
    for fs in file_storages:
        try:
            prepared.append(prepare(fs, language=language))
        except Refused as refusal:
            problems.append(refusal.message)
    if problems:
        for item in prepared:
            item.close()
        prepared = []
    return prepared, problems


def store(prepared: PreparedFile) -> StoredFile:
    """Stream the file into storage; remember it so that a failed request removes it again."""
    prepared.stream.seek(0)
    try:
        stored = get_storage().save_stream(prepared.stream, max_size=max_upload_bytes())
    except StorageError as error:
        from werkzeug.exceptions import RequestEntityTooLarge

        raise RequestEntityTooLarge() from error
    finally:
        prepared.close()
    if stored.created:
        db.session.info.setdefault(NEW_FILES, []).append(stored.sha256)
    return stored


@contextmanager
def kept_only_on_commit() -> Iterator[None]:
    """Wrap the storing, the row changes and the commit of an upload."""
    db.session.info[NEW_FILES] = []
    try:
        yield
    except BaseException:
        new_files = db.session.info.pop(NEW_FILES, [])
        db.session.rollback()
        discard_unreferenced(new_files)
        raise
    db.session.info.pop(NEW_FILES, None)


def discard_unreferenced(hashes: list[str]) -> int:
    from hub.storage import is_referenced

    storage = get_storage()
    removed = 0
    for sha256 in set(hashes):
        if not is_referenced(sha256) and storage.delete(sha256):
            removed += 1
    return removed


# --- after the commit ---------------------------------------------------------------------


def process_version(version_id: int) -> None:
    """Extract the text (for search) and make a thumbnail; commit. A job: never raises."""
    version = db.session.get(DocumentVersion, version_id)
    if version is None or version.extraction_status != "pending":
        return
    try:
        _derive(version)
    except Exception:
        log.exception("processing library version %s failed", version_id)
        db.session.rollback()
        version = db.session.get(DocumentVersion, version_id)
        if version is None:
            return
        version.extraction_status = "failed"
    db.session.commit()


def derive_now(version: DocumentVersion) -> None:
    """Extract and make thumbnails in the caller's transaction (demo data, scripts)."""
    if version.extraction_status != "pending":
        return
    try:
        _derive(version)
    except Exception:
        log.exception("processing library version %s failed", version.id)
        version.extraction_status = "failed"


def _derive(version: DocumentVersion) -> None:
    same = db.session.scalar(
        select(DocumentVersion)
        .where(
            DocumentVersion.sha256 == version.sha256,
            DocumentVersion.id != version.id,
            DocumentVersion.extraction_status.in_(("ok", "empty")),
        )
        .limit(1)
    )
    if same is not None:  # identical content seen before: reuse what was derived from it
        version.extracted_text, version.search_text = same.extracted_text, same.search_text
        version.thumbnail_sha256 = same.thumbnail_sha256
        version.extraction_status = same.extraction_status
        return
    storage = get_storage()
    max_chars = current_app.config["HUB_EXTRACT_MAX_CHARS"]
    try:
        with storage.open(version.sha256) as stream:
            text = extract_text(stream, version.kind, version.media_type, max_chars=max_chars)
        version.extracted_text = text or None
        version.search_text = normalise(text) or None
        version.extraction_status = (
            "ok" if text else ("empty" if version.kind not in IMAGE_KINDS else "none")
        )
    except Exception:
        log.warning(
            "text extraction failed for version %s (%s)", version.id, version.kind, exc_info=True
        )
        version.extraction_status = "failed"
    if version.kind in IMAGE_KINDS:
        with storage.open(version.sha256) as stream:
            small = images.thumbnail(stream)
        if small:
            version.thumbnail_sha256 = storage.save_bytes(small).sha256

"""File storage: content-addressed, written safely, behind a small interface.

Files are named by the SHA-256 of their content, so identical content is stored once and the
stored name never comes from what a user typed. `LocalStorage` keeps them under
HUB_STORAGE_DIR as `ab/cd/<sha256>`; an S3-compatible store can replace it by implementing the
same methods (`local_path` then answers None and downloads stream from `open`).

Writing: the stream is copied in chunks (never read whole into memory) to a temporary file in
the target directory while it is hashed, fsync'ed, then renamed into place (atomic on POSIX),
and the directory is fsync'ed. A failure at any point leaves no file behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from flask import current_app
from sqlalchemy import Select, select

CHUNK_SIZE = 1024 * 1024
TEMP_PREFIX = ".tmp-"
_HASH = re.compile(r"^[0-9a-f]{64}$")


class StoredFile(NamedTuple):
    sha256: str
    size: int
    created: bool  # False when identical content was already stored (deduplicated)


class StorageError(Exception):
    pass


def is_hash(value: str) -> bool:
    return bool(_HASH.match(value or ""))


class LocalStorage:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    # -- names ---------------------------------------------------------------------------------

    def _path(self, sha256: str) -> Path:
        if not is_hash(sha256):
            raise StorageError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def local_path(self, sha256: str) -> Path | None:
        """Where the file lives on this machine (for efficient sending), or None if absent."""
        path = self._path(sha256)
        return path if path.is_file() else None

    # -- writing -------------------------------------------------------------------------------

    def save_stream(self, fileobj: BinaryIO, *, max_size: int | None = None) -> StoredFile:
        """Copy `fileobj` into the store; return its hash, size and whether it is new.

        Raises StorageError when more than `max_size` bytes arrive (nothing is kept).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := fileobj.read(CHUNK_SIZE):
                    size += len(chunk)
                    if max_size is not None and size > max_size:
                        raise StorageError("file too large")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self._path(sha256)
            if target.is_file():
                tmp.unlink()
                return StoredFile(sha256, size, False)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o640)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
            return StoredFile(sha256, size, True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def save_bytes(self, data: bytes) -> StoredFile:
        import io

        return self.save_stream(io.BytesIO(data))

    # -- reading and removing ------------------------------------------------------------------

    def exists(self, sha256: str) -> bool:
        return is_hash(sha256) and self._path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """The stored file, opened for binary reading (FileNotFoundError when absent)."""
        return self._path(sha256).open("rb")

    def size(self, sha256: str) -> int:
        return self._path(sha256).stat().st_size

    def delete(self, sha256: str) -> bool:
        try:
            self._path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def iter_hashes(self) -> Iterator[str]:
        """Every stored file's hash (temporary files are not listed)."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if not first.is_dir() or len(first.name) != 2:
                continue
            for second in sorted(first.iterdir()):
                if not second.is_dir():
                    continue
                for path in sorted(second.iterdir()):
                    if is_hash(path.name) and path.is_file():
                        yield path.name

    def stale_temporary_files(self, older_than: float = 24 * 3600) -> list[Path]:
        """Temporary files left by a crash mid-write (an upload running now is younger)."""
        if not self.root.is_dir():
            return []
        limit = time.time() - older_than
        return [
            p
            for p in self.root.glob(TEMP_PREFIX + "*")
            if p.is_file() and p.stat().st_mtime < limit
        ]

    def modified_at(self, sha256: str) -> float:
        return self._path(sha256).stat().st_mtime


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def get_storage() -> LocalStorage:
    """The store configured for the current app (HUB_STORAGE_DIR)."""
    return LocalStorage(current_app.config["HUB_STORAGE_DIR"])


# --- who refers to stored files --------------------------------------------------------------
# Several features keep files in the one store (library versions and thumbnails, CVs…). Each
# registers a statement selecting the hashes it refers to, so that housekeeping (trash purge,
# `flask storage check --fix`, clean-up after a failed upload) never deletes a file that another
# feature still needs.

_REFERENCES: list[Callable[[], Select]] = []


def register_references(hashes: Callable[[], Select]) -> None:
    """`hashes()` returns a one-column select of the SHA-256 values a feature refers to."""
    if hashes not in _REFERENCES:
        _REFERENCES.append(hashes)


def is_referenced(sha256: str) -> bool:
    from hub.extensions import db

    for hashes in _REFERENCES:
        subquery = hashes().subquery()
        column = next(iter(subquery.c))
        if db.session.scalar(select(column).where(column == sha256).limit(1)) is not None:
            return True
    return False


def referenced_hashes() -> set[str]:
    from hub.extensions import db

    found: set[str] = set()
    for hashes in _REFERENCES:
        found.update(h for h in db.session.scalars(hashes()) if h)
    return found

"""Content-addressed storage: streamed, hashed, fsync'ed and renamed; nothing half-written."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from hub.storage import CHUNK_SIZE, LocalStorage, StorageError, is_hash
from tests.library.helpers import stored_files


class Chunks(io.RawIOBase):
    """A stream that yields `count` chunks and can fail part-way (a client that went away)."""

    def __init__(self, count: int, fail_after: int | None = None) -> None:
        self.count = count
        self.fail_after = fail_after
        self.sent = 0
        self.largest_read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.largest_read = max(self.largest_read, size)
        if self.fail_after is not None and self.sent >= self.fail_after:
            raise OSError("connection reset by peer")
        if self.sent >= self.count:
            return b""
        self.sent += 1
        return bytes([self.sent % 256]) * 1000


def test_save_stream_stores_by_hash(tmp_path):
    storage = LocalStorage(tmp_path)
    stored = storage.save_stream(io.BytesIO(b"Merhaba D\xc3\xbcnya"))
    digest = hashlib.sha256(b"Merhaba D\xc3\xbcnya").hexdigest()
    assert stored.sha256 == digest
    assert stored.size == 14
    assert stored.created
    path = tmp_path / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == b"Merhaba D\xc3\xbcnya"
    assert storage.exists(digest)
    assert storage.local_path(digest) == path
    with storage.open(digest) as f:
        assert f.read() == b"Merhaba D\xc3\xbcnya"


def test_identical_content_is_stored_once(tmp_path):
    storage = LocalStorage(tmp_path)
    first = storage.save_stream(io.BytesIO(b"same"))
    second = storage.save_stream(io.BytesIO(b"same"))
    assert first.sha256 == second.sha256
    assert first.created and not second.created
    assert len(stored_files(tmp_path)) == 1


def test_stream_is_read_in_chunks(tmp_path):
    source = Chunks(50)
    stored = LocalStorage(tmp_path).save_stream(source)
    assert stored.size == 50_000
    assert source.largest_read == CHUNK_SIZE


def test_failure_mid_stream_leaves_nothing(tmp_path):
    storage = LocalStorage(tmp_path)
    with pytest.raises(OSError):
        storage.save_stream(Chunks(50, fail_after=20))
    assert stored_files(tmp_path) == []


def test_size_limit_leaves_nothing(tmp_path):
    storage = LocalStorage(tmp_path)
    with pytest.raises(StorageError):
        storage.save_stream(io.BytesIO(b"x" * 2000), max_size=1000)
    assert stored_files(tmp_path) == []


def test_file_is_synced_before_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("rename"), real_replace(a, b))[1])
    LocalStorage(tmp_path).save_stream(io.BytesIO(b"durable"))
    assert calls[:2] == ["fsync", "rename"]


def test_delete_and_iterate(tmp_path):
    storage = LocalStorage(tmp_path)
    a = storage.save_bytes(b"a").sha256
    b = storage.save_bytes(b"b").sha256
    (tmp_path / ".tmp-leftover").write_bytes(b"half")
    assert sorted(storage.iter_hashes()) == sorted([a, b])
    assert storage.delete(a)
    assert not storage.delete(a)
    assert list(storage.iter_hashes()) == [b]


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "ab", "x" * 64, "A" * 64, "", "../" + "a" * 61]
)
def test_only_hashes_name_files(tmp_path, name):
    storage = LocalStorage(tmp_path)
    assert not is_hash(name)
    assert not storage.exists(name)
    with pytest.raises(StorageError):
        storage.open(name)

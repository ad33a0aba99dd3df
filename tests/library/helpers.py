"""Helpers for the library tests."""

from __future__ import annotations

import io
from pathlib import Path

from werkzeug.datastructures import FileStorage

from hub.extensions import db
from hub.library.models import Document


def stored_files(root: Path) -> list[Path]:
    """Everything in the store, temporary files included."""
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def file_storage(content: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=filename)


def only_document() -> Document:
    documents = db.session.scalars(db.select(Document)).all()
    assert len(documents) == 1, documents
    return documents[0]


def documents() -> list[Document]:
    return list(db.session.scalars(db.select(Document).order_by(Document.id)))


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body in memory (werkzeug's builder spools large ones to a file)."""
    boundary = "hub-test-boundary-7MA4YWxk"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    for name, filename, content in files:
        out.write(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"

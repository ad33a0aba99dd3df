"""Text extraction for search: PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, TXT, Markdown and CSV.

Office and OpenDocument files are ZIP archives of XML; they are read member by member with a
streaming, entity-free XML parser (defusedxml) and capped reads, so neither a crafted archive
nor an XML bomb can exhaust memory. Every extractor stops at `max_chars`. Errors propagate:
the caller records the failure and the upload stands.
"""

from __future__ import annotations

import codecs
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from defusedxml.ElementTree import iterparse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MEMBER_CAP = 64 * 1024 * 1024  # bytes read from one archive member at most
DEFAULT_MAX_CHARS = 1_000_000


class _Capped:
    """A read-only stream that stops after `cap` bytes."""

    def __init__(self, raw: BinaryIO, cap: int) -> None:
        self.raw = raw
        self.left = cap

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.raw.read(size)
        self.left -= len(data)
        return data


def extract_text(
    stream: BinaryIO, kind: str, media_type: str = "", *, max_chars: int = DEFAULT_MAX_CHARS
) -> str:
    """The text of a stored file, at most `max_chars` characters."""
    stream.seek(0)
    if kind == "pdf":
        pieces = _pdf(stream)
    elif kind in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        pieces = _archive(stream, kind)
    elif kind in ("text", "markdown", "csv"):
        pieces = _text(stream, _charset(media_type))
    else:
        return ""
    return _join(pieces, max_chars)


def _join(pieces: Iterable[str], max_chars: int) -> str:
    out: list[str] = []
    total = 0
    for piece in pieces:
        if not piece:
            continue
        out.append(piece)
        total += len(piece) + 1
        if total >= max_chars:
            break
    return "\n".join(out)[:max_chars].strip()


def _charset(media_type: str) -> str:
    match = re.search(r"charset=([\w-]+)", media_type or "")
    return match.group(1) if match else "utf-8"


def _text(stream: BinaryIO, charset: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig" if charset == "utf-8" else charset)(
        errors="replace"
    )
    while chunk := stream.read(256 * 1024):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _pdf(stream: BinaryIO) -> Iterator[str]:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            return
        for number, page in enumerate(reader.pages):
            if number >= 2000:
                return
            yield page.extract_text() or ""


def _archive(stream: BinaryIO, kind: str) -> Iterator[str]:
    with zipfile.ZipFile(stream) as archive:
        names = archive.namelist()
        if kind == "docx":
            parts = ["word/document.xml"] + sorted(
                n
                for n in names
                if re.fullmatch(r"word/(header|footer|footnotes|endnotes)\d*\.xml", n)
            )
            yield from _parts(archive, parts, {W + "p"}, W + "t")
        elif kind == "xlsx":
            yield from _parts(archive, ["xl/workbook.xml"], {S + "sheet"}, None, attribute="name")
            yield from _parts(archive, ["xl/sharedStrings.xml"], {S + "si"}, S + "t")
            sheets = sorted(
                (n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)), key=_number
            )
            yield from _parts(archive, sheets, {S + "is"}, S + "t")
        elif kind == "pptx":
            slides = sorted(
                (n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=_number
            )
            notes = sorted(
                (n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)),
                key=_number,
            )
            yield from _parts(archive, slides + notes, {A + "p"}, A + "t")
        else:  # OpenDocument
            yield from _parts(archive, ["content.xml"], {TEXT_NS + "p", TEXT_NS + "h"}, None)


def _number(name: str) -> int:
    match = re.search(r"(\d+)\.xml$", name)
    return int(match.group(1)) if match else 0


def _parts(
    archive: zipfile.ZipFile,
    parts: list[str],
    blocks: set[str],
    text_tag: str | None,
    attribute: str | None = None,
) -> Iterator[str]:
    """Text of each block element (paragraph, cell) of the XML members, streamed."""
    present = set(archive.namelist())
    for part in parts:
        if part not in present:
            continue
        with archive.open(part) as raw:
            for _event, element in iterparse(_Capped(raw, MEMBER_CAP), events=("end",)):
                if element.tag not in blocks:
                    continue
                if attribute:
                    text = element.get(attribute, "")
                elif text_tag:
                    text = "".join(t.text or "" for t in element.iter(text_tag))
                else:
                    text = "".join(element.itertext())
                element.clear()
                if text.strip():
                    yield text

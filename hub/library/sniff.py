"""What a file really is, decided by its content (magic bytes), never by its name.

Allowed: PDF, Office Open XML (DOCX, XLSX, PPTX), OpenDocument (ODT, ODS, ODP), plain text,
Markdown, CSV, PNG, JPEG, WebP and GIF. Everything else is refused with a translated reason:
web pages (also when named .pdf), SVG and other XML, programs and scripts, other archives,
Office files with macros, archives that would unpack to an absurd size, oversized images.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from defusedxml import ElementTree
from flask import current_app
from flask_babel import lazy_gettext as _l

_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

# kind → (media type, family)
KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (_OOXML + "wordprocessingml.document", "document"),
    "odt": (_ODF + "text", "document"),
    "xlsx": (_OOXML + "spreadsheetml.sheet", "spreadsheet"),
    "ods": (_ODF + "spreadsheet", "spreadsheet"),
    "csv": ("text/csv", "spreadsheet"),
    "pptx": (_OOXML + "presentationml.presentation", "presentation"),
    "odp": (_ODF + "presentation", "presentation"),
    "text": ("text/plain", "text"),
    "markdown": ("text/markdown", "text"),
    "png": ("image/png", "image"),
    "jpeg": ("image/jpeg", "image"),
    "webp": ("image/webp", "image"),
    "gif": ("image/gif", "image"),
}
FAMILIES = {
    "pdf": _l("PDF"),
    "document": _l("Text documents"),
    "spreadsheet": _l("Spreadsheets"),
    "presentation": _l("Presentations"),
    "text": _l("Plain text and Markdown"),
    "image": _l("Images"),
}
KIND_LABELS = {
    "pdf": "PDF", "docx": "DOCX", "odt": "ODT", "xlsx": "XLSX", "ods": "ODS", "csv": "CSV",
    "pptx": "PPTX", "odp": "ODP", "text": "TXT", "markdown": "Markdown", "png": "PNG",
    "jpeg": "JPEG", "webp": "WebP", "gif": "GIF",
}  # fmt: skip
TEXT_KINDS = {"text", "markdown", "csv"}
IMAGE_KINDS = {"png", "jpeg", "webp", "gif"}

# Why a file is refused; "%(name)s" is the file's name.
REASONS = {
    "empty": _l("“%(name)s” is empty."),
    "unknown": _l(
        "The type of “%(name)s” is not accepted. The library takes PDF, Word, Excel and "
        "PowerPoint files (Office Open XML), OpenDocument files, plain text, Markdown, CSV, "
        "PNG, JPEG, WebP and GIF."
    ),
    "mismatch": _l("“%(name)s” is not really a %(type)s file: its content is %(actual)s."),
    "executable": _l("“%(name)s” is a program or script; the library does not accept those."),
    "active_name": _l(
        "Files named “.%(ext)s” are not accepted: “%(name)s” could run as a program or web page."
    ),
    "svg": _l("“%(name)s” is an SVG image, which can carry scripts; please send it as PNG or PDF."),
    "xml": _l("“%(name)s” is an XML file, which the library does not accept."),
    "html": _l("“%(name)s” is a web page (HTML), which the library does not accept."),
    "damaged": _l("“%(name)s” is damaged and cannot be read."),
    "bomb": _l("“%(name)s” would unpack to an absurd size; it is refused."),
    "macro": _l(
        "“%(name)s” contains macros, which the library does not accept. "
        "Please save it without macros."
    ),
    "archive": _l(
        "“%(name)s” is an archive; the library only takes Office and OpenDocument files, "
        "not other archives."
    ),
    "pixels": _l(
        "“%(name)s” has more than %(megapixels)s million pixels; please send a smaller image."
    ),
}

# A name claiming one of these formats must hold it (a ".pdf" that is a web page is refused).
_CLAIMED = {
    "pdf": {"pdf"}, "docx": {"docx"}, "xlsx": {"xlsx"}, "pptx": {"pptx"}, "odt": {"odt"},
    "ods": {"ods"}, "odp": {"odp"}, "png": IMAGE_KINDS, "jpg": IMAGE_KINDS,
    "jpeg": IMAGE_KINDS, "webp": IMAGE_KINDS, "gif": IMAGE_KINDS,
}  # fmt: skip
_ACTIVE_EXTENSIONS = set(
    "html htm xhtml shtml svg svgz xml xsl js mjs hta sh bash bat cmd ps1 vbs vbe wsf exe dll "
    "com scr msi jar php py pl rb apk app lnk reg".split()
)
_EXECUTABLE_MAGIC = (
    b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\x00asm", b"dex\n", b"#!",
)  # fmt: skip
_HTML_STARTS = tuple(
    "<!doctype html|<html|<head|<body|<script|<iframe|<meta|<title|<style|<a |<div|<img|"
    "<object|<embed|<form|<table|<p>|<br".split("|")
)
_LEGACY_CHARSETS = {
    "tr": "windows-1254", "el": "windows-1253", "bg": "windows-1251", "pl": "windows-1250",
    "cs": "windows-1250", "sk": "windows-1250", "hu": "windows-1250", "hr": "windows-1250",
    "sl": "windows-1250", "ro": "windows-1250", "lt": "windows-1257", "lv": "windows-1257",
    "et": "windows-1257",
}  # fmt: skip
_OOXML_MAIN = {
    _OOXML + "wordprocessingml.document.main+xml": "docx",
    _OOXML + "spreadsheetml.sheet.main+xml": "xlsx",
    _OOXML + "presentationml.presentation.main+xml": "pptx",
}
_ODF_TYPES = {_ODF + "text": "odt", _ODF + "spreadsheet": "ods", _ODF + "presentation": "odp"}
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"
CHUNK = 1024 * 1024


class Refused(Exception):
    """The file is not accepted; `message` is translated and names the file."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def refuse(reason: str, filename: str, **values) -> Refused:
    return Refused(reason, str(REASONS[reason]) % {"name": filename, **values})


@dataclass
class Sniffed:
    kind: str
    media_type: str
    width: int | None = None
    height: int | None = None

    @property
    def family(self) -> str:
        return KINDS[self.kind][1]


def extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(stream: BinaryIO, filename: str, *, language: str | None = None) -> Sniffed:
    """Decide the kind of `stream` (rewound afterwards) or raise Refused."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    ext = extension(filename)
    if not head:
        raise refuse("empty", filename)
    result = _sniff_binary(stream, head, filename)
    if result is None:
        result = _sniff_text(stream, head, filename, ext, language)
    stream.seek(0)
    claimed = _CLAIMED.get(ext)
    if claimed is not None and result.kind not in claimed:
        raise refuse("mismatch", filename, type=ext.upper(), actual=KIND_LABELS[result.kind])
    return result


def _sniff_binary(stream: BinaryIO, head: bytes, filename: str) -> Sniffed | None:
    from hub.library import images

    if head.startswith(b"%PDF-"):
        return Sniffed("pdf", KINDS["pdf"][0])
    if head.startswith(b"PK\x03\x04"):
        kind = _sniff_zip(stream, filename)
        return Sniffed(kind, KINDS[kind][0])
    image_kind = None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        image_kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        image_kind = "jpeg"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        image_kind = "webp"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        image_kind = "gif"
    if image_kind:
        width, height = images.check(stream, image_kind, filename)
        return Sniffed(image_kind, KINDS[image_kind][0], width, height)
    if head.startswith(_EXECUTABLE_MAGIC):
        raise refuse("executable", filename)
    return None


def _sniff_text(stream: BinaryIO, head: bytes, filename: str, ext: str, language: str | None):
    charset = _text_charset(stream, head)
    if charset is None and not _legacy_text(stream):
        raise refuse("unknown", filename)
    if charset is None:
        charset = _LEGACY_CHARSETS.get(language or "", "windows-1252")
    start = head.decode(charset, errors="replace").lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml") or "<svg" in start[:4096]:
        raise refuse("svg" if "<svg" in start[:4096] else "xml", filename)
    if start.startswith(_HTML_STARTS) or "<html" in start[:2048] or "<!doctype html" in start:
        raise refuse("html", filename)
    if ext in _ACTIVE_EXTENSIONS:
        raise refuse("active_name", filename, ext=ext)
    kind = {"md": "markdown", "markdown": "markdown", "csv": "csv"}.get(ext, "text")
    return Sniffed(kind, f"{KINDS[kind][0]}; charset={charset}")


def _text_charset(stream: BinaryIO, head: bytes) -> str | None:
    """utf-8 when the whole file is UTF-8 text without control characters; utf-16 by its BOM."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK):
            if not _plain_bytes(chunk):
                return None
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    finally:
        stream.seek(0)
    return "utf-8"


def _legacy_text(stream: BinaryIO) -> bool:
    """An 8-bit text file (Windows code page): no NUL or other control bytes."""
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK):
            if not _plain_bytes(chunk):
                return False
    finally:
        stream.seek(0)
    return True


def _plain_bytes(chunk: bytes) -> bool:
    return not any(c in chunk for c in _CONTROL)


def _sniff_zip(stream: BinaryIO, filename: str) -> str:
    config = current_app.config
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise refuse("damaged", filename) from error
    total = sum(info.file_size for info in infos)
    ratio = config["HUB_MAX_UNPACK_RATIO"]
    suspicious = any(
        info.file_size > 1024 * 1024 and info.file_size > ratio * max(info.compress_size, 1)
        for info in infos
    )
    if total > config["HUB_MAX_UNPACKED_MB"] * 1024 * 1024 or len(infos) > 20000 or suspicious:
        raise refuse("bomb", filename)
    names = {info.filename for info in infos}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise refuse("macro", filename)
    try:
        if "mimetype" in names:
            declared = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
            if declared in _ODF_TYPES:
                return _ODF_TYPES[declared]
        elif "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as types:
                root = ElementTree.fromstring(types.read(1024 * 1024))
            content_types = {el.get("ContentType", "") for el in root.iter()}
            if any("macroEnabled" in ct for ct in content_types):
                raise refuse("macro", filename)
            for content_type, kind in _OOXML_MAIN.items():
                if content_type in content_types:
                    return kind
    except Refused:
        raise
    except Exception as error:  # malformed XML, broken members: not a file we can take
        raise refuse("damaged", filename) from error
    raise refuse("archive", filename)

"""Uploads that are refused: wrong or dangerous types, bombs, oversized images and requests.

Every refusal answers 422 (413 for the size limit) with a translated reason naming the file,
and stores nothing: no row, no file.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from hub.library import samples
from tests.helpers import said
from tests.library.helpers import documents, multipart, only_document, stored_files


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# Why a file is refused, as the library words it ("%(name)s" is the file's name).
SVG = "“%(name)s” is an SVG image, which can carry scripts; please send it as PNG or PDF."
HTML = "“%(name)s” is a web page (HTML), which the library does not accept."
MISMATCH = "“%(name)s” is not really a %(type)s file: its content is %(actual)s."
EXECUTABLE = "“%(name)s” is a program or script; the library does not accept those."
ACTIVE_NAME = (
    "Files named “.%(ext)s” are not accepted: “%(name)s” could run as a program or web page."
)
XML = "“%(name)s” is an XML file, which the library does not accept."
ARCHIVE = (
    "“%(name)s” is an archive; the library only takes Office and OpenDocument files, "
    "not other archives."
)
MACRO = (
    "“%(name)s” contains macros, which the library does not accept. Please save it without macros."
)
UNKNOWN = (
    "The type of “%(name)s” is not accepted. The library takes PDF, Word, Excel and "
    "PowerPoint files (Office Open XML), OpenDocument files, plain text, Markdown, CSV, "
    "PNG, JPEG, WebP and GIF."
)
EMPTY = "“%(name)s” is empty."
DAMAGED = "“%(name)s” is damaged and cannot be read."
BOMB = "“%(name)s” would unpack to an absurd size; it is refused."
PIXELS = "“%(name)s” has more than %(megapixels)s million pixels; please send a smaller image."

REFUSED = [
    (
        "svg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "logo.svg",
        (SVG, {}),
    ),
    (
        "svg-as-png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.png",
        (SVG, {}),
    ),
    ("html", b"<!DOCTYPE html><html><body>Hi</body></html>", "page.html", (HTML, {})),
    (
        "html-as-pdf",
        b"<html><script>alert(document.cookie)</script></html>",
        "Rapor.pdf",
        (HTML, {}),
    ),
    ("text-as-pdf", b"just some text", "Rapor.pdf", (MISMATCH, {"type": "PDF", "actual": "TXT"})),
    (
        "png-as-pdf",
        samples.image("png"),
        "Rapor.pdf",
        (MISMATCH, {"type": "PDF", "actual": "PNG"}),
    ),
    ("exe", b"MZ\x90\x00\x03" + b"\x00" * 100, "setup.exe", (EXECUTABLE, {})),
    ("exe-as-pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "invoice.pdf", (EXECUTABLE, {})),
    ("elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "tool", (EXECUTABLE, {})),
    ("script", b"#!/bin/sh\nrm -rf /\n", "install.txt", (EXECUTABLE, {})),
    ("js-named", b"alert(1)\n", "app.js", (ACTIVE_NAME, {"ext": "js"})),
    ("xml", b'<?xml version="1.0"?><root/>', "data.xml", (XML, {})),
    ("zip", _zip({"a.txt": b"hello"}), "archive.zip", (ARCHIVE, {})),
    ("jar-as-docx", _zip({"META-INF/MANIFEST.MF": b"x"}), "Rapor.docx", (ARCHIVE, {})),
    ("macro", samples.xlsx(["x"], macros=True), "Makro.xlsm", (MACRO, {})),
    ("binary", bytes(range(256)) * 4, "data.bin", (UNKNOWN, {})),
    ("empty", b"", "empty.txt", (EMPTY, {})),
    ("damaged-png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bozuk.png", (DAMAGED, {})),
    ("damaged-zip", b"PK\x03\x04" + b"\x00" * 40, "bozuk.docx", (DAMAGED, {})),
]


@pytest.mark.parametrize("case, content, name, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_files_store_nothing(
    case, content, name, message, world, login_as, upload, storage_dir
):
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [(samples.pdf("fine"), "fine.pdf"), (content, name)])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    msgid, values = message
    assert said(reader, msgid, name=name, **values) in html
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_zip_bomb_is_refused(app, world, login_as, upload, storage_dir):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [(bomb.getvalue(), "bomb.docx")])
    assert response.status_code == 422
    assert said(reader, BOMB, name="bomb.docx") in response.get_data(as_text=True)
    assert stored_files(storage_dir) == []


def test_archive_larger_than_the_unpacked_limit_is_refused(
    app, world, login_as, upload, monkeypatch
):
    monkeypatch.setitem(app.config, "HUB_MAX_UNPACKED_MB", 1)
    big = samples.docx([f"Lorem ipsum dolor sit amet {i}" for i in range(60_000)])
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [(big, "big.docx")])
    assert response.status_code == 422
    assert said(reader, BOMB, name="big.docx") in response.get_data(as_text=True)


def test_image_over_the_pixel_limit_is_refused(
    app, world, login_as, upload, monkeypatch, storage_dir
):
    monkeypatch.setitem(app.config, "HUB_IMAGE_MAX_PIXELS", 1_000_000)
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [(samples.image("png", (1200, 1000)), "büyük.png")])
    assert response.status_code == 422
    refusal = said(reader, PIXELS, name="büyük.png", megapixels="1")
    assert refusal in response.get_data(as_text=True)
    assert stored_files(storage_dir) == []


def test_image_location_is_removed_on_upload(world, login_as, upload, client):
    from PIL import Image

    login_as(world.staff)
    upload(world.partnership, [(samples.image("jpeg", exif_gps=True), "konum.jpg")])
    document = only_document()
    data = client.get(f"/p/nilufer-darmstadt/library/documents/{document.id}/download").data
    with Image.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        assert 0x8825 not in exif
        assert exif.get(0x010F) == "Twinning Camera"


def _post_big(client, htmx: bool = False):
    body, content_type = multipart(
        {
            "csrf_token": client._csrf_token(),
            "language": "tr",
            "visibility": "members",
            "folder_id": "0",
        },
        [("files", "big.txt", b"a" * (3 * 1024 * 1024))],
    )
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        "/p/nilufer-darmstadt/library/upload",
        data=body,
        content_type=content_type,
        headers=headers,
        csrf=False,
    )


def test_too_large_upload_answers_translated_413(
    app, world, login_as, client, monkeypatch, storage_dir
):
    monkeypatch.setitem(app.config, "HUB_MAX_UPLOAD_MB", 1)
    reader = login_as(world.staff).locale
    response = _post_big(client)
    assert response.status_code == 413
    assert said(reader, "File too large") in response.get_data(as_text=True)
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_too_large_upload_with_htmx_answers_fragment(app, world, login_as, client, monkeypatch):
    monkeypatch.setitem(app.config, "HUB_MAX_UPLOAD_MB", 1)
    reader = login_as(world.staff).locale
    response = _post_big(client, htmx=True)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert said(reader, "File too large") in html and "<html" not in html

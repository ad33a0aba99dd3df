"""Uploads that are refused: wrong or dangerous types, bombs, oversized images and requests.

Every refusal answers 422 (413 for the size limit) with a translated reason naming the file,
and stores nothing: no row, no file.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from hub.library import samples
from tests.library.helpers import documents, multipart, only_document, stored_files


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


REFUSED = [
    (
        "svg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "logo.svg",
        "SVG image",
    ),
    (
        "svg-as-png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.png",
        "SVG image",
    ),
    ("html", b"<!DOCTYPE html><html><body>Hi</body></html>", "page.html", "web page (HTML)"),
    (
        "html-as-pdf",
        b"<html><script>alert(document.cookie)</script></html>",
        "Rapor.pdf",
        "web page (HTML)",
    ),
    ("text-as-pdf", b"just some text", "Rapor.pdf", "is not really a PDF file"),
    ("png-as-pdf", samples.image("png"), "Rapor.pdf", "is not really a PDF file"),
    ("exe", b"MZ\x90\x00\x03" + b"\x00" * 100, "setup.exe", "program or script"),
    ("exe-as-pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "invoice.pdf", "program or script"),
    ("elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "tool", "program or script"),
    ("script", b"#!/bin/sh\nrm -rf /\n", "install.txt", "program or script"),
    ("js-named", b"alert(1)\n", "app.js", "could run as a program"),
    ("xml", b'<?xml version="1.0"?><root/>', "data.xml", "XML file"),
    ("zip", _zip({"a.txt": b"hello"}), "archive.zip", "is an archive"),
    ("jar-as-docx", _zip({"META-INF/MANIFEST.MF": b"x"}), "Rapor.docx", "is an archive"),
    ("macro", samples.xlsx(["x"], macros=True), "Makro.xlsm", "contains macros"),
    ("binary", bytes(range(256)) * 4, "data.bin", "is not accepted"),
    ("empty", b"", "empty.txt", "is empty"),
    ("damaged-png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bozuk.png", "is damaged"),
    ("damaged-zip", b"PK\x03\x04" + b"\x00" * 40, "bozuk.docx", "is damaged"),
]


@pytest.mark.parametrize("case, content, name, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_files_store_nothing(
    case, content, name, message, world, login_as, upload, storage_dir
):
    login_as(world.staff)
    response = upload(world.partnership, [(samples.pdf("fine"), "fine.pdf"), (content, name)])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_zip_bomb_is_refused(app, world, login_as, upload, storage_dir):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    login_as(world.staff)
    response = upload(world.partnership, [(bomb.getvalue(), "bomb.docx")])
    assert response.status_code == 422
    assert "would unpack to an absurd size" in response.get_data(as_text=True)
    assert stored_files(storage_dir) == []


def test_archive_larger_than_the_unpacked_limit_is_refused(
    app, world, login_as, upload, monkeypatch
):
    monkeypatch.setitem(app.config, "HUB_MAX_UNPACKED_MB", 1)
    big = samples.docx([f"Lorem ipsum dolor sit amet {i}" for i in range(60_000)])
    login_as(world.staff)
    response = upload(world.partnership, [(big, "big.docx")])
    assert response.status_code == 422
    assert "would unpack to an absurd size" in response.get_data(as_text=True)


def test_image_over_the_pixel_limit_is_refused(
    app, world, login_as, upload, monkeypatch, storage_dir
):
    monkeypatch.setitem(app.config, "HUB_IMAGE_MAX_PIXELS", 1_000_000)
    login_as(world.staff)
    response = upload(world.partnership, [(samples.image("png", (1200, 1000)), "büyük.png")])
    assert response.status_code == 422
    assert "million pixels" in response.get_data(as_text=True)
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
    login_as(world.staff)
    response = _post_big(client)
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_too_large_upload_with_htmx_answers_fragment(app, world, login_as, client, monkeypatch):
    monkeypatch.setitem(app.config, "HUB_MAX_UPLOAD_MB", 1)
    login_as(world.staff)
    response = _post_big(client, htmx=True)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "File too large" in html and "<html" not in html

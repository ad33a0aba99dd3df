"""Downloads: authorised every time, safe headers, ranges, conditional GET, the download log."""

from __future__ import annotations

import pytest

from hub.extensions import db
from hub.library import samples
from hub.library.models import DocumentDownload
from tests.helpers import said_by_template

LIB = "/p/nilufer-darmstadt/library"


@pytest.fixture
def pdf_doc(world, make_document):
    return make_document(
        world.partnership,
        world.staff,
        samples.pdf("Rapor"),
        "Çalıştay Raporu 2026.pdf",
        visibility="public",
    )


def _log() -> list[DocumentDownload]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(DocumentDownload).order_by(DocumentDownload.id)))


def test_download_headers(world, pdf_doc, login_as, client):
    login_as(world.staff)
    response = client.get(f"{LIB}/documents/{pdf_doc.id}/download")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    csp = response.headers["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp
    assert response.headers["ETag"] == f'"{pdf_doc.versions[0].sha256}"'
    assert response.headers["Accept-Ranges"] == "bytes"
    assert (
        "no-cache" in response.headers["Cache-Control"]
        and "private" in response.headers["Cache-Control"]
    )


def test_pdf_preview_is_inline_and_frameable_only_here(world, pdf_doc, login_as, client):
    login_as(world.staff)
    response = client.get(f"{LIB}/documents/{pdf_doc.id}/download?inline=1")
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    page = client.get(f"{LIB}/documents/{pdf_doc.id}").get_data(as_text=True)
    assert (
        f'<iframe class="pdf-preview" src="{LIB}/documents/{pdf_doc.id}/download?inline=1"' in page
    )


def test_office_files_are_never_inline(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, samples.docx("x"), "Σχέδιο δράσης.docx")
    reader = login_as(world.staff).locale
    response = client.get(f"{LIB}/documents/{doc.id}/download?inline=1")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    no_preview = said_by_template(
        reader, "No preview for this type of file: download it to open it."
    )
    assert no_preview in client.get(f"{LIB}/documents/{doc.id}").get_data(as_text=True)


def test_image_preview_thumbnail_and_larger_view(world, make_document, login_as, client):
    doc = make_document(
        world.partnership, world.staff, samples.image("jpeg", (1600, 1200)), "Köprü.jpg"
    )
    reader = login_as(world.staff).locale
    version = doc.versions[0]
    db.session.refresh(version)
    assert version.thumbnail_sha256
    page = client.get(f"{LIB}/documents/{doc.id}").get_data(as_text=True)
    assert f"{LIB}/documents/{doc.id}/versions/1/thumbnail" in page
    assert said_by_template(reader, "Larger view") in page
    thumb = client.get(f"{LIB}/documents/{doc.id}/versions/1/thumbnail")
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/webp"
    assert "sandbox" in thumb.headers["Content-Security-Policy"]
    by_hash = client.get(f"{LIB}/files/{version.thumbnail_sha256}")
    assert by_hash.status_code == 200
    large = client.get(f"{LIB}/documents/{doc.id}/download?inline=1")
    assert large.headers["Content-Disposition"].startswith("inline;")
    assert large.headers["Content-Type"] == "image/jpeg"


def test_text_files_show_their_text(world, make_document, login_as, client):
    doc = make_document(
        world.partnership, world.staff, "Toplantı <b>notları</b>\n".encode(), "notlar.txt"
    )
    md = make_document(
        world.partnership,
        world.staff,
        b"# Plan\n\n<script>alert(1)</script> **kalin**\n",
        "plan.md",
    )
    login_as(world.staff)
    html = client.get(f"{LIB}/documents/{doc.id}").get_data(as_text=True)
    assert "Toplantı &lt;b&gt;notları&lt;/b&gt;" in html
    html = client.get(f"{LIB}/documents/{md.id}").get_data(as_text=True)
    assert "# Plan\n\n&lt;script&gt;alert(1)&lt;/script&gt; **kalin**" in html


def test_conditional_get_answers_304(world, pdf_doc, login_as, client):
    login_as(world.staff)
    etag = f'"{pdf_doc.versions[0].sha256}"'
    response = client.get(f"{LIB}/documents/{pdf_doc.id}/download", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert _log() == []  # nothing was sent


def test_conditional_get_is_still_authorised(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, samples.pdf("gizli"), "gizli.pdf")
    login_as(world.citizen)
    etag = f'"{doc.versions[0].sha256}"'
    response = client.get(f"{LIB}/documents/{doc.id}/download", headers={"If-None-Match": etag})
    assert response.status_code == 404


def test_range_requests(world, pdf_doc, login_as, client):
    login_as(world.staff)
    full = client.get(f"{LIB}/documents/{pdf_doc.id}/download").data
    first = client.get(f"{LIB}/documents/{pdf_doc.id}/download", headers={"Range": "bytes=0-9"})
    assert first.status_code == 206
    assert first.data == full[:10]
    assert first.headers["Content-Range"] == f"bytes 0-9/{len(full)}"
    rest = client.get(f"{LIB}/documents/{pdf_doc.id}/download", headers={"Range": "bytes=10-"})
    assert rest.status_code == 206 and rest.data == full[10:]
    assert len(_log()) == 2  # the full download and the first range; the rest is the same reading


def test_download_log_records_who_which_version_when(world, pdf_doc, login_as, client):
    login_as(world.colleague)
    client.get(f"{LIB}/documents/{pdf_doc.id}/download")
    login_as(None)
    client.get(f"{LIB}/documents/{pdf_doc.id}/versions/1/download?inline=1")
    log = _log()
    assert [(e.user_id, e.version.number, e.inline) for e in log] == [
        (world.colleague.id, 1, False),
        (None, 1, True),
    ]
    reader = login_as(world.coordinator).locale
    html = client.get(f"{LIB}/documents/{pdf_doc.id}/downloads").get_data(as_text=True)
    assert "Jürgen Weiß" in html
    assert said_by_template(reader, "a visitor (not signed in)") in html
    assert said_by_template(reader, "viewed in the browser") in html


def test_missing_file_answers_404(world, pdf_doc, login_as, client, storage_dir):
    for path in storage_dir.rglob(pdf_doc.versions[0].sha256):
        path.unlink()
    login_as(world.staff)
    assert client.get(f"{LIB}/documents/{pdf_doc.id}/download").status_code == 404


@pytest.mark.parametrize("name", ["../../../etc/passwd", "0" * 63, "Z" * 64])
def test_file_by_hash_with_bad_names(name, world, login_as, client):
    login_as(world.staff)
    assert client.get(f"{LIB}/files/{name}").status_code == 404


def test_unknown_hash_answers_404(world, pdf_doc, login_as, client):
    login_as(world.staff)
    assert client.get(f"{LIB}/files/{'a' * 64}").status_code == 404
    assert client.get(f"{LIB}/files/{pdf_doc.versions[0].sha256}").status_code == 200

"""Uploading: every accepted type, every refusal, names, failures that leave nothing, dedup."""

from __future__ import annotations

import gc
import io
import warnings

import pytest

from hub.extensions import db
from hub.library import samples
from hub.library.models import Document, DocumentVersion
from tests.helpers import said
from tests.library.helpers import documents, only_document, stored_files

ACCEPTED = [
    ("pdf", lambda: samples.pdf("Protokoll der Sitzung"), "Protokoll.pdf", "application/pdf"),
    (
        "docx",
        lambda: samples.docx("Çalıştay raporu"),
        "Rapor.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        lambda: samples.xlsx(["Bütçe 2026"]),
        "Bütçe.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        lambda: samples.pptx(["Sunum"]),
        "Sunum.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    (
        "odt",
        lambda: samples.odf("text", "Metin"),
        "Metin.odt",
        "application/vnd.oasis.opendocument.text",
    ),
    (
        "ods",
        lambda: samples.odf("spreadsheet", "Tablo"),
        "Tablo.ods",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    (
        "odp",
        lambda: samples.odf("presentation", "Slayt"),
        "Slayt.odp",
        "application/vnd.oasis.opendocument.presentation",
    ),
    ("text", lambda: "Toplantı notları\n".encode(), "notlar.txt", "text/plain; charset=utf-8"),
    (
        "markdown",
        lambda: "# Başlık\n\nİçerik".encode(),
        "README.md",
        "text/markdown; charset=utf-8",
    ),
    (
        "csv",
        lambda: "şehir;nüfus\nNilüfer;500000\n".encode(),
        "nufus.csv",
        "text/csv; charset=utf-8",
    ),
    ("png", lambda: samples.image("png"), "foto.png", "image/png"),
    ("jpeg", lambda: samples.image("jpeg"), "foto.jpg", "image/jpeg"),
    ("webp", lambda: samples.image("webp"), "foto.webp", "image/webp"),
    ("gif", lambda: samples.image("gif"), "anim.gif", "image/gif"),
]


@pytest.mark.parametrize("kind, make, name, media_type", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_every_accepted_type_uploads(
    kind, make, name, media_type, world, login_as, upload, client, storage_dir
):
    login_as(world.staff)
    content = make()
    response = upload(world.partnership, [(content, name)])
    assert response.status_code == 303, response.get_data(as_text=True)
    document = only_document()
    version = document.versions[0]
    assert version.kind == kind
    assert version.media_type == media_type
    assert version.filename == name
    assert response.headers["Location"] == f"/p/nilufer-darmstadt/library/documents/{document.id}"
    assert len([p for p in stored_files(storage_dir) if len(p.name) == 64]) >= 1
    download = client.get(f"/p/nilufer-darmstadt/library/documents/{document.id}/download")
    assert download.status_code == 200
    if kind not in {"png", "jpeg", "webp"}:
        assert download.data == content  # images may lose location data, nothing else changes
    assert download.headers["Content-Type"].startswith(media_type.split(";")[0])


def test_title_description_language_and_uploader_town_default(world, login_as, upload):
    login_as(world.staff)
    upload(world.partnership, [(samples.pdf("x"), "Çalıştay_Raporu-2026.pdf")], language="tr")
    document = only_document()
    assert document.title == "Çalıştay Raporu 2026"
    assert document.description == "Çalıştay_Raporu-2026.pdf"
    assert document.language == "tr"
    assert document.versions[0].town.native_name == "Nilüfer"
    assert document.created_by == world.staff


def test_upload_form_defaults_language_to_uploaders_locale(world, login_as, client):
    login_as(world.colleague)
    html = client.get("/p/nilufer-darmstadt/library/upload").get_data(as_text=True)
    assert '<option selected value="de">' in html or 'value="de" selected' in html


def test_several_files_at_once(world, login_as, upload):
    login_as(world.staff)
    response = upload(
        world.partnership,
        [
            (samples.pdf("a"), "Birinci.pdf"),
            (samples.docx("b"), "İkinci.docx"),
            (b"c\n", "üçüncü.txt"),
        ],
        title="ignored with several files",
        description="Ortak açıklama",
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/p/nilufer-darmstadt/library"
    titles = sorted(d.title for d in documents())
    assert titles == ["Birinci", "üçüncü", "İkinci"]
    assert {d.description for d in documents()} == {"Ortak açıklama"}


def test_upload_with_htmx_answers_client_redirect(world, login_as, upload):
    login_as(world.staff)
    response = upload(world.partnership, [(samples.pdf("x"), "a.pdf")], htmx=True)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/p/nilufer-darmstadt/library/documents/")


def test_upload_without_csrf_is_refused(world, login_as, client, storage_dir):
    login_as(world.staff)
    response = client.post(
        "/p/nilufer-darmstadt/library/upload",
        csrf=False,
        content_type="multipart/form-data",
        data={
            "files": [(io.BytesIO(b"hello"), "a.txt")],
            "language": "tr",
            "visibility": "members",
            "folder_id": "0",
        },
    )
    assert response.status_code == 400
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_upload_without_file_shows_error(world, login_as, upload, storage_dir):
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [])
    assert response.status_code == 422
    assert said(reader, "Choose at least one file.") in response.get_data(as_text=True)
    assert documents() == []


def test_upload_with_invalid_field_keeps_input(world, login_as, upload, storage_dir):
    login_as(world.staff)
    response = upload(
        world.partnership, [(samples.pdf("x"), "a.pdf")], language="xx", title="Başlık"
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="Başlık"' in html
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_upload_fragment_for_htmx_on_error(world, login_as, upload):
    reader = login_as(world.staff).locale
    response = upload(world.partnership, [(b"<html><script>x</script></html>", "a.pdf")], htmx=True)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<html" not in html.split("\n", 1)[0] and "<!doctype" not in html.lower()
    refusal = "“%(name)s” is a web page (HTML), which the library does not accept."
    assert said(reader, refusal, name="a.pdf") in html


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, encoded",
    [
        ("Çalıştay Raporu 2026.pdf", "%C3%87al%C4%B1%C5%9Ftay%20Raporu%202026.pdf"),
        (
            "Σχέδιο δράσης.docx",
            "%CE%A3%CF%87%CE%AD%CE%B4%CE%B9%CE%BF%20%CE%B4%CF%81%CE%AC%CF%83%CE%B7%CF%82.docx",
        ),
    ],
)
def test_unicode_names_are_kept_for_display_and_download(
    name, encoded, world, login_as, upload, client
):
    content = samples.pdf("x") if name.endswith(".pdf") else samples.docx("x")
    login_as(world.staff)
    upload(world.partnership, [(content, name)])
    document = only_document()
    assert document.versions[0].filename == name
    page = client.get(f"/p/nilufer-darmstadt/library/documents/{document.id}").get_data(
        as_text=True
    )
    assert name in page
    response = client.get(f"/p/nilufer-darmstadt/library/documents/{document.id}/download")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{encoded}" in disposition


@pytest.mark.parametrize(
    "raw, kept",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\win.ini.txt", None),  # the multipart parser may unescape the backslashes
        ("rapor\x00.pdf.txt", "rapor.pdf.txt"),
        ("gizli\u202etxt.exe.txt", "gizlitxt.exe.txt"),
        ("...", "file"),
        ("ş" * 300 + ".txt", "ş" * 251 + ".txt"),
    ],
)
def test_path_tricks_are_harmless(raw, kept, world, login_as, upload, client, storage_dir):
    login_as(world.staff)
    response = upload(world.partnership, [(b"harmless text\n", raw)])
    assert response.status_code == 303
    version = only_document().versions[0]
    if kept is not None:
        assert version.filename == kept
    assert "/" not in version.filename and "\\" not in version.filename
    assert not version.filename.startswith(".")
    files = stored_files(storage_dir)
    assert [f.name for f in files] == [version.sha256]
    assert files[0].is_relative_to(storage_dir)
    response = client.get(f"/p/nilufer-darmstadt/library/documents/{version.document_id}/download")
    assert "\n" not in response.headers["Content-Disposition"]
    assert "\r" not in response.headers["Content-Disposition"]


@pytest.mark.parametrize(
    "raw, kept",
    [
        ("C:\\Users\\ayşe\\Masaüstü\\rapor.pdf", "rapor.pdf"),
        ("../../../etc/passwd", "passwd"),
        ("satır\r\nSet-Cookie: x=1.txt", "satırSet-Cookie: x=1.txt"),
        ("a\x00b.pdf", "ab.pdf"),
        ("  .htaccess  ", "htaccess"),
        ("", "file"),
        ("x" * 400, "x" * 255),
        ("Cafe\u0301.txt", "Café.txt"),  # decomposed é is stored composed (NFC)
    ],
)
def test_clean_filename(raw, kept):
    from hub.library.uploads import clean_filename

    assert clean_filename(raw) == kept


# --- nothing left behind ------------------------------------------------------------------


def test_database_failure_leaves_no_file_and_no_row(
    world, login_as, upload, monkeypatch, storage_dir, db
):
    login_as(world.staff)

    def broken_flush(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "flush", broken_flush)
    with pytest.raises(RuntimeError, match="database went away"):
        upload(world.partnership, [(samples.pdf("x"), "Rapor.pdf")])
    monkeypatch.undo()
    db.session.rollback()
    assert documents() == []
    assert db.session.scalars(db.select(DocumentVersion)).all() == []
    assert stored_files(storage_dir) == []


def test_commit_failure_leaves_no_file(world, login_as, upload, monkeypatch, storage_dir, db):
    login_as(world.staff)

    def broken_commit():
        raise RuntimeError("disk full")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError, match="disk full"):
        upload(world.partnership, [(samples.pdf("x"), "Rapor.pdf")])
    monkeypatch.undo()
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_failure_keeps_files_that_other_documents_use(
    world, login_as, upload, monkeypatch, storage_dir, db
):
    login_as(world.staff)
    upload(world.partnership, [(samples.pdf("same"), "Bir.pdf")])
    before = stored_files(storage_dir)

    def broken_commit():
        raise RuntimeError("disk full")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError, match="disk full"):
        upload(world.partnership, [(samples.pdf("same"), "İki.pdf")])
    monkeypatch.undo()
    assert len(documents()) == 1
    assert stored_files(storage_dir) == before


def test_cancelled_upload_leaves_nothing(world, login_as, client, storage_dir):
    """The browser goes away mid-body: the form cannot be read, nothing is stored."""
    login_as(world.staff)
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 partial"
    )
    with warnings.catch_warnings():
        # werkzeug leaves the half-received part to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        response = client.post(
            "/p/nilufer-darmstadt/library/upload",
            data=body,
            content_type="multipart/form-data; boundary=XyZ",
            headers={"Content-Length": str(len(body) + 5000)},
        )
        gc.collect()
    assert response.status_code in (400, 413)
    assert documents() == []
    assert stored_files(storage_dir) == []


def test_same_content_is_stored_once(world, login_as, upload, storage_dir):
    login_as(world.staff)
    upload(world.partnership, [(samples.pdf("ayni"), "Bir.pdf")])
    upload(world.partnership, [(samples.pdf("ayni"), "İki.pdf")])
    versions = db.session.scalars(db.select(DocumentVersion)).all()
    assert len(versions) == 2
    assert versions[0].sha256 == versions[1].sha256
    assert [p.name for p in stored_files(storage_dir)] == [versions[0].sha256]


def test_extraction_failure_never_blocks_upload(world, login_as, upload, monkeypatch):
    from hub.library import uploads

    def broken(*args, **kwargs):
        raise ValueError("cannot parse")

    monkeypatch.setattr(uploads, "extract_text", broken)
    login_as(world.staff)
    response = upload(world.partnership, [(samples.pdf("x"), "Rapor.pdf")])
    assert response.status_code == 303
    document = db.session.scalars(db.select(Document)).one()
    db.session.refresh(document.versions[0])
    assert document.versions[0].extraction_status == "failed"

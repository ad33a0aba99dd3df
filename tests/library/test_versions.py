"""Versions, "make current again", language versions, editing, moving, folders and the trash."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from hub.extensions import db
from hub.library import samples
from hub.library.models import Folder
from tests.helpers import said, said_by_template

LIB = "/p/nilufer-darmstadt/library"


def _new_version(client, doc, content: bytes, name: str, note: str = "", **kwargs):
    return client.post(
        f"{LIB}/documents/{doc.id}/versions/new",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(content), name), "change_note": note},
        **kwargs,
    )


def test_new_version_with_change_note_and_history(world, make_document, login_as, client):
    doc = make_document(
        world.partnership, world.staff, b"ilk taslak\n", "taslak.txt", title="Eylem planı"
    )
    reader = login_as(world.colleague).locale
    response = _new_version(
        client, doc, b"ikinci taslak\n", "taslak-v2.txt", "Rakamlar güncellendi"
    )
    assert response.status_code == 303
    db.session.refresh(doc)
    assert doc.current_version_number == 2
    assert [v.number for v in doc.versions] == [1, 2]
    assert doc.versions[1].change_note == "Rakamlar güncellendi"
    assert doc.versions[1].town.native_name == "Darmstadt"
    html = client.get(f"{LIB}/documents/{doc.id}").get_data(as_text=True)
    assert "Rakamlar güncellendi" in html
    by = "%(person)s, %(town)s"  # who uploaded a version, from which town
    assert said_by_template(reader, by, person="Jürgen Weiß", town="Darmstadt") in html
    assert said_by_template(reader, by, person="Ayşe Yılmaz", town="Nilüfer") in html
    assert client.get(f"{LIB}/documents/{doc.id}/download").data == b"ikinci taslak\n"
    assert client.get(f"{LIB}/documents/{doc.id}/versions/1/download").data == b"ilk taslak\n"
    assert client.get(f"{LIB}/documents/{doc.id}/versions/3/download").status_code == 404


def test_new_version_refused_file_stores_nothing(
    world, make_document, login_as, client, storage_dir
):
    doc = make_document(world.partnership, world.staff, b"ilk\n", "a.txt")
    reader = login_as(world.staff).locale
    response = _new_version(client, doc, b"<svg onload=alert(1)>", "a.svg")
    assert response.status_code == 422
    assert said(
        reader,
        "“%(name)s” is an SVG image, which can carry scripts; please send it as PNG or PDF.",
        name="a.svg",
    ) in response.get_data(as_text=True)
    db.session.refresh(doc)
    assert doc.current_version_number == 1


def test_new_version_without_file(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"ilk\n", "a.txt")
    reader = login_as(world.staff).locale
    response = client.post(f"{LIB}/documents/{doc.id}/versions/new", data={"change_note": "x"})
    assert response.status_code == 422
    assert said(reader, "Choose a file.") in response.get_data(as_text=True)


def test_new_version_form_fragment_for_htmx(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"ilk\n", "a.txt")
    login_as(world.staff)
    page = client.get(f"{LIB}/documents/{doc.id}/versions/new")
    fragment = client.htmx_get(f"{LIB}/documents/{doc.id}/versions/new")
    assert "<html" in page.get_data(as_text=True)
    assert "<html" not in fragment.get_data(as_text=True)
    assert "data-upload" in fragment.get_data(as_text=True)


def test_make_current_again_adds_a_version(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"bir\n", "a.txt")
    reader = login_as(world.staff).locale
    _new_version(client, doc, b"iki\n", "a.txt")
    response = client.post(
        f"{LIB}/documents/{doc.id}/versions/1/make-current", data={"change_note": "geri"}
    )
    assert response.status_code == 303
    db.session.refresh(doc)
    assert doc.current_version_number == 3
    third = doc.versions[2]
    assert third.restored_from == 1 and third.sha256 == doc.versions[0].sha256
    assert [v.number for v in doc.versions] == [1, 2, 3]  # nothing rewritten
    assert client.get(f"{LIB}/documents/{doc.id}/download").data == b"bir\n"
    html = client.get(f"{LIB}/documents/{doc.id}").get_data(as_text=True)
    assert said_by_template(reader, "Version %(number)s made current again.", number=1) in html


def test_make_current_of_the_current_version_changes_nothing(
    world, make_document, login_as, client
):
    doc = make_document(world.partnership, world.staff, b"bir\n", "a.txt")
    login_as(world.staff)
    assert client.post(f"{LIB}/documents/{doc.id}/versions/1/make-current").status_code == 303
    db.session.refresh(doc)
    assert doc.current_version_number == 1


# --- language versions ----------------------------------------------------------------------


def _out_of_date_marks(reader: str | None, source) -> list[str]:
    """Every way a document page says that a translation may be out of date."""
    return [
        said_by_template(
            reader,
            "This translation may be out of date: the original “%(title)s” has a newer version.",
            title=source.title,
        ),
        said_by_template(
            reader, "This translation may be out of date: the original has a newer version."
        ),
        said_by_template(reader, "may be out of date"),
    ]


@pytest.fixture
def translated(world, make_document):
    source = make_document(
        world.partnership,
        world.staff,
        samples.docx("Eylem planı"),
        "Eylem planı.docx",
        language="tr",
    )
    german = make_document(
        world.partnership,
        world.colleague,
        samples.docx("Aktionsplan"),
        "Aktionsplan.docx",
        language="de",
        translation_of=source,
    )
    return source, german


def test_also_in_lists_language_names_in_readers_locale(world, translated, login_as, client):
    source, german = translated
    login_as(world.staff)  # reads in Turkish
    html = client.get(f"{LIB}/documents/{source.id}").get_data(as_text=True)
    assert "Almanca" in html  # German, in Turkish
    login_as(world.colleague)  # reads in German
    html = client.get(f"{LIB}/documents/{german.id}").get_data(as_text=True)
    assert "Türkisch" in html


def test_upload_a_translation_through_the_form(world, translated, login_as, upload, client):
    source, _german = translated
    login_as(world.staff)
    page = client.get(f"{LIB}/upload?translation_of={source.id}").get_data(as_text=True)
    assert f'value="{source.id}"' in page
    response = upload(
        world.partnership,
        [(samples.docx("Plan d'action"), "Plan.docx")],
        language="fr",
        translation_of=str(source.id),
    )
    assert response.status_code == 303
    french = db.session.scalars(db.select(type(source)).where(type(source).language == "fr")).one()
    assert french.translation_of_id == source.id


def test_new_source_version_marks_translations_out_of_date(
    world, translated, login_as, client, monkeypatch
):
    from hub.library import services

    source, german = translated
    reader = login_as(world.staff).locale
    html = client.get(f"{LIB}/documents/{german.id}").get_data(as_text=True)
    assert not any(mark in html for mark in _out_of_date_marks(reader, source))
    _new_version(client, source, samples.docx("Eylem planı v2"), "Eylem planı.docx")
    db.session.refresh(german)
    assert services.is_out_of_date(german)
    html = client.get(f"{LIB}/documents/{german.id}").get_data(as_text=True)
    warning = said_by_template(
        reader,
        "This translation may be out of date: the original “%(title)s” has a newer version.",
        title=source.title,
    )
    assert warning in html
    source_page = client.get(f"{LIB}/documents/{source.id}").get_data(as_text=True)
    assert said_by_template(reader, "may be out of date") in source_page  # next to German
    listing = client.get(LIB).get_data(as_text=True)
    assert said_by_template(reader, "May be out of date") in listing


def test_translation_new_version_clears_out_of_date(world, translated, login_as, client):
    from hub.library import services

    source, german = translated
    login_as(world.staff)
    _new_version(client, source, samples.docx("v2"), "v2.docx")
    login_as(world.colleague)
    _new_version(client, german, samples.docx("Aktionsplan v2"), "Aktionsplan.docx")
    db.session.refresh(german)
    assert not services.is_out_of_date(german)
    assert not services.is_out_of_date(source)  # the source is never "out of date"


def test_confirming_clears_out_of_date(world, translated, login_as, client):
    from hub.library import services

    source, german = translated
    login_as(world.staff)
    _new_version(client, source, samples.docx("v2"), "v2.docx")
    reader = login_as(world.colleague).locale
    response = client.post(f"{LIB}/documents/{german.id}/translation/confirm")
    assert response.status_code == 303
    db.session.refresh(german)
    assert not services.is_out_of_date(german)
    html = client.get(f"{LIB}/documents/{german.id}").get_data(as_text=True)
    assert not any(mark in html for mark in _out_of_date_marks(reader, source))


def test_mark_and_unmark_translation(world, make_document, login_as, client):
    a = make_document(
        world.partnership, world.staff, b"Rapor\n", "rapor.txt", title="Rapor", language="tr"
    )
    b = make_document(
        world.partnership,
        world.colleague,
        b"Bericht\n",
        "bericht.txt",
        title="Bericht",
        language="de",
    )
    c = make_document(
        world.partnership,
        world.colleague,
        b"Report\n",
        "report.txt",
        title="Report",
        language="en",
        translation_of=b,
    )
    reader = login_as(world.colleague).locale
    page = client.get(f"{LIB}/documents/{b.id}/translation?q=rap").get_data(as_text=True)
    assert "Rapor" in page and "Report" not in page
    response = client.post(f"{LIB}/documents/{b.id}/translation", data={"source_id": a.id})
    assert response.status_code == 303
    db.session.refresh(b)
    db.session.refresh(c)
    assert b.translation_of_id == a.id
    assert c.translation_of_id == a.id  # b's own translation followed it into the group
    html = client.get(f"{LIB}/documents/{a.id}").get_data(as_text=True)
    assert said_by_template(reader, "Also in:") in html
    assert "Deutsch" in html and "Englisch" in html  # language names in German
    assert client.post(f"{LIB}/documents/{b.id}/translation/remove").status_code == 303
    db.session.refresh(b)
    assert b.translation_of_id is None


def test_cannot_be_translation_of_itself(world, translated, login_as, client):
    source, german = translated
    reader = login_as(world.staff).locale
    response = client.post(
        f"{LIB}/documents/{source.id}/translation", data={"source_id": german.id}
    )
    assert response.status_code == 422
    assert said(
        reader, "A document cannot be a translation of itself. Choose the original."
    ) in response.get_data(as_text=True)


# --- editing, moving, folders ---------------------------------------------------------------


def test_edit_metadata(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt", title="Eski")
    login_as(world.colleague)
    response = client.post(
        f"{LIB}/documents/{doc.id}/edit",
        data={
            "title": "Atık yönetimi – Abfallwirtschaft",
            "description": "Açıklama",
            "language": "de",
            "theme": "environment",
            "visibility": "public",
        },
    )
    assert response.status_code == 303
    db.session.refresh(doc)
    assert (doc.title, doc.language, doc.theme, doc.visibility) == (
        "Atık yönetimi – Abfallwirtschaft",
        "de",
        "environment",
        "public",
    )


def test_edit_with_bad_input_keeps_it_and_changes_nothing(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt", title="Eski")
    login_as(world.staff)
    data = {
        "title": "",
        "description": "Yeni açıklama",
        "language": "tr",
        "theme": "nope",
        "visibility": "members",
    }
    response = client.post(f"{LIB}/documents/{doc.id}/edit", data=data)
    assert response.status_code == 422
    assert "Yeni açıklama" in response.get_data(as_text=True)
    fragment = client.htmx_post(f"{LIB}/documents/{doc.id}/edit", data=data)
    assert fragment.status_code == 422 and "<html" not in fragment.get_data(as_text=True)
    db.session.refresh(doc)
    # the description is unchanged: the default it took from the file name
    assert doc.title == "Eski" and doc.description == "a.txt"


def test_folders_nested_and_move(world, make_document, login_as, client):
    login_as(world.staff)
    response = client.post(f"{LIB}/folders/new", data={"name": "Toplantılar"})
    assert response.status_code == 303
    parent = db.session.scalars(db.select(Folder)).one()
    assert (
        client.post(f"{LIB}/folders/new?parent={parent.id}", data={"name": "2026"}).status_code
        == 303
    )
    child = db.session.scalars(db.select(Folder).where(Folder.parent_id == parent.id)).one()
    doc = make_document(world.partnership, world.staff, b"x\n", "tutanak.txt", title="Tutanak")
    assert (
        client.post(f"{LIB}/documents/{doc.id}/move", data={"folder_id": child.id}).status_code
        == 303
    )
    db.session.refresh(doc)
    assert doc.folder_id == child.id
    top = client.get(LIB).get_data(as_text=True)
    assert "Toplantılar" in top and "Tutanak" not in top
    inner = client.get(f"{LIB}/folders/{child.id}").get_data(as_text=True)
    assert "Tutanak" in inner and "Toplantılar" in inner  # breadcrumb
    assert client.post(f"{LIB}/documents/{doc.id}/move", data={"folder_id": 999}).status_code == 422


def test_folder_name_must_be_unique_and_present(world, login_as, client):
    reader = login_as(world.staff).locale
    client.post(f"{LIB}/folders/new", data={"name": "Raporlar"})
    response = client.post(f"{LIB}/folders/new", data={"name": "RAPORLAR"})
    assert response.status_code == 422
    assert said(
        reader, "There is already a folder called “%(name)s” here.", name="RAPORLAR"
    ) in response.get_data(as_text=True)
    assert client.post(f"{LIB}/folders/new", data={"name": ""}).status_code == 422
    assert len(db.session.scalars(db.select(Folder)).all()) == 1


def test_rename_and_remove_folder(world, make_document, login_as, client):
    login_as(world.staff)
    client.post(f"{LIB}/folders/new", data={"name": "Geçici"})
    folder = db.session.scalars(db.select(Folder)).one()
    login_as(world.colleague)
    assert client.post(f"{LIB}/folders/{folder.id}/rename", data={"name": "x"}).status_code == 403
    login_as(world.coordinator)
    assert (
        client.post(f"{LIB}/folders/{folder.id}/rename", data={"name": "Kalıcı"}).status_code == 303
    )
    db.session.refresh(folder)
    assert folder.name == "Kalıcı"
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt", folder=folder)
    client.post(f"{LIB}/folders/{folder.id}/delete")
    assert db.session.get(Folder, folder.id) is not None  # not empty
    doc.folder_id = None
    db.session.commit()
    assert client.post(f"{LIB}/folders/{folder.id}/delete").status_code == 303
    assert db.session.get(Folder, folder.id) is None


def test_outsiders_do_not_see_folders(world, login_as, client):
    login_as(world.staff)
    client.post(f"{LIB}/folders/new", data={"name": "İç yazışmalar"})
    folder = db.session.scalars(db.select(Folder)).one()
    login_as(world.citizen)
    assert "İç yazışmalar" not in client.get(LIB).get_data(as_text=True)
    assert client.get(f"{LIB}/folders/{folder.id}").status_code == 404


# --- trash ----------------------------------------------------------------------------------


def test_delete_and_restore(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt", title="Silinecek")
    login_as(world.staff)
    assert client.post(f"{LIB}/documents/{doc.id}/delete").status_code == 303
    assert ">Silinecek</a>" not in client.get(LIB).get_data(as_text=True)
    trash = client.get(f"{LIB}/trash").get_data(as_text=True)
    assert ">Silinecek</a>" in trash
    assert client.post(f"{LIB}/documents/{doc.id}/restore").status_code == 303
    assert ">Silinecek</a>" in client.get(LIB).get_data(as_text=True)


def test_delete_without_csrf_is_refused(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt")
    login_as(world.staff)
    assert client.post(f"{LIB}/documents/{doc.id}/delete", csrf=False).status_code == 400
    db.session.refresh(doc)
    assert doc.deleted_at is None


def test_trashed_document_keeps_deleted_date(world, make_document, login_as, client):
    doc = make_document(world.partnership, world.staff, b"x\n", "a.txt")
    login_as(world.coordinator)
    client.post(f"{LIB}/documents/{doc.id}/delete")
    db.session.refresh(doc)
    assert doc.deleted_by == world.coordinator
    assert doc.deleted_at is not None and doc.deleted_at - doc.created_at < timedelta(minutes=1)


def test_visitors_do_not_learn_about_private_language_versions(world, make_document, client):
    private = make_document(
        world.partnership,
        world.staff,
        samples.docx("x"),
        "Gizli.docx",
        title="Gizli kaynak",
        language="tr",
    )
    public = make_document(
        world.partnership,
        world.colleague,
        samples.docx("y"),
        "Offen.docx",
        title="Öffentliche Übersetzung",
        language="de",
        visibility="public",
        translation_of=private,
    )
    html = client.get(f"{LIB}/documents/{public.id}").get_data(as_text=True)
    assert "Öffentliche Übersetzung" in html
    assert "Gizli kaynak" not in html
    assert "Also in:" not in html
    assert f"/documents/{private.id}" not in html

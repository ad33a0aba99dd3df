"""The permission matrix: visitor, citizen, staff of this partnership, staff of another one,
coordinator, moderator — for list, view, upload, download, new version, delete, restore and the
download log. Private documents answer 404 to outsiders (by id and by hash); forbidden actions
on visible things answer 403; signed-out visitors are sent to the sign-in page."""

from __future__ import annotations

import io

import pytest

from hub.db import utcnow
from hub.extensions import db
from hub.library import samples
from hub.library.models import Document
from tests.helpers import said_by_template
from tests.library.helpers import documents

ROLES = ["visitor", "citizen", "staff", "colleague", "other_staff", "coordinator", "moderator"]
MEMBERS = {"staff", "colleague", "coordinator"}
LIB = "/p/nilufer-darmstadt/library"


@pytest.fixture
def docs(world, make_document):
    private = make_document(
        world.partnership, world.staff, samples.pdf("gizli"), "Gizli Rapor.pdf", title="Gizli rapor"
    )
    public = make_document(
        world.partnership,
        world.staff,
        samples.pdf("acik"),
        "Açık Rapor.pdf",
        title="Açık rapor",
        visibility="public",
    )
    trashed = make_document(
        world.partnership, world.staff, samples.pdf("silinmis"), "Eski.pdf", title="Eski rapor"
    )
    trashed.deleted_at = utcnow()
    db.session.commit()
    return {"private": private, "public": public, "trashed": trashed}


def _as(login_as, world, role):
    login_as(world.role(role))


def _is_login_redirect(response) -> bool:
    return response.status_code == 303 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ROLES)
def test_list(role, world, docs, login_as, client):
    _as(login_as, world, role)
    response = client.get(LIB)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Açık rapor" in html
    assert ("Gizli rapor" in html) == (role in MEMBERS)
    assert "Eski rapor" not in html


def test_library_of_a_proposed_partnership_is_hidden(world, make_partnership, client, login_as):
    make_partnership(slug="teklif", status="proposed")
    login_as(world.citizen)
    assert client.get("/p/teklif/library").status_code == 404
    assert client.get("/p/yok-boyle-bir-yer/library").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("what", ["page", "download", "version", "hash"])
def test_view_and_download(role, what, world, docs, login_as, client):
    _as(login_as, world, role)
    for name, doc in docs.items():
        url = {
            "page": f"{LIB}/documents/{doc.id}",
            "download": f"{LIB}/documents/{doc.id}/download",
            "version": f"{LIB}/documents/{doc.id}/versions/1/download",
            "hash": f"{LIB}/files/{doc.versions[0].sha256}",
        }[what]
        allowed = name == "public" or role in MEMBERS
        assert client.get(url).status_code == (200 if allowed else 404), (name, url)


def test_documents_of_another_partnership_are_not_found_here(world, docs, login_as, client):
    login_as(world.other_staff)
    doc = docs["public"]
    assert client.get(f"/p/sahinbey-plovdiv/library/documents/{doc.id}").status_code == 404
    assert (
        client.get(f"/p/sahinbey-plovdiv/library/files/{doc.versions[0].sha256}").status_code == 404
    )


@pytest.mark.parametrize("role", ROLES)
def test_upload(role, world, login_as, client, storage_dir):
    _as(login_as, world, role)
    page = client.get(f"{LIB}/upload")
    response = client.post(
        f"{LIB}/upload",
        content_type="multipart/form-data",
        data={
            "files": [(io.BytesIO(samples.pdf("x")), "Yeni.pdf")],
            "language": "tr",
            "visibility": "members",
            "folder_id": "0",
        },
    )
    if role == "visitor":
        assert _is_login_redirect(page) and _is_login_redirect(response)
    elif role in MEMBERS:
        assert page.status_code == 200 and response.status_code == 303
    else:
        assert page.status_code == 404 and response.status_code == 404
    assert len(documents()) == (1 if role in MEMBERS else 0)


def test_unverified_member_may_read_but_not_upload(
    world, make_user, make_membership, login_as, client, docs
):
    newcomer = make_user(verified=False)
    make_membership(newcomer, world.partnership)
    login_as(newcomer)
    assert client.get(f"{LIB}/documents/{docs['private'].id}").status_code == 200
    assert client.get(f"{LIB}/upload").status_code == 403


def test_ended_partnership_library_is_read_only(world, docs, login_as, client):
    world.partnership.status = "ended"
    db.session.commit()
    login_as(world.staff)
    assert client.get(f"{LIB}/documents/{docs['private'].id}").status_code == 200
    assert client.get(f"{LIB}/upload").status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["private", "public"])
def test_new_version(role, which, world, docs, login_as, client):
    _as(login_as, world, role)
    doc = docs[which]
    response = client.post(
        f"{LIB}/documents/{doc.id}/versions/new",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(samples.pdf("v2")), "v2.pdf"), "change_note": "ikinci"},
    )
    if role == "visitor":
        assert _is_login_redirect(response)
    elif role in MEMBERS:
        assert response.status_code == 303
    else:
        assert response.status_code == (404 if which == "private" else 403)
    db.session.refresh(doc)
    assert doc.current_version_number == (2 if role in MEMBERS else 1)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["private", "public"])
def test_delete(role, which, world, docs, login_as, client):
    """The uploader (staff) and coordinators may; a colleague may not."""
    _as(login_as, world, role)
    doc = docs[which]
    response = client.post(f"{LIB}/documents/{doc.id}/delete")
    may = role in {"staff", "coordinator"}
    if role == "visitor":
        assert _is_login_redirect(response)
    elif may:
        assert response.status_code == 303
    elif role in MEMBERS or which == "public":
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    db.session.refresh(doc)
    assert (doc.deleted_at is not None) == may


@pytest.mark.parametrize("role", ROLES)
def test_restore(role, world, docs, login_as, client):
    _as(login_as, world, role)
    doc = docs["trashed"]
    response = client.post(f"{LIB}/documents/{doc.id}/restore")
    may = role in {"staff", "coordinator"}
    if role == "visitor":
        assert _is_login_redirect(response)
    elif may:
        assert response.status_code == 303
    elif role in MEMBERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    db.session.refresh(doc)
    assert (doc.deleted_at is None) == may


@pytest.mark.parametrize("role", ROLES)
def test_trash(role, world, docs, login_as, client):
    _as(login_as, world, role)
    response = client.get(f"{LIB}/trash")
    if role == "visitor":
        assert _is_login_redirect(response)
    elif role in MEMBERS:
        assert response.status_code == 200
        assert "Eski rapor" in response.get_data(as_text=True)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["private", "public"])
def test_download_log(role, which, world, docs, login_as, client):
    _as(login_as, world, role)
    response = client.get(f"{LIB}/documents/{docs[which].id}/downloads")
    if role == "visitor":
        assert _is_login_redirect(response)
    elif role == "coordinator":
        assert response.status_code == 200
    elif role in MEMBERS or which == "public":
        assert response.status_code == 403
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    "role, sees", [("staff", False), ("coordinator", True), ("visitor", False)]
)
def test_download_log_link_follows_permission(role, sees, world, docs, login_as, client):
    _as(login_as, world, role)
    html = client.get(f"{LIB}/documents/{docs['public'].id}").get_data(as_text=True)
    assert ("/downloads" in html) == sees


@pytest.mark.parametrize(
    "role, buttons",
    [
        ("staff", {"Upload a new version", "Edit details", "Move to trash"}),
        ("colleague", {"Upload a new version", "Edit details"}),
        ("coordinator", {"Upload a new version", "Edit details", "Move to trash"}),
        ("citizen", set()),
        ("visitor", set()),
    ],
)
def test_document_page_shows_only_allowed_actions(role, buttons, world, docs, login_as, client):
    _as(login_as, world, role)
    reader = world.role(role).locale if role != "visitor" else None
    html = client.get(f"{LIB}/documents/{docs['public'].id}").get_data(as_text=True)
    for label in ["Upload a new version", "Edit details", "Move to trash"]:
        assert (said_by_template(reader, label) in html) == (label in buttons), label


@pytest.mark.parametrize("role", ["citizen", "other_staff", "moderator"])
def test_outsiders_cannot_edit_or_move(role, world, docs, login_as, client):
    _as(login_as, world, role)
    for which, hidden in (("private", 404), ("public", 403)):
        doc = docs[which]
        assert client.get(f"{LIB}/documents/{doc.id}/edit").status_code == hidden
        assert (
            client.post(f"{LIB}/documents/{doc.id}/move", data={"folder_id": "0"}).status_code
            == hidden
        )
        assert (
            client.post(f"{LIB}/documents/{doc.id}/versions/1/make-current").status_code == hidden
        )
    assert db.session.get(Document, docs["public"].id).title == "Açık rapor"

"""Library fixtures: a private file store per test, the people of the permission matrix, uploads."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub import jobs
from hub.extensions import db
from hub.library import services, uploads
from hub.library.models import Document
from tests.library.helpers import file_storage


@pytest.fixture(autouse=True)
def _quick_passwords(monkeypatch):
    """The tests sign in without passwords: skip scrypt's deliberate slowness."""
    from hub.accounts import models

    monkeypatch.setattr(
        models,
        "generate_password_hash",
        lambda password, method=None: "pbkdf2:sha256:1$x$" + password,
    )


@pytest.fixture(autouse=True)
def storage_dir(own_storage_dir) -> Path:
    """Every test stores its files in its own temporary directory."""
    return own_storage_dir


@pytest.fixture
def client(buffered_client):
    return buffered_client


@dataclass
class World:
    partnership: object
    other_partnership: object
    staff: object  # staff of the partnership, town 1 (Turkish)
    colleague: object  # another staff member, town 2
    coordinator: object  # coordinator of the partnership, town 2
    other_staff: object  # staff of another partnership
    citizen: object
    moderator: object

    def role(self, name: str):
        return None if name == "visitor" else getattr(self, name)


@pytest.fixture
def world(make_user, make_town, make_partnership, make_membership) -> World:
    nilufer = make_town("Nilüfer", latin_name="Nilufer", country="TR")
    darmstadt = make_town("Darmstadt", country="DE", official_languages=["de"])
    p = make_partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt", slug="nilufer-darmstadt")
    other = make_partnership(name="Şahinbey – Пловдив", slug="sahinbey-plovdiv")
    staff = make_user(display_name="Ayşe Yılmaz", locale="tr", town=nilufer)
    colleague = make_user(display_name="Jürgen Weiß", locale="de", town=darmstadt)
    coordinator = make_user(display_name="Katrin Müller", locale="de", town=darmstadt)
    other_staff = make_user(display_name="Иван Петров", locale="bg")
    make_membership(staff, p, nilufer)
    make_membership(colleague, p, darmstadt)
    make_membership(coordinator, p, darmstadt, role="coordinator")
    make_membership(other_staff, other)
    citizen = make_user(display_name="Zeynep Çelik")
    moderator = make_user(display_name="Γιώργος Παπαδόπουλος", site_role="moderator", locale="el")
    return World(p, other, staff, colleague, coordinator, other_staff, citizen, moderator)


@pytest.fixture
def make_document(app):
    """Add a document directly (no HTTP), commit, and run the after-commit processing."""

    def make(
        partnership,
        user,
        content: bytes,
        filename: str,
        *,
        folder=None,
        title: str = "",
        description: str = "",
        language: str = "tr",
        theme: str | None = None,
        visibility: str = "members",
        translation_of: Document | None = None,
    ) -> Document:
        from hub.permissions import forget_memberships

        forget_memberships()
        prepared = uploads.prepare(file_storage(content, filename), language=language)
        document = services.create_document(
            partnership,
            user,
            prepared,
            folder=folder,
            title=title,
            description=description,
            language=language,
            theme=theme,
            visibility=visibility,
            translation_of=translation_of,
        )
        db.session.commit()
        jobs.run_ready()
        return document

    return make


@pytest.fixture
def upload(client):
    """POST files to a library's upload form the way a browser does without JavaScript."""

    def post(partnership, files: list[tuple[bytes, str]], *, htmx: bool = False, **fields):
        data = {"language": "tr", "visibility": "members", "folder_id": "0", "theme": "", **fields}
        data["files"] = [(io.BytesIO(content), name) for content, name in files]
        headers = {"HX-Request": "true"} if htmx else {}
        return client.post(
            f"/p/{partnership.slug}/library/upload",
            data=data,
            headers=headers,
            content_type="multipart/form-data",
        )

    return post

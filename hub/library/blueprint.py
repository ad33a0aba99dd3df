"""The library blueprint and what its views share: the partnership, folders, documents, files.

Every URL starts with /p/<slug>/library; the partnership is loaded (and hidden with a 404 when
the reader may not see it) before any view runs.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, request, send_file
from flask_login import current_user
from sqlalchemy import select

from hub import permissions
from hub.extensions import db
from hub.library import queries
from hub.library.maintenance import register_library_commands, storage_cli
from hub.library.models import Document, Folder
from hub.partnerships.models import Partnership
from hub.storage import get_storage

bp = Blueprint("library", __name__, url_prefix="/p/<slug>/library", cli_group="library")
register_library_commands(bp.cli)

# File responses never run as pages of this site: no scripts, no plugins, no same-origin access.
FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
# A PDF previewed inline is sandboxed too (the browser's viewer still shows it); only the
# library's own pages may frame it.
PDF_PREVIEW_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'"


@bp.record_once
def _register(state) -> None:
    from hub.library.sniff import FAMILIES, KIND_LABELS

    state.app.cli.add_command(storage_cli)
    state.app.jinja_env.globals.update(KIND_LABELS=KIND_LABELS, FILE_FAMILIES=FAMILIES)


@bp.url_value_preprocessor
def _load_partnership(endpoint, values) -> None:
    # Runs before every before_request hook (CSRF reads the form): uploads may be as large as
    # HUB_MAX_UPLOAD_MB, plus a little for the form fields.
    request.max_content_length = (current_app.config["HUB_MAX_UPLOAD_MB"] + 1) * 1024 * 1024
    slug = (values or {}).pop("slug", None)
    partnership = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
    if partnership is None or not permissions.can_browse_library(current_user, partnership):
        abort(404)
    g.partnership = partnership


@bp.url_defaults
def _add_slug(endpoint, values) -> None:
    if "slug" not in values and "partnership" in g:
        values["slug"] = g.partnership.slug


def partnership() -> Partnership:
    return g.partnership


def members_view() -> bool:
    return permissions.can_see_member_documents(current_user, partnership())


# --- folders ------------------------------------------------------------------------------


class FolderTree:
    """All folders of the partnership, loaded in one query; paths are walked in memory."""

    def __init__(self, folders: list[Folder]) -> None:
        self.by_id = {f.id: f for f in folders}

    @classmethod
    def load(cls) -> FolderTree:
        return cls(list(db.session.scalars(queries.folders_of(partnership()))))

    def get(self, folder_id: int | None) -> Folder | None:
        return self.by_id.get(folder_id) if folder_id else None

    def path(self, folder: Folder | None) -> list[Folder]:
        trail: list[Folder] = []
        seen: set[int] = set()
        while folder is not None and folder.id not in seen:
            seen.add(folder.id)
            trail.append(folder)
            folder = self.by_id.get(folder.parent_id)
        return list(reversed(trail))

    def children(self, folder: Folder | None) -> list[Folder]:
        parent_id = folder.id if folder else None
        return [f for f in self.by_id.values() if f.parent_id == parent_id]

    def label(self, folder: Folder) -> str:
        return " / ".join(f.name for f in self.path(folder))

    def choices(self, exclude: Folder | None = None) -> list[tuple[int, str]]:
        options = []
        for folder in self.by_id.values():
            if exclude is not None and exclude in self.path(folder):
                continue
            options.append((folder.id, self.label(folder)))
        return sorted(options, key=lambda o: o[1].casefold())


def folder_or_404(folder_id: int, tree: FolderTree | None = None) -> Folder:
    folder = (tree or FolderTree.load()).get(folder_id)
    if folder is None:
        abort(404)
    return folder


# --- documents ----------------------------------------------------------------------------


def document_or_404(document_id: int) -> Document:
    """The document, when the reader may see it; 404 otherwise (also for other workspaces)."""
    document = db.session.scalar(queries.document_in(partnership(), document_id))
    if document is None:
        abort(404)
    permissions.require(permissions.can_see_document(current_user, document), hide=True)
    return document


def file_response(sha256: str, *, media_type: str, filename: str, kind: str, inline: bool):
    """Send a stored file: attachment (or inline preview), ranges, ETag = hash, no sniffing."""
    path = get_storage().local_path(sha256)
    if path is None:
        abort(404)
    response = send_file(
        path,
        mimetype=media_type,
        as_attachment=not inline,
        download_name=filename,
        conditional=True,
        etag=sha256,
        max_age=None,
    )
    response.headers["Cache-Control"] = "private, no-cache"  # revalidated: authorised each time
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if inline and kind == "pdf":
        response.headers["Content-Security-Policy"] = PDF_PREVIEW_CSP
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response.headers["Content-Security-Policy"] = FILE_CSP
    response.vary.add("Cookie")
    return response


def is_first_part() -> bool:
    """A whole download, or the first range of one (PDF viewers fetch in many ranges)."""
    header = request.headers.get("Range", "")
    return not header or header.replace(" ", "").startswith("bytes=0-")

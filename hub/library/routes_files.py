"""Uploads, new versions, "make current again", downloads, previews and thumbnails."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import current_locale_code
from hub.library import queries, services, uploads
from hub.library.blueprint import (
    FolderTree,
    bp,
    document_or_404,
    file_response,
    is_first_part,
    partnership,
)
from hub.library.forms import MakeCurrentForm, NewVersionForm, UploadForm, folder_choices
from hub.library.models import Document
from hub.library.sniff import IMAGE_KINDS
from hub.storage import is_hash

PREVIEW_KINDS = {"pdf", "text", "markdown", "csv"} | IMAGE_KINDS


def _upload_page(form: UploadForm, source: Document | None, status: int = 200):
    return render_page(
        "library/upload.html",
        "library/_upload_form.html",
        status=status,
        partnership=partnership(),
        form=form,
        source=source,
    )


def _translation_source(form: UploadForm) -> Document | None:
    raw = form.translation_of.data or request.args.get("translation_of", "")
    if not str(raw).isdigit():
        return None
    document = db.session.scalar(queries.document_in(partnership(), int(raw)))
    if document is None or not permissions.can_edit_document(current_user, document):
        return None
    return document


@bp.route("/upload", methods=["GET", "POST"])
@login_required
def upload():
    p = partnership()
    permissions.require(permissions.can_see_member_documents(current_user, p), hide=True)
    permissions.require(permissions.can_contribute_to_library(current_user, p))
    tree = FolderTree.load()
    form = UploadForm()
    form.set_choices()
    form.folder_id.choices = folder_choices(tree.choices())
    source = _translation_source(form)
    if request.method == "GET":
        form.language.data = current_user.locale if current_user.locale else current_locale_code()
        folder_arg = request.args.get("folder", "")
        form.folder_id.data = (
            int(folder_arg) if folder_arg.isdigit() and tree.get(int(folder_arg)) else 0
        )
        if source is not None:
            form.translation_of.data = str(source.id)
            form.folder_id.data = source.folder_id or 0
            form.theme.data = source.theme or ""
            form.visibility.data = source.visibility
        return _upload_page(form, source)
    if not form.validate_on_submit():
        return _upload_page(form, source, 422)
    files = [f for f in form.files.data if f and f.filename]
    prepared, problems = uploads.prepare_all(files, language=form.language.data)
    if problems:
        form.files.errors = list(problems)
        return _upload_page(form, source, 422)
    single = len(prepared) == 1
    with uploads.kept_only_on_commit():
        documents = [
            services.create_document(
                p,
                current_user,
                item,
                folder=tree.get(form.folder_id.data),
                title=form.title.data.strip() if single and form.title.data else "",
                description=form.description.data or "",
                language=form.language.data,
                theme=form.theme.data or None,
                visibility=form.visibility.data,
                translation_of=source,
            )
            for item in prepared
        ]
        db.session.commit()
    flash(
        ngettext("%(num)d document uploaded.", "%(num)d documents uploaded.", len(documents)),
        "success",
    )
    if single:
        return redirect_to(url_for("library.document", document_id=documents[0].id))
    folder = tree.get(form.folder_id.data)
    return redirect_to(
        url_for("library.folder", folder_id=folder.id) if folder else url_for("library.index")
    )


@bp.route("/documents/<int:document_id>/versions/new", methods=["GET", "POST"])
@login_required
def new_version(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    form = NewVersionForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_page(
            "library/new_version.html",
            "library/_new_version_form.html",
            status=status,
            partnership=partnership(),
            document=document,
            form=form,
        )
    prepared, problems = uploads.prepare_all([form.file.data], language=document.language)
    if problems:
        form.file.errors = list(problems)
        return render_page(
            "library/new_version.html",
            "library/_new_version_form.html",
            status=422,
            partnership=partnership(),
            document=document,
            form=form,
        )
    with uploads.kept_only_on_commit():
        version = services.add_version(
            document, current_user, prepared[0], form.change_note.data or ""
        )
        db.session.commit()
    flash(_("Version %(number)s uploaded.", number=version.number), "success")
    return redirect_to(url_for("library.document", document_id=document.id))


@bp.post("/documents/<int:document_id>/versions/<int:number>/make-current")
@login_required
def make_current(document_id: int, number: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    old = db.session.scalar(queries.version_of(document, number))
    if old is None:
        abort(404)
    form = MakeCurrentForm()
    if not form.validate_on_submit():
        abort(400)
    if number == document.current_version_number:
        flash(_("Version %(number)s is already the current version.", number=number), "info")
        return redirect_to(url_for("library.document", document_id=document.id))
    version = services.make_current(document, old, current_user, form.change_note.data or "")
    db.session.commit()
    flash(
        _("Version %(old)s is current again, as version %(new)s.", old=number, new=version.number),
        "success",
    )
    return redirect_to(url_for("library.document", document_id=document.id))


# --- downloads ----------------------------------------------------------------------------


def _send_version(document: Document, number: int | None):
    if number is None:
        number = document.current_version_number
    version = db.session.scalar(queries.version_of(document, number))
    if version is None:
        abort(404)
    inline = request.args.get("inline") == "1" and version.kind in PREVIEW_KINDS
    response = file_response(
        version.sha256,
        media_type=version.media_type,
        filename=version.filename,
        kind=version.kind,
        inline=inline,
    )
    if response.status_code in (200, 206) and is_first_part():
        services.record_download(version, current_user, inline=inline)
        db.session.commit()
    return response


@bp.get("/documents/<int:document_id>/download")
def download(document_id: int):
    return _send_version(document_or_404(document_id), None)


@bp.get("/documents/<int:document_id>/versions/<int:number>/download")
def download_version(document_id: int, number: int):
    return _send_version(document_or_404(document_id), number)


@bp.get("/documents/<int:document_id>/versions/<int:number>/thumbnail")
def thumbnail(document_id: int, number: int):
    document = document_or_404(document_id)
    version = db.session.scalar(queries.version_of(document, number))
    if version is None or not version.thumbnail_sha256:
        abort(404)
    return _thumbnail_response(version.thumbnail_sha256)


def _thumbnail_response(sha256: str):
    from hub.storage import get_storage

    with get_storage().open(sha256) as f:
        head = f.read(12)
    media_type = "image/webp" if head[8:12] == b"WEBP" else "image/png"
    return file_response(
        sha256,
        media_type=media_type,
        filename="thumbnail." + media_type[6:],
        kind=media_type[6:],
        inline=True,
    )


@bp.get("/files/<sha256>")
def file_by_hash(sha256: str):
    """A stored file by its hash, for those who may see a document holding it; else 404."""
    if not is_hash(sha256):
        abort(404)
    for document, version in db.session.execute(queries.documents_with_hash(partnership(), sha256)):
        if not permissions.can_see_document(current_user, document):
            continue
        if version.thumbnail_sha256 == sha256:
            return _thumbnail_response(sha256)
        return _send_version(document, version.number)
    abort(404)

"""One document: its page, metadata, folder, trash, language versions and download log."""

from __future__ import annotations

from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import language_name
from hub.library import queries, services
from hub.library.blueprint import FolderTree, bp, document_or_404, partnership
from hub.library.extract import extract_text
from hub.library.forms import (
    ConfirmForm,
    DocumentForm,
    MakeCurrentForm,
    MoveForm,
    TranslationForm,
    folder_choices,
    options,
)
from hub.library.models import Document
from hub.library.sniff import TEXT_KINDS
from hub.storage import get_storage

TEXT_PREVIEW_CHARS = 100_000


def _text_preview(version) -> str | None:
    if version.kind not in TEXT_KINDS:
        return None
    try:
        with get_storage().open(version.sha256) as stream:
            return extract_text(
                stream, version.kind, version.media_type, max_chars=TEXT_PREVIEW_CHARS
            )
    except OSError:
        return None


def _document_page(document: Document, *, move_form: MoveForm | None = None, status: int = 200):
    tree = FolderTree.load()
    rows = db.session.execute(queries.versions_of(document)).all()
    current = next(
        (r for r in rows if r[0].number == document.current_version_number),
        rows[0] if rows else None,
    )
    if move_form is None:
        move_form = MoveForm(formdata=None, folder_id=document.folder_id or 0)
    move_form.folder_id.choices = folder_choices(tree.choices())
    source = document.translation_of
    return render_page(
        "library/document.html",
        status=status,
        partnership=partnership(),
        document=document,
        versions=rows,
        current=current,
        trail=tree.path(tree.get(document.folder_id)),
        language_versions=[
            (other, services.is_out_of_date(other))
            for other in db.session.scalars(queries.language_versions(document))
            if permissions.can_view_document(current_user, other)
        ],
        source=source if source and permissions.can_view_document(current_user, source) else None,
        out_of_date=services.is_out_of_date(document),
        text_preview=_text_preview(current[0]) if current else None,
        move_form=move_form,
        action_form=ConfirmForm(formdata=None),
        make_current_form=MakeCurrentForm(formdata=None),
    )


@bp.get("/documents/<int:document_id>")
def document(document_id: int):
    return _document_page(document_or_404(document_id))


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit_document(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    form = DocumentForm(obj=document)
    form.set_choices()
    if request.method == "GET":
        form.theme.data = document.theme or ""
    if form.validate_on_submit():
        services.update_document(
            document,
            title=form.title.data.strip(),
            description=form.description.data or "",
            language=form.language.data,
            theme=form.theme.data or None,
            visibility=form.visibility.data,
        )
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect_to(url_for("library.document", document_id=document.id))
    status = 422 if request.method == "POST" else 200
    return render_page(
        "library/edit.html",
        "library/_edit_form.html",
        status=status,
        partnership=partnership(),
        document=document,
        form=form,
    )


@bp.post("/documents/<int:document_id>/move")
@login_required
def move_document(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    tree = FolderTree.load()
    form = MoveForm()
    form.folder_id.choices = folder_choices(tree.choices())
    if not form.validate_on_submit():
        return _document_page(document, move_form=form, status=422)
    folder = tree.get(form.folder_id.data)
    services.move_document(document, folder)
    db.session.commit()
    if folder is None:
        flash(_("Moved to the top level."), "success")
    else:
        flash(_("Moved to “%(folder)s”.", folder=tree.label(folder)), "success")
    return redirect_to(url_for("library.document", document_id=document.id))


@bp.post("/documents/<int:document_id>/delete")
@login_required
def delete_document(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_delete_document(current_user, document))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.delete_document(document, current_user)
    db.session.commit()
    flash(
        _(
            "“%(title)s” is in the trash. It can be restored for %(days)s days.",
            title=document.title,
            days=current_app.config["HUB_TRASH_DAYS"],
        ),
        "success",
    )
    folder_id = document.folder_id
    return redirect_to(
        url_for("library.folder", folder_id=folder_id) if folder_id else url_for("library.index")
    )


@bp.post("/documents/<int:document_id>/restore")
@login_required
def restore_document(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_restore_document(current_user, document))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.restore_document(document)
    db.session.commit()
    flash(_("“%(title)s” is back in the library.", title=document.title), "success")
    return redirect_to(url_for("library.document", document_id=document.id))


# --- language versions --------------------------------------------------------------------


@bp.route("/documents/<int:document_id>/translation", methods=["GET", "POST"])
@login_required
def link_translation(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    q = request.values.get("q", "")
    candidates = list(db.session.scalars(queries.translation_candidates(document, q)))
    form = TranslationForm()
    form.source_id.choices = options(
        (d.id, f"{d.title} ({language_name(d.language)})") for d in candidates
    )
    if form.validate_on_submit():
        source = db.session.scalar(queries.document_in(partnership(), form.source_id.data))
        if source is None or source.deleted_at is not None:
            abort(404)
        try:
            services.link_translation(document, source)
        except services.LibraryError:
            form.source_id.errors = [
                _("A document cannot be a translation of itself. Choose the original.")
            ]
        else:
            db.session.commit()
            flash(
                _(
                    "Marked as a translation of “%(title)s”.",
                    title=source.translation_of.title if source.translation_of else source.title,
                ),
                "success",
            )
            return redirect_to(url_for("library.document", document_id=document.id))
    status = 422 if request.method == "POST" else 200
    return render_page(
        "library/translation.html",
        status=status,
        partnership=partnership(),
        document=document,
        form=form,
        q=q,
    )


@bp.post("/documents/<int:document_id>/translation/remove")
@login_required
def unlink_translation(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.unlink_translation(document)
    db.session.commit()
    flash(_("No longer marked as a translation."), "success")
    return redirect_to(url_for("library.document", document_id=document.id))


@bp.post("/documents/<int:document_id>/translation/confirm")
@login_required
def confirm_translation(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_edit_document(current_user, document))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.confirm_translation(document)
    db.session.commit()
    flash(_("Confirmed: this translation matches the current original."), "success")
    return redirect_to(url_for("library.document", document_id=document.id))


# --- download log -------------------------------------------------------------------------


@bp.get("/documents/<int:document_id>/downloads")
@login_required
def download_log(document_id: int):
    document = document_or_404(document_id)
    permissions.require(permissions.can_view_download_log(current_user, partnership()))
    page = max(1, request.args.get("page", 1, type=int) or 1)
    per_page = 50
    rows = db.session.execute(
        queries.downloads_of(document).limit(per_page + 1).offset((page - 1) * per_page)
    ).all()
    return render_page(
        "library/downloads.html",
        partnership=partnership(),
        document=document,
        rows=rows[:per_page],
        page_number=page,
        has_next=len(rows) > per_page,
    )

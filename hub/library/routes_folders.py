"""Folders: create (nested), rename, remove when empty."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.library import services
from hub.library.blueprint import FolderTree, bp, folder_or_404, partnership
from hub.library.forms import ConfirmForm, FolderForm


def _folder_url(folder) -> str:
    return url_for("library.folder", folder_id=folder.id) if folder else url_for("library.index")


@bp.route("/folders/new", methods=["GET", "POST"])
@login_required
def create_folder():
    p = partnership()
    permissions.require(permissions.can_see_member_documents(current_user, p), hide=True)
    permissions.require(permissions.can_contribute_to_library(current_user, p))
    tree = FolderTree.load()
    parent_arg = request.values.get("parent", "")
    parent = (
        folder_or_404(int(parent_arg), tree) if parent_arg.isdigit() and parent_arg != "0" else None
    )
    form = FolderForm()
    if form.validate_on_submit():
        name = form.name.data.strip()
        if any(f.name.casefold() == name.casefold() for f in tree.children(parent)):
            form.name.errors = [_("There is already a folder called “%(name)s” here.", name=name)]
        else:
            folder = services.create_folder(p, parent, name, current_user)
            db.session.commit()
            flash(_("Folder “%(name)s” created.", name=folder.name), "success")
            return redirect_to(_folder_url(folder))
    status = 422 if request.method == "POST" else 200
    return render_page(
        "library/folder_form.html",
        status=status,
        partnership=p,
        form=form,
        parent=parent,
        folder=None,
        trail=tree.path(parent),
    )


@bp.route("/folders/<int:folder_id>/rename", methods=["GET", "POST"])
@login_required
def rename_folder(folder_id: int):
    p = partnership()
    permissions.require(permissions.can_see_member_documents(current_user, p), hide=True)
    tree = FolderTree.load()
    folder = folder_or_404(folder_id, tree)
    permissions.require(permissions.can_manage_folder(current_user, folder))
    form = FolderForm(obj=folder)
    if form.validate_on_submit():
        name = form.name.data.strip()
        parent = tree.get(folder.parent_id)
        if any(
            f.name.casefold() == name.casefold() and f.id != folder.id
            for f in tree.children(parent)
        ):
            form.name.errors = [_("There is already a folder called “%(name)s” here.", name=name)]
        else:
            services.rename_folder(folder, name)
            db.session.commit()
            flash(_("Folder renamed."), "success")
            return redirect_to(_folder_url(folder))
    status = 422 if request.method == "POST" else 200
    return render_page(
        "library/folder_form.html",
        status=status,
        partnership=p,
        form=form,
        parent=tree.get(folder.parent_id),
        folder=folder,
        trail=tree.path(folder),
    )


@bp.post("/folders/<int:folder_id>/delete")
@login_required
def delete_folder(folder_id: int):
    p = partnership()
    permissions.require(permissions.can_see_member_documents(current_user, p), hide=True)
    tree = FolderTree.load()
    folder = folder_or_404(folder_id, tree)
    permissions.require(permissions.can_manage_folder(current_user, folder))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    parent = tree.get(folder.parent_id)
    try:
        services.delete_folder(folder)
    except services.LibraryError:
        flash(_("Only empty folders can be removed. Move or delete what is inside first."), "error")
        return redirect_to(_folder_url(folder))
    db.session.commit()
    flash(_("Folder removed."), "success")
    return redirect_to(_folder_url(parent))

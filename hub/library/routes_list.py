"""The library list: folders, search inside files, filters, sorting, pages; the trash."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user, login_required

from hub import permissions
from hub.htmx import render_page
from hub.i18n import LOCALES, language_name
from hub.library import queries
from hub.library.blueprint import FolderTree, bp, folder_or_404, members_view, partnership
from hub.library.forms import FolderForm
from hub.library.sniff import FAMILIES
from hub.taxonomy import THEMES


def _language_options() -> list[tuple[str, str]]:
    return sorted(((c, language_name(c)) for c in LOCALES), key=lambda o: o[1].casefold())


def render_library(folder_id: int | None = None):
    p = partnership()
    tree = FolderTree.load()
    members = members_view()
    folder = folder_or_404(folder_id, tree) if folder_id else None
    if folder is not None and not members:
        folder = None  # visitors see the public documents as one list
    filters = queries.Filters.from_args(request.args)
    page = queries.page_of(p, filters, members=members, folder_id=folder.id if folder else None,
                           hidden=permissions.can_see_hidden(current_user, p.id))
    return render_page(
        "library/index.html",
        "library/_results.html",
        partnership=p,
        folder=folder,
        trail=tree.path(folder),
        subfolders=sorted(tree.children(folder), key=lambda f: f.name.casefold())
        if members and not filters.narrowing
        else [],
        tree=tree,
        filters=filters,
        results=page,
        members=members,
        folder_form=FolderForm(formdata=None),
        language_options=_language_options(),
        theme_options=list(THEMES.items()),
        type_options=list(FAMILIES.items()),
        town_options=[(t.id, t.native_name) for t in p.towns],
        page_sizes=queries.PAGE_SIZES,
    )


@bp.get("")
def index():
    return render_library()


@bp.get("/folders/<int:folder_id>")
def folder(folder_id: int):
    permissions.require(members_view(), hide=True)
    return render_library(folder_id)


@bp.get("/trash")
@login_required
def trash():
    p = partnership()
    permissions.require(permissions.can_view_library_trash(current_user, p), hide=True)
    return render_page(
        "library/trash.html",
        partnership=p,
        entries=queries.trash_entries(p),
        trash_days=current_app.config["HUB_TRASH_DAYS"],
    )

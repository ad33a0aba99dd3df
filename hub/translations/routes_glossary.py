"""The partnerships' glossaries: /p/<slug>/glossary (kept by coordinators) and /glossary."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from hub import permissions
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.partnerships.models import Partnership
from hub.translations import queries, services
from hub.translations.forms import glossary_form
from hub.translations.models import GlossaryTerm
from hub.translations.routes import bp


def _partnership(slug: str) -> Partnership:
    partnership = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
    permissions.require(
        partnership is not None and permissions.can_view_glossary(current_user, partnership),
        hide=True,
    )
    return partnership


def _languages(partnership: Partnership) -> list[str]:
    codes = list(dict.fromkeys([*(partnership.working_languages or []), "en"]))
    return codes if len(codes) > 1 else [*codes, "tr"]


def _term(partnership: Partnership, term_id: int) -> GlossaryTerm:
    term = db.session.get(GlossaryTerm, term_id)
    if term is None or term.partnership_id != partnership.id:
        abort(404)
    return term


def _page(partnership: Partnership, form, *, status: int = 200):
    q = request.args.get("q", "").strip()
    terms = list(db.session.scalars(queries.glossary_terms([partnership.id], q)))
    return render_page("translations/glossary.html", "translations/_glossary_terms.html",
                       partnership=partnership, terms=terms, q=q, form=form,
                       languages=_languages(partnership), status=status)


@bp.get("/glossary")
def hub_glossary():
    """Every glossary the reader may see, searchable."""
    q = request.args.get("q", "").strip()
    visible = db.session.scalars(select(Partnership).where(Partnership.status != "proposed"))
    ids = [p.id for p in visible if permissions.can_view_glossary(current_user, p)]
    terms = list(db.session.scalars(queries.glossary_terms(ids, q))) if ids else []
    return render_page("translations/hub_glossary.html", "translations/_glossary_terms.html",
                       terms=terms, q=q, partnership=None, hub_wide=True)


@bp.get("/p/<slug>/glossary")
def glossary(slug: str):
    partnership = _partnership(slug)
    form = None
    if permissions.can_edit_glossary(current_user, partnership):
        form = glossary_form(_languages(partnership), formdata=None)
    return _page(partnership, form)


@bp.post("/p/<slug>/glossary")
@login_required
def add_term(slug: str):
    partnership = _partnership(slug)
    permissions.require(permissions.can_edit_glossary(current_user, partnership))
    form = glossary_form(_languages(partnership))
    if not form.validate_on_submit():
        return _page(partnership, form, status=422)
    services.save_term(None, partnership, form.entries(), form.note.data, current_user)
    db.session.commit()
    flash(_("Term added to the glossary."), "success")
    return redirect_to(url_for("translations.glossary", slug=partnership.slug))


@bp.route("/p/<slug>/glossary/<int:term_id>/edit", methods=["GET", "POST"])
@login_required
def edit_term(slug: str, term_id: int):
    partnership = _partnership(slug)
    term = _term(partnership, term_id)
    permissions.require(permissions.can_edit_glossary(current_user, partnership))
    languages = list(dict.fromkeys([*_languages(partnership), *term.entries]))
    if request.method == "GET":
        form = glossary_form(languages, formdata=None, note=term.note,
                             **{f"term_{code}": text for code, text in term.entries.items()})
    else:
        form = glossary_form(languages)
        if form.validate_on_submit():
            services.save_term(term, partnership, form.entries(), form.note.data, current_user)
            db.session.commit()
            flash(_("Term saved."), "success")
            return redirect_to(url_for("translations.glossary", slug=partnership.slug))
    return render_page("translations/edit_term.html", partnership=partnership, term=term,
                       form=form, status=422 if request.method == "POST" else 200)


@bp.post("/p/<slug>/glossary/<int:term_id>/delete")
@login_required
def delete_term(slug: str, term_id: int):
    partnership = _partnership(slug)
    term = _term(partnership, term_id)
    permissions.require(permissions.can_edit_glossary(current_user, partnership))
    services.delete_term(term)
    db.session.commit()
    flash(_("Term removed from the glossary."), "success")
    return redirect_to(url_for("translations.glossary", slug=partnership.slug))

"""Writing postings: new, edit, submit for approval, publish (approve), send back, close, reopen.

Staff write drafts and submit them; a coordinator of their town approves them (open). The
form's buttons name the step: "draft", "submit" (staff) or "publish" (coordinators).
"""

from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.exchange import services
from hub.exchange.blueprint import bp, membership_town_id, partnership, posting_or_404
from hub.exchange.forms import PostingForm, ReturnForm
from hub.exchange.models import Posting
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import current_locale_code


def _form_values(form: PostingForm) -> dict:
    return {
        "kind": form.kind.data,
        "title": form.title.data,
        "description": form.description.data,
        "language": form.language.data,
        "format": form.format.data,
        "theme": form.theme.data,
        "department": form.department.data or "",
        "host_town_id": form.host_town.data,
        "duration_days": form.duration_days.data,
        "earliest_start": form.earliest_start.data,
        "latest_end": form.latest_end.data,
        "places": form.places.data,
        "eligibility": form.eligibility.data or "",
        "costs_covered": list(form.costs_covered.data or []),
        "deadline": form.deadline.data,
        "contact": form.contact.data,
        "visibility": form.visibility.data,
    }


def _fill(form: PostingForm, posting: Posting) -> None:
    for name in ("kind", "title", "description", "language", "format", "theme", "department",
                 "duration_days", "earliest_start", "latest_end", "places", "eligibility",
                 "deadline", "contact", "visibility"):
        form[name].data = getattr(posting, name)
    form.host_town.data = posting.host_town_id or 0
    form.costs_covered.data = list(posting.costs_covered or [])
    for row, pl in zip(form.languages, posting.languages, strict=False):
        row.form.language.data, row.form.level.data = pl.language, pl.level


def _page(form: PostingForm, posting: Posting | None, status: int = 200, error: str | None = None):
    return render_page(
        "exchange/posting_form.html", status=status, partnership=partnership(), form=form,
        posting=posting, error=error,
        is_coordinator=permissions.is_coordinator(
            current_user, partnership(), posting.town_id if posting else membership_town_id()
        ),
    )


def _step() -> str:
    step = request.form.get("action", "draft")
    return step if step in {"draft", "submit", "publish"} else "draft"


def _after_save(posting: Posting, step: str, saved: str) -> str:
    """Submit or publish after saving, when asked and allowed; the flash message to show."""
    if step == "publish" and permissions.can_publish_posting(current_user, posting):
        services.publish_posting(posting, current_user)
        return _("The posting is open: partner towns can see it on the board.")
    if step == "submit" and permissions.can_submit_posting(current_user, posting):
        services.submit_posting(posting, current_user)
        return _("The posting was sent to your town's coordinators for approval.")
    return saved


@bp.route("/p/<slug>/exchange/new", methods=["GET", "POST"])
@login_required
def new_posting():
    p = partnership()
    permissions.require(permissions.can_view_workspace(current_user, p), hide=True)
    permissions.require(permissions.can_post_exchange(current_user, p))
    town_id = membership_town_id()
    form = PostingForm(towns=p.towns, own_town_id=town_id)
    if request.method == "GET":
        form.host_town.data = town_id
        form.language.data = current_locale_code()
        form.contact.data = f"{current_user.display_name} <{current_user.email}>"
        return _page(form, None)
    if not form.validate_on_submit():
        return _page(form, None, 422)
    posting = services.create_posting(
        p, current_user, town_id=town_id, languages=form.required_languages(),
        **_form_values(form),
    )
    try:
        message = _after_save(posting, _step(), _("The draft has been saved."))
    except services.ExchangeError as error:
        db.session.rollback()
        return _page(form, None, 422, error.message)
    db.session.commit()
    flash(message, "success")
    return redirect_to(url_for("exchange.posting", posting_id=posting.id))


@bp.route("/p/<slug>/exchange/<int:posting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_edit_posting(current_user, posting))
    form = PostingForm(
        towns=partnership().towns, own_town_id=posting.town_id,
        places_taken=posting.places_taken,
        fixed_kind=posting.kind if posting.opened_at is not None else None,
    )
    if request.method == "GET":
        _fill(form, posting)
        return _page(form, posting)
    if not form.validate_on_submit():
        return _page(form, posting, 422)
    services.update_posting(posting, languages=form.required_languages(), **_form_values(form))
    try:
        message = _after_save(posting, _step(), _("The posting has been saved."))
    except services.ExchangeError as error:
        db.session.rollback()
        return _page(form, posting, 422, error.message)
    db.session.commit()
    flash(message, "success")
    return redirect_to(url_for("exchange.posting", posting_id=posting.id))


def _back(posting: Posting):
    return redirect_to(url_for("exchange.posting", posting_id=posting.id))


@bp.post("/p/<slug>/exchange/<int:posting_id>/submit")
@login_required
def submit_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_submit_posting(current_user, posting))
    services.submit_posting(posting, current_user)
    db.session.commit()
    flash(_("The posting was sent to your town's coordinators for approval."), "success")
    return _back(posting)


@bp.post("/p/<slug>/exchange/<int:posting_id>/publish")
@login_required
def publish_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_publish_posting(current_user, posting))
    try:
        services.publish_posting(posting, current_user)
    except services.ExchangeError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect_to(url_for("exchange.edit_posting", posting_id=posting.id))
    db.session.commit()
    flash(_("The posting is open: partner towns can see it on the board."), "success")
    return _back(posting)


@bp.route("/p/<slug>/exchange/<int:posting_id>/return", methods=["GET", "POST"])
@login_required
def return_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_return_posting(current_user, posting))
    form = ReturnForm()
    if not form.validate_on_submit():
        return render_page(
            "exchange/return.html", status=422 if request.method == "POST" else 200,
            partnership=partnership(), posting=posting, form=form,
        )
    services.return_posting(posting, current_user, form.note.data)
    db.session.commit()
    flash(_("The posting went back to its author as a draft."), "success")
    return _back(posting)


@bp.post("/p/<slug>/exchange/<int:posting_id>/close")
@login_required
def close_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_close_posting(current_user, posting))
    services.close_posting(posting)
    db.session.commit()
    flash(_("The posting is closed: it takes no more applications."), "success")
    return _back(posting)


@bp.post("/p/<slug>/exchange/<int:posting_id>/reopen")
@login_required
def reopen_posting(posting_id: int):
    posting = posting_or_404(posting_id)
    permissions.require(permissions.can_reopen_posting(current_user, posting))
    services.reopen_posting(posting)
    db.session.commit()
    flash(_("The posting is open again."), "success")
    return _back(posting)

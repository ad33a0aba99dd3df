"""The curators' side of the library (moderators): nominations, drafts, review by a second
moderator, publication, updates and withdrawal. Everyone else gets 403 (the curation is not a
secret); drafts are 404 for people who may not see them."""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from hub import permissions
from hub.exchange.models import Placement
from hub.extensions import db
from hub.goodpractices import queries, services, sources
from hub.goodpractices.forms import ConfirmForm, GoodPracticeForm, ReasonForm
from hub.goodpractices.models import FIELDS, Nomination
from hub.goodpractices.routes import _entry_context, bp, load_entry
from hub.htmx import redirect_to, render_page
from hub.i18n import is_supported
from hub.notifications.services import absolute
from hub.partnerships.models import Partnership
from hub.towns.models import Town


def _require_curator() -> None:
    permissions.require(permissions.can_curate(current_user))


@bp.get("/curate")
@login_required
def curate():
    _require_curator()
    return render_page(
        "goodpractices/curate.html",
        nominations=queries.open_nominations(),
        placements=queries.nominated_placements(),
        lists={state: queries.entries_in(state)
               for state in ("in_review", "draft", "published", "withdrawn")},
        reason_form=ReasonForm(formdata=None),
    )


def _form(data: dict | None = None) -> GoodPracticeForm:
    """The entry form: with starting values on GET, with what was sent on POST."""
    form = GoodPracticeForm(formdata=None, data=data) if data is not None else GoodPracticeForm()
    partnerships = db.session.scalars(
        select(Partnership).where(Partnership.status != "proposed").order_by(Partnership.name))
    towns = db.session.scalars(select(Town).order_by(Town.latin_name))
    form.set_choices(list(partnerships), list(towns))
    return form


def _prefill(kind: str, obj, partnership, nomination_note: str = "") -> dict:
    """Starting values from the nominated thing (the curator rewrites them)."""
    target = sources.kind_of(kind)
    data = {
        "title": target.label(obj), "language": target.language(obj),
        "partnership_id": partnership.id, "town_ids": [t.id for t in partnership.towns],
        "sources": f"{target.label(obj)} {absolute(target.url(obj))}",
        "summary": nomination_note,
    }
    if kind == "placement":
        theme = obj.posting.theme
        data["approach"] = obj.objectives
        data["results"] = "\n\n".join(f"{r.learned}\n\n{r.apply_at_home}" for r in obj.reports)
    else:
        theme = obj.thread.theme if kind == "post" else obj.theme
    if theme:
        data["themes"] = [theme]
    return data


def _starting_point():
    """The nomination (or exchange-nominated placement) a new entry starts from, if any."""
    nomination_id = request.args.get("nomination", type=int)
    placement_id = request.args.get("placement", type=int)
    if nomination_id:
        nomination = queries.nomination(nomination_id)
        if nomination is None or nomination.status != "open":
            abort(404)
        target = sources.kind_of(nomination.target_type)
        obj = target.load(nomination.target_id) if target else None
        if obj is None:
            abort(404)
        return nomination, nomination.target_type, obj
    if placement_id:
        placement = db.session.get(Placement, placement_id)
        if placement is None or placement.nominated_at is None:
            abort(404)
        return None, "placement", placement
    return None, None, None


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_entry():
    _require_curator()
    nomination, kind, obj = _starting_point()
    partnership = sources.partnership_of(kind, obj) if obj is not None else None
    if request.method == "GET":
        if obj is not None:
            form = _form(_prefill(kind, obj, partnership, nomination.note if nomination else ""))
        else:
            form = _form({"language": current_user.locale if is_supported(current_user.locale)
                          else ""})
    else:
        form = _form()
    if form.validate_on_submit():
        values = _values(form)
        if values is not None:
            if kind == "placement" and nomination is None:
                nomination = _placement_nomination(obj)
            practice = services.create_entry(current_user, values, nomination)
            db.session.commit()
            flash(_("The draft has been saved. Send it for review when it is ready."),
                  "success")
            return redirect_to(url_for("good_practices.entry", practice_id=practice.id))
    return render_page(
        "goodpractices/edit.html", status=422 if form.is_submitted() else 200, form=form,
        practice=None, nomination=nomination, kind=kind, obj=obj, partnership=partnership,
        snapshot=_snapshot(kind, obj),
    )


def _snapshot(kind, obj):
    if obj is None or kind == "placement":
        return None
    return sources.kind_of(kind).snapshot(obj)


def _placement_nomination(placement: Placement) -> Nomination:
    nomination = Nomination(
        target_type="placement", target_id=placement.id,
        partnership_id=placement.partnership_id, label=placement.posting.title[:255],
        note=placement.nomination_note or "", nominated_by_id=placement.nominated_by_id,
        created_at=placement.nominated_at,
    )
    db.session.add(nomination)
    db.session.flush()
    return nomination


def _values(form: GoodPracticeForm) -> dict | None:
    """The form's values with the parsed sources; None (and a field error) if they are bad."""
    try:
        parsed = sources.parse_sources(form.sources.data or "")
    except sources.SourceError as err:
        form.sources.errors = [*form.sources.errors, str(err)]
        return None
    return {**form.values(), "sources": parsed}


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(practice_id: int):
    practice = load_entry(practice_id)
    permissions.require(permissions.can_edit_good_practice(current_user, practice))
    if request.method == "GET":
        data = {name: getattr(practice, name) for name in ("title", "language", *FIELDS)}
        data.update(
            themes=practice.theme_codes, town_ids=[t.town_id for t in practice.towns],
            partnership_id=practice.partnership_id or 0,
            sources=sources.sources_text(practice.sources),
            **{f"{name}_language": (practice.field_languages or {}).get(name, "")
               for name in FIELDS},
        )
        form = _form(data)
    else:
        form = _form()
    if form.validate_on_submit():
        values = _values(form)
        if values is not None:
            was_in_review = practice.state == "in_review"
            services.update_entry(current_user, practice, values)
            db.session.commit()
            if was_in_review:
                flash(_("Saved. The entry is a draft again: send it for a new review."), "info")
            else:
                flash(_("Saved."), "success")
            return redirect_to(url_for("good_practices.entry", practice_id=practice.id))
    return render_page(
        "goodpractices/edit.html", status=422 if form.is_submitted() else 200, form=form,
        practice=practice, nomination=None, kind=None, obj=None, partnership=None,
        snapshot=None,
    )


# --- review steps ---------------------------------------------------------------------------

def _step(practice_id: int, allowed, run, message: str, *, with_reason: bool = False):
    practice = load_entry(practice_id)
    permissions.require(allowed(current_user, practice))
    form = ReasonForm() if with_reason else ConfirmForm()
    if not form.validate_on_submit():
        if not with_reason:
            abort(400)
        context = _entry_context(practice)
        return render_page("goodpractices/entry.html", status=422, **context,
                           confirm_form=ConfirmForm(formdata=None), reason_form=form,
                           reason_action=request.endpoint)
    try:
        run(practice, form.reason.data) if with_reason else run(practice)
    except services.CurationError as err:
        flash(str(err), "error")
        return redirect_to(url_for("good_practices.entry", practice_id=practice.id))
    db.session.commit()
    flash(message, "success")
    return redirect_to(url_for("good_practices.entry", practice_id=practice.id))


@bp.post("/<int:practice_id>/submit")
@login_required
def submit(practice_id: int):
    return _step(practice_id, permissions.can_submit_good_practice,
                 lambda p: services.submit(current_user, p),
                 _("Sent for review: another moderator must approve it."))


@bp.post("/<int:practice_id>/approve")
@login_required
def approve(practice_id: int):
    return _step(practice_id, permissions.can_approve_good_practice,
                 lambda p: services.approve(current_user, p),
                 _("Approved: the good practice is published."))


@bp.post("/<int:practice_id>/return")
@login_required
def return_entry(practice_id: int):
    return _step(practice_id, permissions.can_return_good_practice,
                 lambda p, reason: services.return_to_draft(current_user, p, reason),
                 _("Sent back to draft."), with_reason=True)


@bp.post("/<int:practice_id>/withdraw")
@login_required
def withdraw(practice_id: int):
    return _step(practice_id, permissions.can_withdraw_good_practice,
                 lambda p, reason: services.withdraw(current_user, p, reason),
                 _("Withdrawn: it is no longer in the public library."), with_reason=True)


@bp.post("/<int:practice_id>/rework")
@login_required
def rework(practice_id: int):
    return _step(practice_id, permissions.can_rework_good_practice,
                 lambda p: services.rework(current_user, p),
                 _("Reopened as a draft."))


@bp.post("/nominations/<int:nomination_id>/decline")
@login_required
def decline_nomination(nomination_id: int):
    _require_curator()
    nomination = queries.nomination(nomination_id)
    if nomination is None:
        abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        return render_page(
            "goodpractices/curate.html", status=422,
            nominations=queries.open_nominations(), placements=queries.nominated_placements(),
            lists={state: queries.entries_in(state)
                   for state in ("in_review", "draft", "published", "withdrawn")},
            reason_form=form, failed_nomination=nomination.id,
        )
    try:
        services.decline_nomination(current_user, nomination, form.reason.data)
    except services.CurationError as err:
        flash(str(err), "error")
    else:
        db.session.commit()
        flash(_("The nomination has been declined."), "success")
    return redirect_to(url_for("good_practices.curate"))

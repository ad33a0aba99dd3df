"""Placements: the page both sides see, agreed dates and objectives, the participant's report and
the host's evaluation after the end date, and the nomination as a good practice."""

from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.exchange import placement_services as services
from hub.exchange.application_forms import NominateForm, PlacementForm, ReportForm
from hub.exchange.blueprint import bp, partnership, placement_or_404
from hub.exchange.models import Placement
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import current_locale_code


def _placement_page(placement: Placement, *, status: int = 200,
                    nominate_form: NominateForm | None = None):
    if nominate_form is None and permissions.can_nominate_placement(current_user, placement):
        nominate_form = NominateForm(formdata=None)
    return render_page(
        "exchange/placement.html", status=status, partnership=partnership(),
        placement=placement, posting=placement.posting, nominate_form=nominate_form,
        report_role=permissions.placement_report_role(current_user, placement),
    )


def _back(placement: Placement):
    return redirect_to(url_for("exchange.placement", placement_id=placement.id))


@bp.get("/p/<slug>/exchange/placements/<int:placement_id>")
@login_required
def placement(placement_id: int):
    return _placement_page(placement_or_404(placement_id))


@bp.route("/p/<slug>/exchange/placements/<int:placement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_placement(placement_id: int):
    placement = placement_or_404(placement_id)
    permissions.require(permissions.can_edit_placement(current_user, placement))
    form = PlacementForm(obj=placement if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_page(
            "exchange/placement_form.html", status=422 if request.method == "POST" else 200,
            partnership=partnership(), placement=placement, form=form,
        )
    services.update_placement(placement, current_user, start_on=form.start_on.data,
                              end_on=form.end_on.data, objectives=form.objectives.data)
    db.session.commit()
    flash(_("The agreed dates and objectives have been saved."), "success")
    return _back(placement)


@bp.route("/p/<slug>/exchange/placements/<int:placement_id>/report", methods=["GET", "POST"])
@login_required
def report(placement_id: int):
    """The participant's report, or the host's evaluation: whichever the reader writes."""
    placement = placement_or_404(placement_id)
    role = permissions.placement_report_role(current_user, placement)
    permissions.require(role is not None)
    existing = placement.report(role)
    form = ReportForm(obj=existing if request.method == "GET" else None)
    if request.method == "GET" and existing is None:
        form.language.data = current_locale_code()
    if not form.validate_on_submit():
        return render_page(
            "exchange/report_form.html", status=422 if request.method == "POST" else 200,
            partnership=partnership(), placement=placement, form=form, role=role,
        )
    services.write_report(placement, current_user, role=role, learned=form.learned.data,
                          apply_at_home=form.apply_at_home.data, language=form.language.data)
    db.session.commit()
    flash(_("Thank you: your report has been saved.") if role == "participant"
          else _("Thank you: your evaluation has been saved."), "success")
    return _back(placement)


@bp.post("/p/<slug>/exchange/placements/<int:placement_id>/nominate")
@login_required
def nominate(placement_id: int):
    placement = placement_or_404(placement_id)
    permissions.require(permissions.can_nominate_placement(current_user, placement))
    form = NominateForm()
    if not form.validate_on_submit():
        return _placement_page(placement, status=422, nominate_form=form)
    if services.nominate(placement, current_user, form.note.data or ""):
        flash(_("Nominated: the moderators will consider it for the good-practice library."),
              "success")
    else:
        flash(_("This placement has already been nominated."), "info")
    db.session.commit()
    return _back(placement)

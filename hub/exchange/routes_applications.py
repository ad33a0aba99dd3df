"""Applying, withdrawing, endorsing (sending town) and deciding (host town); the CV download.

A refused application (closed, full, past the deadline, applied before, own town) is answered
with the form as typed and a translated reason; nothing is stored.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.exchange import queries, services
from hub.exchange.application_forms import ApplicationForm, DecisionForm, EndorseForm
from hub.exchange.blueprint import application_or_404, bp, partnership, posting_or_404
from hub.exchange.models import Application, Posting
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.library import uploads
from hub.library.blueprint import file_response

# Refusals because of who the person is answer 403; because of the offer's state, 409/422.
ROLE_BLOCKERS = {"not_member", "own_town", "suspended", "unverified"}


def _apply_page(posting: Posting, form: ApplicationForm | None, *, status: int = 200,
                refusal: str | None = None):
    return render_page(
        "exchange/apply.html", status=status, partnership=partnership(), posting=posting,
        form=form, refusal=refusal,
    )


def _prefill(form: ApplicationForm) -> None:
    for row, spoken in zip(form.languages, current_user.languages, strict=False):
        row.form.language.data, row.form.level.data = spoken.language, spoken.level


@bp.route("/p/<slug>/exchange/<int:posting_id>/apply", methods=["GET", "POST"])
@login_required
def apply(posting_id: int):
    posting = posting_or_404(posting_id)
    blocker = permissions.apply_blocker(current_user, posting)
    if blocker == "not_offer":
        abort(404)
    mine = db.session.scalar(queries.application_of(current_user, posting))
    if mine is not None and request.method == "GET":
        flash(services.refusal_message("already"), "info")
        return redirect_to(url_for("exchange.application", application_id=mine.id))
    form = ApplicationForm(posting=posting)
    if request.method == "GET":
        if blocker is not None:
            status = 403 if blocker in ROLE_BLOCKERS else 409
            return _apply_page(posting, None, status=status,
                               refusal=services.refusal_message(blocker))
        _prefill(form)
        return _apply_page(posting, form)
    if blocker is None and mine is not None:
        blocker = "already"
    if blocker is not None:
        status = 403 if blocker in ROLE_BLOCKERS else 422
        return _apply_page(posting, form, status=status,
                           refusal=services.refusal_message(blocker))
    if not form.validate_on_submit():
        return _apply_page(posting, form, status=422)
    try:
        cv = services.check_cv(form.cv.data)
    except services.ExchangeError as error:
        form.cv.errors = [*form.cv.errors, error.message]
        return _apply_page(posting, form, status=422)
    try:
        with uploads.kept_only_on_commit():
            application = services.apply(
                posting, current_user, motivation=form.motivation.data,
                languages=form.spoken_languages(), preferred_start=form.preferred_start.data,
                preferred_end=form.preferred_end.data, cv=cv,
            )
            db.session.commit()
    except services.ExchangeError as error:
        return _apply_page(posting, form, status=422, refusal=error.message)
    except IntegrityError:  # the same application sent twice at the same moment
        return _apply_page(posting, form, status=422,
                           refusal=services.refusal_message("already"))
    if application.status == "endorsed":
        flash(_("Your application has been sent to the host town."), "success")
    else:
        flash(_("Your application has been sent. Your town's coordinator will endorse it "
                "before the host town sees it."), "success")
    return redirect_to(url_for("exchange.application", application_id=application.id))


def _application_page(application: Application, *, status: int = 200,
                      endorse_form: EndorseForm | None = None,
                      decision_form: DecisionForm | None = None, error: str | None = None):
    if endorse_form is None and permissions.can_endorse_application(current_user, application):
        endorse_form = EndorseForm(formdata=None)
    if decision_form is None and permissions.can_decide_application(current_user, application):
        decision_form = DecisionForm(formdata=None, status=application.status)
    return render_page(
        "exchange/application.html", status=status, partnership=partnership(),
        application=application, posting=application.posting,
        endorse_form=endorse_form, decision_form=decision_form, error=error,
    )


@bp.get("/p/<slug>/exchange/applications/<int:application_id>")
@login_required
def application(application_id: int):
    return _application_page(application_or_404(application_id))


def _to_application(application: Application):
    return redirect_to(url_for("exchange.application", application_id=application.id))


@bp.post("/p/<slug>/exchange/applications/<int:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    application = application_or_404(application_id)
    permissions.require(permissions.can_withdraw_application(current_user, application))
    try:
        services.withdraw(application, current_user)
    except services.ExchangeError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _to_application(application)
    db.session.commit()
    flash(_("You have withdrawn your application."), "success")
    return _to_application(application)


@bp.post("/p/<slug>/exchange/applications/<int:application_id>/endorse")
@login_required
def endorse(application_id: int):
    application = application_or_404(application_id)
    permissions.require(permissions.can_endorse_application(current_user, application))
    form = EndorseForm()
    if not form.validate_on_submit():
        return _application_page(application, status=422, endorse_form=form)
    endorsed = form.decision.data == "endorse"
    try:
        services.endorse(application, current_user, endorsed=endorsed, note=form.note.data or "")
    except services.ExchangeError as error:
        db.session.rollback()
        return _application_page(application, status=409, error=error.message)
    db.session.commit()
    flash(_("Endorsed: the host town can now consider the application.") if endorsed
          else _("The application was not endorsed; the applicant has been told."), "success")
    return _to_application(application)


@bp.post("/p/<slug>/exchange/applications/<int:application_id>/decide")
@login_required
def decide(application_id: int):
    application = application_or_404(application_id)
    permissions.require(permissions.can_decide_application(current_user, application))
    form = DecisionForm(status=application.status)
    if not form.validate_on_submit():
        return _application_page(application, status=422, decision_form=form)
    try:
        placement = services.decide(application, current_user, decision=form.decision.data,
                                    message=form.message.data or "")
    except services.ExchangeError as error:
        db.session.rollback()
        application = application_or_404(application_id)
        return _application_page(application, status=409, error=error.message)
    db.session.commit()
    if placement is not None:
        flash(_("Accepted: the placement has been created. Agree on the dates and the "
                "learning objectives with the participant."), "success")
        return redirect_to(url_for("exchange.placement", placement_id=placement.id))
    flash(_("Your decision has been sent to the applicant."), "success")
    return _to_application(application)


@bp.get("/p/<slug>/exchange/applications/<int:application_id>/cv")
@login_required
def download_cv(application_id: int):
    """The CV, to the applicant and the people deciding only; checked on every request."""
    application = application_or_404(application_id)
    permissions.require(permissions.can_download_cv(current_user, application), hide=True)
    return file_response(
        application.cv_sha256, media_type=application.cv_media_type or "application/octet-stream",
        filename=application.cv_filename or "cv", kind=application.cv_kind or "", inline=False,
    )

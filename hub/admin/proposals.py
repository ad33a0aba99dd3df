"""Proposing a new partnership: anyone who takes part may; an admin approves or declines."""

from __future__ import annotations

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.admin import queries, services
from hub.admin.forms import ProposalForm, town_options
from hub.core.errors import render_error
from hub.extensions import db
from hub.htmx import redirect_to, render_page

bp = Blueprint("proposals", __name__)


@bp.route("/partnerships/propose", methods=["GET", "POST"])
@login_required
def new():
    if not permissions.can_propose_partnership(current_user):
        if not current_user.is_verified:
            detail = _("Please confirm your e-mail address before you propose a partnership: "
                       "open the link we sent you by e-mail.")
        else:
            detail = _("Your account is suspended, so you cannot propose a partnership now.")
        return render_error(403, detail)
    initial = {
        "towns": [current_user.town_id] if current_user.town_id else [],
        "description_language": current_user.locale,
    }
    form = ProposalForm(
        town_choices=town_options(db.session.scalars(queries.town_choices())), data=initial
    )
    if form.validate_on_submit():
        partnership = services.propose_partnership(current_user, form.values())
        db.session.commit()
        flash(_("Thank you! Your proposal was sent to the administrators. It becomes public "
                "once they approve it."), "success")
        return redirect_to(url_for("partnerships.workspace", slug=partnership.slug))
    return render_page("proposals/new.html", form=form, status=422 if form.is_submitted() else 200)

"""The audit log (/moderation/log: filter, pages; nothing in it can be changed) and the notice
an author reads about what moderation did (/moderation/notices/<id>)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.accounts.models import User
from hub.extensions import db
from hub.htmx import render_page
from hub.moderation import labels, queries
from hub.moderation.forms import LogFilterForm
from hub.moderation.models import ModerationAction
from hub.moderation.routes import bp
from hub.moderation.targets import TARGETS


def _log_form() -> LogFilterForm:
    form = LogFilterForm(formdata=request.args)
    actions = queries.logged_actions()
    types = queries.logged_target_types()
    form.action.choices = [("", _("Every action"))] + sorted(
        ((code, labels.action_label(code)) for code in actions), key=lambda c: c[1].casefold()
    )
    form.target_type.choices = [("", _("Every type"))] + sorted(
        ((code, labels.target_type_label(code)) for code in types),
        key=lambda c: c[1].casefold(),
    )
    return form


@bp.get("/log")
@login_required
def log():
    permissions.require(permissions.can_view_audit_log(current_user))
    form = _log_form()
    status = 200
    filters = queries.LogFilters()
    if request.args and not form.validate():
        status = 422
        results = None
    else:
        filters = queries.LogFilters(
            actor=(form.actor.data or "").strip(), action=form.action.data or "",
            target_type=form.target_type.data or "", date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
        page = max(1, request.args.get("page", 1, type=int) or 1)
        results = db.paginate(queries.log_statement(filters), page=page,
                              per_page=queries.LOG_PER_PAGE, error_out=False)
    return render_page("moderation/log.html", "moderation/_log.html", status=status,
                       form=form, results=results, filters=filters)


@bp.get("/notices/<int:action_id>")
@login_required
def notice(action_id: int):
    """What moderation did about something of the reader's, and why (in the moderator's words).
    Only the person concerned and the moderators may read it."""
    row = db.session.get(ModerationAction, action_id)
    permissions.require(row is not None and permissions.can_view_notice(current_user, row),
                        hide=True)
    target = next((t for t in TARGETS.values() if t.audit_type == row.target_type), None)
    flag = queries.last_flag_of(target, row.target_id) if target and row.target_id else None
    subject = db.session.get(User, row.subject_user_id) if row.subject_user_id else None
    return render_page("moderation/notice.html", row=row, flag=flag, subject=subject,
                       target=target)

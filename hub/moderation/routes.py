"""The moderation queue at /moderation: open items, one item's record, the actions (an htmx row
update, or a plain POST and a 303 without JavaScript), and flagging.

The audit log and the notices sent to authors are in routes_log.py, on the same blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.htmx import is_fragment_request, redirect_to, render_fragment, render_page
from hub.moderation import labels, queries, services
from hub.moderation.forms import ActionForm, FlagForm, QueueFilterForm
from hub.moderation.models import REASON_LABELS, REASONS
from hub.moderation.targets import ACTIONS, TARGETS, get_target

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.record_once
def _register(state) -> None:
    state.app.jinja_env.globals.update(
        moderation_action_label=labels.action_label,
        moderation_target_label=labels.target_type_label,
        snapshot_facts=labels.snapshot_facts,
        FLAG_REASONS=REASON_LABELS,
        FLAG_RESOLUTIONS=labels.RESOLUTION_LABELS,
        MODERATION_ACTIONS=ACTIONS,
    )


def _page_arg() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


def _filters() -> tuple[queries.QueueFilters, QueueFilterForm]:
    form = QueueFilterForm(formdata=request.args)
    form.type.choices = [("", _("Everything"))] + [(k, t.noun) for k, t in TARGETS.items()]
    form.mine.choices = [("", _("All languages")), ("1", _("Only languages I read"))]
    filters = queries.QueueFilters(
        type=form.type.data if form.type.data in TARGETS else "",
        mine=form.mine.data == "1",
        page=_page_arg(),
    )
    return filters, form


def action_form(item: queries.QueueItem, formdata=None) -> ActionForm:
    """The item's form; the rule preselected is the reason most people gave."""
    form = ActionForm(formdata=formdata, prefix=item.key)
    if formdata is None:
        form.reason_code.data = services.top_reason([f for f in item.flags if f.is_open])
    return form


def may_act(item: queries.QueueItem, action: str) -> bool:
    if action == "suspend" and not permissions.can_suspend(current_user):
        return False
    return item.available(action)


@bp.app_template_global()
def moderation_may_act(item, action: str) -> bool:
    return may_act(item, action)


@bp.get("")
@login_required
def queue():
    permissions.require(permissions.can_open_moderation(current_user))
    filters, filter_form = _filters()
    page = queries.queue_page(current_user, filters)
    return render_page(
        "moderation/queue.html", "moderation/_queue.html",
        queue_page=page, filters=filters, filter_form=filter_form,
        forms={item.key: action_form(item) for item in page.items},
        languages=queries.reader_languages(current_user),
    )


def load_item(target_type: str, target_id: int) -> queries.QueueItem:
    """The item with its flags, when the reader may moderate it; 404 otherwise (other
    workspaces' items included, so that their ids cannot be probed)."""
    if not permissions.can_open_moderation(current_user):
        abort(403)
    target = get_target(target_type)
    item = queries.load_item(current_user, target, target_id) if target else None
    permissions.require(
        item is not None and permissions.can_moderate_in(current_user, item.partnership_id),
        hide=True,
    )
    return item


@bp.get("/items/<target_type>/<int:target_id>")
@login_required
def item(target_type: str, target_id: int):
    found = load_item(target_type, target_id)
    return _item_page(found, action_form(found))


def _item_page(found: queries.QueueItem, form: ActionForm, *, status: int = 200,
               error: str | None = None):
    return render_page(
        "moderation/item.html", status=status, item=found, form=form, error=error,
        actions=queries.actions_on(found.target, found.target_id),
    )


@bp.post("/items/<target_type>/<int:target_id>")
@login_required
def act(target_type: str, target_id: int):
    found = load_item(target_type, target_id)
    form = action_form(found, request.form)
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    if action == "suspend" and not permissions.can_suspend(current_user):
        abort(403)
    error = None
    if not form.validate():
        error = _("Please correct the marked fields.")
    elif not found.available(action):
        error = _("This action is not possible for this item any more.")
    elif action == "suspend" and not form.days.data:
        form.days.errors = [_("Please give the length of the suspension in days.")]
        error = _("Please correct the marked fields.")
    else:
        try:
            if found.obj is None:
                row = services.dismiss_gone(current_user, found.target, found.first,
                                            reason_code=form.reason_code.data,
                                            reason=form.reason.data)
            else:
                row = services.act(
                    current_user, found.target, found.obj, action,
                    reason_code=form.reason_code.data, reason=form.reason.data,
                    days=form.days.data,
                )
        except services.ModerationError as err:
            error = str(err)
        else:
            db.session.commit()
            message = _("Done: %(action)s.", action=labels.action_label(row.action))
            return _after_action(target_type, target_id, message)
    if is_fragment_request():
        return render_fragment("moderation/_item_row.html", status=422, item=found, form=form,
                               error=error)
    return _item_page(found, form, status=422, error=error)


def _after_action(target_type: str, target_id: int, message: str):
    if not is_fragment_request():
        flash(message, "success")
        return redirect_to(url_for("moderation.queue"))
    target = get_target(target_type)
    found = queries.load_item(current_user, target, target_id)
    return render_fragment("moderation/_item_row.html", item=found,
                           form=action_form(found), done=message)


# --- flagging ---------------------------------------------------------------------------------

@bp.route("/flag/<target_type>/<int:target_id>", methods=["GET", "POST"])
@login_required
def flag(target_type: str, target_id: int):
    target = get_target(target_type)
    obj = target.load(target_id) if target else None
    permissions.require(obj is not None and target.can_view(current_user, obj), hide=True)
    permissions.require(permissions.can_flag(current_user, obj))
    back = target.url(obj) or url_for("core.home")
    earlier = services.existing_flag(current_user, target, target_id)
    form = FlagForm()
    status, error = 200, None
    if form.is_submitted():
        if earlier is not None:
            flash(str(services.AlreadyFlagged(earlier)), "info")
            return redirect_to(back)
        if not form.validate():
            status = 422
        elif not services.flag_allowed(current_user):
            status = 429
            error = _("You have flagged many things in a short time. Please wait a while and "
                      "try again; what you wrote is still here.")
        else:
            try:
                services.flag(current_user, target, obj, form.reason.data, form.note.data or "")
            except services.AlreadyFlagged as err:
                flash(str(err), "info")
                return redirect_to(back)
            db.session.commit()
            flash(_("Thank you. The moderators will review what you flagged."), "success")
            if not target.can_view(current_user, obj):
                back = url_for("core.home")  # hidden now: its page is gone for the reporter
            return redirect_to(back)
    return render_page(
        "moderation/flag.html", status=status, target=target, obj=obj, form=form,
        earlier=earlier, error=error, back=back, snapshot=target.snapshot(obj),
        reasons=REASONS,
    )


# The other views register themselves on `bp` when imported.
from hub.moderation import routes_log  # noqa: E402, F401

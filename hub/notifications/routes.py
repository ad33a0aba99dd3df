"""Notifications: the bell, the notifications page, mark read, e-mail preference, unsubscribe,
and the digest command (`flask --app hub notifications digest daily|weekly`)."""

from __future__ import annotations

import click
from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice

from hub import jobs, permissions
from hub.extensions import csrf, db
from hub.htmx import is_fragment_request, redirect_to, render_fragment, render_page, trigger
from hub.notifications import queries, services
from hub.notifications.models import Notification

bp = Blueprint("notifications", __name__, cli_group="notifications")
CHANGED = "notifications-changed"


class PreferenceForm(FlaskForm):
    notify_email = RadioField(
        _l("E-mail me about notifications"),
        choices=[
            SelectChoice("immediately", _l("Immediately, one e-mail each")),
            SelectChoice("daily", _l("Once a day, as a digest")),
            SelectChoice("weekly", _l("Once a week, as a digest")),
            SelectChoice("never", _l("Never (only here, in the hub)")),
        ],
    )
    submit = SubmitField(_l("Save preference"))


@bp.app_template_global()
def notification_text(n: Notification) -> str:
    """The notification as a sentence in the current (reader's or recipient's) language."""
    return services.describe(n)


@bp.app_template_global()
def unread_notification_count() -> int:
    return queries.unread_count(current_user)


def _page_arg() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


@bp.get("/notifications")
@login_required
def index():
    unread_only = request.args.get("show") == "unread"
    stmt = queries.notifications_of(current_user, unread_only=unread_only)
    page = _page_arg()
    items = list(
        db.session.scalars(stmt.offset((page - 1) * queries.PER_PAGE).limit(queries.PER_PAGE))
    )
    total = queries.count_of(stmt)
    form = PreferenceForm(formdata=None, notify_email=current_user.notify_email)
    return render_page(
        "notifications/index.html", "notifications/_list.html",
        notifications=items, list_page=page, pages=max(1, -(-total // queries.PER_PAGE)),
        total=total, unread_only=unread_only, form=form,
    )


@bp.get("/notifications/bell")
def bell():
    """The bell with the unread count; polled by htmx (and refreshed on `notifications-changed`)."""
    if not is_fragment_request():
        return redirect(url_for("notifications.index"), 303)
    if not current_user.is_authenticated:
        # Signed out in another tab: the bell goes away instead of redirecting the page.
        return render_fragment("notifications/_bell_gone.html")
    return render_fragment("notifications/_bell.html")


def _load(notification_id: int) -> Notification:
    n = db.session.get(Notification, notification_id)
    permissions.require(n is not None and permissions.can_view_notification(current_user, n),
                        hide=True)
    return n


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    n = _load(notification_id)
    services.mark_read(n)
    db.session.commit()
    if is_fragment_request():
        return trigger(render_fragment("notifications/_item.html", n=n), CHANGED)
    return redirect_to(url_for("notifications.index"))


@bp.post("/notifications/read-all")
@login_required
def mark_all_read():
    count = services.mark_all_read(current_user)
    db.session.commit()
    if count:
        flash(_("All notifications are marked as read."), "success")
    return redirect_to(url_for("notifications.index"))


@bp.post("/notifications/preferences")
@login_required
def preferences():
    form = PreferenceForm()
    if not form.validate_on_submit():
        return _index_with(form, status=422)
    services.set_email_preference(current_user, form.notify_email.data)
    db.session.commit()
    flash(_("Your e-mail preference has been saved."), "success")
    return redirect_to(url_for("notifications.index") + "#email-preference")


def _index_with(form: PreferenceForm, status: int):
    stmt = queries.notifications_of(current_user)
    items = list(db.session.scalars(stmt.limit(queries.PER_PAGE)))
    total = queries.count_of(stmt)
    return render_page(
        "notifications/index.html", status=status, notifications=items, list_page=1,
        pages=max(1, -(-total // queries.PER_PAGE)), total=total, unread_only=False, form=form,
    )


@bp.route("/notifications/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """One-click unsubscribe (RFC 8058): GET shows a confirmation button, POST unsubscribes.

    The signed token is the authority: it works signed out, and a mail client may POST
    "List-Unsubscribe=One-Click" to it without any page or cookie.
    """
    user = services.user_for_token(token)
    if user is None:
        abort(404)
    done = False
    if request.method == "POST":
        services.unsubscribe(user)
        db.session.commit()
        done = True
    response = make_response(render_page(
        "notifications/unsubscribe.html", token=token, email=user.email, done=done,
    ))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.cli.command("digest")
@click.argument("frequency", type=click.Choice(["daily", "weekly"]))
def digest_command(frequency: str) -> None:
    """Send the daily or weekly digest e-mails (run it from cron once a day / once a week)."""
    sent = services.send_digests(frequency)
    db.session.commit()
    jobs.run_ready()
    click.echo(f"{sent} digest e-mail(s) queued.")

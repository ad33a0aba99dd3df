"""Thread actions: follow/unfollow, mark the solution, pin and lock."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.forum import queries, services
from hub.forum.blueprint import bp, load_post, load_thread, post_url, thread_url
from hub.htmx import is_fragment_request, redirect_to, render_fragment


def _flag() -> bool:
    return request.form.get("value", "") in {"1", "true", "on", "yes"}


@bp.post("/p/<slug>/forum/<int:thread_id>/follow")
@login_required
def follow(thread_id: int):
    thread = load_thread(thread_id)
    permissions.require(permissions.can_follow_thread(current_user, thread), hide=True)
    if _flag():
        services.follow(thread, current_user)
        message = _("You follow this thread: you will be notified of new replies.")
    else:
        services.unfollow(thread, current_user)
        message = _("You no longer follow this thread.")
    db.session.commit()
    if is_fragment_request():
        return render_fragment(
            "forum/_follow.html", thread=thread, partnership=thread.partnership,
            following=queries.is_following(current_user, thread), announce=message,
        )
    flash(message, "success")
    return redirect_to(thread_url(thread))


@bp.post("/p/<slug>/forum/<int:thread_id>/solution")
@login_required
def mark_solution(thread_id: int):
    """value=<post id> marks that reply as the solution; an empty value clears it."""
    thread = load_thread(thread_id)
    permissions.require(permissions.can_mark_solution(current_user, thread))
    post_id = request.form.get("value", type=int)
    if post_id:
        post = load_post(thread, post_id)
        if post.is_deleted:
            return redirect_to(post_url(post))
        services.set_solution(thread, post, current_user)
        flash(_("The reply has been marked as the solution."), "success")
        target = post_url(post)
    else:
        services.set_solution(thread, None, current_user)
        flash(_("The thread has no marked solution any more."), "success")
        target = thread_url(thread)
    db.session.commit()
    return redirect_to(target)


@bp.post("/p/<slug>/forum/<int:thread_id>/pin")
@login_required
def pin(thread_id: int):
    thread = load_thread(thread_id)
    permissions.require(permissions.can_pin_lock(current_user, thread))
    services.set_pinned(thread, _flag(), current_user)
    db.session.commit()
    flash(_("The thread is pinned.") if thread.pinned else _("The thread is no longer pinned."),
          "success")
    return redirect_to(thread_url(thread))


@bp.post("/p/<slug>/forum/<int:thread_id>/lock")
@login_required
def lock(thread_id: int):
    thread = load_thread(thread_id)
    permissions.require(permissions.can_pin_lock(current_user, thread))
    services.set_locked(thread, _flag(), current_user)
    db.session.commit()
    flash(_("The thread is locked.") if thread.locked else _("The thread is open again."),
          "success")
    return redirect_to(thread_url(thread))

"""The forum blueprint and what its views share: loading the partnership, thread and post with
their visibility checked (404 for what the reader may not see), links, refusal messages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from hub import permissions
from hub.extensions import db
from hub.forum import queries
from hub.forum.models import Post, Thread
from hub.partnerships.models import Partnership

bp = Blueprint("forum", __name__)


@bp.url_value_preprocessor
def load_partnership(endpoint, values) -> None:
    """Workspace scoping in one place: an unknown or not yet approved partnership is a 404."""
    if values is None or "slug" not in values:
        return
    slug = values.pop("slug")
    partnership = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
    if partnership is None or not permissions.can_view_forum(current_user, partnership):
        abort(404)
    g.partnership = partnership


@bp.url_defaults
def add_slug(endpoint, values) -> None:
    """Links between forum pages of one partnership need not repeat its slug."""
    if "slug" in values or g.get("partnership") is None:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "slug"):
        values["slug"] = g.partnership.slug


def load_thread(thread_id: int) -> Thread:
    thread = db.session.scalar(queries.thread_by_id(g.partnership, thread_id))
    permissions.require(
        thread is not None and permissions.can_see_thread(current_user, thread), hide=True
    )
    return thread


def load_post(thread: Thread, post_id: int) -> Post:
    post = db.session.scalar(queries.post_in_thread(thread, post_id))
    if post is None:
        abort(404)
    return post


def thread_url(thread: Thread, page: int | None = None, anchor: str | None = None,
               **args) -> str:
    url = url_for(
        "forum.thread", slug=thread.partnership.slug, thread_id=thread.id,
        page=page if page and page > 1 else None, **args,
    )
    return url + (f"#{anchor}" if anchor else "")


def post_url(post: Post) -> str:
    """The post on its page of the thread."""
    page = queries.page_of_post(post.thread, post.id)
    return thread_url(post.thread, page, f"post-{post.id}")


def last_page_of(thread: Thread) -> int:
    total = queries.post_count(thread)
    return max(1, -(-total // queries.POSTS_PER_PAGE))


def refusal_message(blocker: str | None) -> str | None:
    messages = {
        "sign_in": _("Please sign in to reply."),
        "suspended": _("Your account is suspended: you cannot post at the moment."),
        "unverified": _("Please confirm your e-mail address before you post."),
        "locked": _("This thread is locked: no new replies."),
        "not_member": _("Only members of this partnership can reply to this thread."),
    }
    return messages.get(blocker) if blocker else None


def rate_limited_message() -> str:
    return _("You are posting very quickly. Please wait a minute and try again; "
             "your text is still here.")


def user_key() -> str:
    """Rate-limit key: the signed-in user, else the address."""
    from flask import request

    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return request.remote_addr or "unknown"

"""Forum pages: the thread lists, starting a thread and reading one.

Replies, previews, edits and reactions are in post_views.py; follow, solution, pin and lock in
thread_views.py. All of them hang on the one blueprint of blueprint.py.
"""

from __future__ import annotations

from flask import flash, g, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.forum import queries, services
from hub.forum.blueprint import (
    bp,
    load_thread,
    rate_limited_message,
    refusal_message,
    thread_url,
)
from hub.forum.forms import FilterForm, ReplyForm, ThreadForm
from hub.forum.models import Post
from hub.htmx import redirect_to, render_page
from hub.i18n import is_supported
from hub.notifications import services as notification_services
from hub.sanitize import render_markdown
from hub.taxonomy import THEMES


def _page_arg() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


def _filters(form: FilterForm) -> queries.Filters:
    return queries.Filters(
        theme=form.theme.data if form.theme.data in THEMES else None,
        language=form.language.data if is_supported(form.language.data) else None,
        status=form.status.data if form.status.data in queries.STATUSES else None,
        unread=form.show.data == "unread",
        mine=form.show.data == "mine",
    )


@bp.get("/p/<slug>/forum")
def index():
    """The partnership's threads: all of them for members, the public ones for everyone else."""
    p = g.partnership
    form = FilterForm(formdata=request.args)
    threads = queries.thread_page(
        current_user,
        partnership=p,
        include_private=permissions.can_see_private_threads(current_user, p),
        include_hidden=permissions.can_see_hidden(current_user, p.id),
        filters=_filters(form),
        page=_page_arg(),
    )
    return render_page(
        "forum/index.html", "forum/_thread_list.html",
        partnership=p, threads=threads, form=form, show_partnership=False,
    )


@bp.get("/forum")
def public_index():
    """Public discussions of every partnership, newest activity first."""
    form = FilterForm(formdata=request.args)
    threads = queries.thread_page(current_user, filters=_filters(form), page=_page_arg(),
                                  include_hidden=permissions.is_moderator(current_user))
    return render_page(
        "forum/public.html", "forum/_thread_list.html",
        partnership=None, threads=threads, form=form, show_partnership=True,
    )


@bp.route("/p/<slug>/forum/new", methods=["GET", "POST"])
@login_required
def new_thread():
    p = g.partnership
    permissions.require(permissions.is_member(current_user, p))
    form = ThreadForm()
    if request.method == "GET":
        form.language.data = current_user.locale if is_supported(current_user.locale) else "en"
    blocked = None if permissions.can_start_thread(current_user, p) else _(
        "Your account cannot start threads at the moment: please confirm your e-mail address, "
        "or wait until your suspension ends."
    )
    preview = None
    status = 200
    if form.is_submitted():
        if form.preview.data:
            preview = render_markdown(form.body.data)
        elif blocked:
            status = 422
        elif not form.validate():
            status = 422
        elif not services.posting_allowed(current_user):
            blocked, status = rate_limited_message(), 429
        else:
            try:
                thread = services.create_thread(
                    p, current_user, title=form.title.data, body=form.body.data,
                    theme=form.theme.data, language=form.language.data,
                    visibility=form.visibility.data,
                )
            except services.ForumError as error:
                form.body.errors = [*form.body.errors, str(error)]
                status = 422
            else:
                db.session.commit()
                flash(_("Your thread has been started."), "success")
                return redirect_to(thread_url(thread))
    return render_page(
        "forum/new_thread.html", status=status, partnership=p, form=form,
        preview=preview, blocked=blocked,
    )


def thread_context(thread, page: int, *, form: ReplyForm | None = None, preview=None,
                   error: str | None = None) -> dict:
    """Everything the thread page shows: a fixed number of statements, whatever its length."""
    total = queries.post_count(thread)
    pages = max(1, -(-total // queries.POSTS_PER_PAGE))
    page = min(max(1, page), pages)
    posts = queries.posts_page(thread, page)
    ids = [post.id for post in posts]
    authors = {post.author_id for post in posts if post.author_id}
    solution = db.session.get(Post, thread.solution_post_id) if thread.solution_post_id else None
    can_reply = permissions.can_reply(current_user, thread)
    if form is None and can_reply and page == pages:
        form = ReplyForm()
        form.language.data = current_user.locale if is_supported(current_user.locale) else "en"
    return {
        "partnership": thread.partnership,
        "thread": thread,
        "posts": posts,
        "post_page": page,
        "pages": pages,
        "total_posts": total,
        "reactions": queries.reaction_summary(ids, current_user),
        "badges": queries.member_badges(thread.partnership, authors),
        "read_before": queries.read_marker(current_user, thread),
        "following": queries.is_following(current_user, thread),
        "solution": solution if solution is not None and not solution.is_deleted else None,
        "after": ids[-1] if ids else 0,
        "is_last_page": page == pages,
        "form": form,
        "preview": preview,
        "reply_error": error,
        "blocker": permissions.reply_blocker(current_user, thread),
        "blocker_message": refusal_message(permissions.reply_blocker(current_user, thread)),
    }


@bp.get("/p/<slug>/forum/<int:thread_id>")
def thread(thread_id: int):
    thread = load_thread(thread_id)
    context = thread_context(thread, _page_arg())
    quote_id = request.args.get("quote", type=int)
    if quote_id and context["form"] is not None:
        quoted = db.session.scalar(queries.post_in_thread(thread, quote_id))
        if quoted is not None and not quoted.is_deleted:
            context["form"].body.data = services.quote_text(quoted)
    response = render_page("forum/thread.html", **context)
    if current_user.is_authenticated:
        # After rendering: a commit expires every loaded object, and reloading them one by one
        # would cost a query per post.
        if context["after"]:
            services.mark_read(current_user, thread, context["after"])
        notification_services.mark_thread_read(current_user, thread.id)
        db.session.commit()
    return response


@bp.get("/p/<slug>/forum/<int:thread_id>/unread")
def first_unread(thread_id: int):
    """Jump to the first post the reader has not seen (the last page when all are read)."""
    thread = load_thread(thread_id)
    post_id = queries.first_unread_post_id(thread, current_user)
    if post_id is None:
        total = queries.post_count(thread)
        return redirect(thread_url(thread, max(1, -(-total // queries.POSTS_PER_PAGE))), 303)
    page = queries.page_of_post(thread, post_id)
    return redirect(thread_url(thread, page, f"post-{post_id}"), 303)


# The other views register themselves on `bp` when imported.
from hub.forum import post_views, thread_views  # noqa: E402, F401

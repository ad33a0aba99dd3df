"""Posts: reply, live preview, new replies while reading, quote, edit, remove, react, history.

Each view answers a fragment to htmx and a page or a 303 to a plain browser.
"""

from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db, limiter
from hub.forum import queries, services
from hub.forum.blueprint import (
    bp,
    last_page_of,
    load_post,
    load_thread,
    post_url,
    rate_limited_message,
    refusal_message,
    thread_url,
    user_key,
)
from hub.forum.forms import EditPostForm, ReplyForm
from hub.forum.models import REACTION_KINDS
from hub.htmx import is_fragment_request, redirect_to, render_fragment, render_page
from hub.i18n import is_supported
from hub.moderation import services as moderation_services
from hub.sanitize import render_markdown

PREVIEW_LIMIT = "120 per minute"


def _after_arg(source) -> int:
    try:
        return max(0, int(source.get("after", 0)))
    except (TypeError, ValueError):
        return 0


# --- reply ----------------------------------------------------------------------------------

@bp.post("/p/<slug>/forum/<int:thread_id>/reply")
@login_required
def reply(thread_id: int):
    from hub.forum.routes import thread_context

    thread = load_thread(thread_id)
    blocker = permissions.reply_blocker(current_user, thread)
    if blocker == "not_member":
        abort(403)
    form = ReplyForm()
    if not is_supported(form.language.data):
        form.language.data = current_user.locale if is_supported(current_user.locale) else "en"
    preview, error, status = None, None, 200
    if form.preview.data:
        preview = render_markdown(form.body.data)
    elif blocker:
        error, status = refusal_message(blocker), 422
    elif not form.validate():
        status = 422
    elif not services.posting_allowed(current_user):
        error, status = rate_limited_message(), 429
    else:
        held = moderation_services.needs_approval(current_user, thread)
        try:
            post = services.add_reply(
                thread, current_user, body=form.body.data, language=form.language.data,
                held=held,
            )
        except services.ForumError as err:
            error, status = str(err), 422
        else:
            if held:
                moderation_services.hold_for_approval(post)
            db.session.commit()
            if held:
                flash(_("Thank you! Your reply waits for a moderator's approval: the first "
                        "posts of new accounts are checked before everyone can read them."),
                      "info")
            if not is_fragment_request():
                if not held:
                    flash(_("Your reply has been posted."), "success")
                return redirect_to(post_url(post))
            after = _after_arg(request.form)
            new_posts = queries.posts_after(thread, after) if after else [post]
            fresh = ReplyForm(formdata=None)
            fresh.language.data = form.language.data
            return render_fragment(
                "forum/_reply_posted.html",
                **_posts_context(thread, new_posts),
                form=fresh, after=new_posts[-1].id, posted=True,
            )
    if is_fragment_request():
        return render_fragment(
            "forum/_reply_form.html", status=status, thread=thread, partnership=thread.partnership,
            form=form, preview=preview, reply_error=error, after=_after_arg(request.form),
        )
    context = thread_context(thread, last_page_of(thread), form=form, preview=preview,
                             error=error)
    return render_page("forum/thread.html", status=status, **context)


def _posts_context(thread, posts) -> dict:
    ids = [post.id for post in posts]
    return {
        "thread": thread,
        "partnership": thread.partnership,
        "posts": posts,
        "reactions": queries.reaction_summary(ids, current_user),
        "badges": queries.member_badges(
            thread.partnership, {p.author_id for p in posts if p.author_id}
        ),
        "read_before": ids[-1] if ids else 0,
    }


@bp.get("/p/<slug>/forum/<int:thread_id>/reply-form")
@login_required
def reply_form(thread_id: int):
    """The reply box, optionally quoting a post (`?quote=<post id>`)."""
    thread = load_thread(thread_id)
    quote_id = request.args.get("quote", type=int)
    if not is_fragment_request():
        target = thread_url(thread, last_page_of(thread), "reply-box", quote=quote_id or None)
        return redirect(target, 303)
    permissions.require(permissions.can_reply(current_user, thread))
    form = ReplyForm(formdata=None)
    form.language.data = current_user.locale if is_supported(current_user.locale) else "en"
    if quote_id:
        quoted = load_post(thread, quote_id)
        if not quoted.is_deleted:
            form.body.data = services.quote_text(quoted)
    return render_fragment(
        "forum/_reply_form.html", thread=thread, partnership=thread.partnership, form=form,
        after=_after_arg(request.args), focus=True,
    )


# --- preview --------------------------------------------------------------------------------

def _preview_response():
    html = render_markdown(request.form.get("body", ""))
    return render_page("forum/preview.html", "forum/_preview.html", preview=html,
                       partnership=g.partnership)


@bp.post("/p/<slug>/forum/preview")
@login_required
@limiter.limit(PREVIEW_LIMIT, key_func=user_key)
def preview_new():
    """Live preview while starting a thread (members of the partnership only)."""
    permissions.require(permissions.is_member(current_user, g.partnership), hide=True)
    return _preview_response()


@bp.post("/p/<slug>/forum/<int:thread_id>/preview")
@login_required
@limiter.limit(PREVIEW_LIMIT, key_func=user_key)
def preview(thread_id: int):
    """Live preview of a reply or an edit."""
    thread = load_thread(thread_id)
    permissions.require(permissions.can_take_part(current_user))
    if thread.visibility != "public":
        permissions.require(permissions.is_member(current_user, thread.partnership))
    return _preview_response()


# --- new replies while reading ----------------------------------------------------------------

@bp.get("/p/<slug>/forum/<int:thread_id>/new")
def new_replies(thread_id: int):
    """Polled every few seconds: 204 while nothing new (htmx swaps nothing), else the banner."""
    thread = load_thread(thread_id)
    after = _after_arg(request.args)
    if not is_fragment_request():
        return redirect(thread_url(thread, last_page_of(thread)), 303)
    count, _newest = queries.new_posts_since(thread, after)
    known = request.args.get("known", 0, type=int)
    if count == known:
        response = make_response("", 204)
        response.vary.add("HX-Request")
        return response
    return render_fragment("forum/_new_replies.html", thread=thread, after=after, count=count)


@bp.get("/p/<slug>/forum/<int:thread_id>/posts")
def posts_since(thread_id: int):
    """The posts after `?after=`, appended to the page by the "N new replies — show" button."""
    thread = load_thread(thread_id)
    after = _after_arg(request.args)
    posts = queries.posts_after(thread, after)
    if not is_fragment_request():
        target = post_url(posts[0]) if posts else thread_url(thread, last_page_of(thread))
        return redirect(target, 303)
    context = _posts_context(thread, posts)
    context["read_before"] = after
    response = render_fragment(
        "forum/_posts_appended.html", **context, after=posts[-1].id if posts else after,
    )
    if current_user.is_authenticated and posts:
        services.mark_read(current_user, thread, posts[-1].id)
        db.session.commit()
    return response


# --- one post: show, edit, remove, react, history --------------------------------------------

@bp.get("/p/<slug>/forum/<int:thread_id>/posts/<int:post_id>")
def show_post(thread_id: int, post_id: int):
    """The post as a fragment (cancelling an edit), else a 303 to it on its page."""
    thread = load_thread(thread_id)
    post = load_post(thread, post_id)
    if not is_fragment_request():
        return redirect(post_url(post), 303)
    return render_fragment("forum/_post.html", post=post, **_one_post(thread, post))


def _one_post(thread, post) -> dict:
    context = _posts_context(thread, [post])
    context.pop("posts")
    context["read_before"] = post.id
    return context


@bp.route("/p/<slug>/forum/<int:thread_id>/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id)
    permissions.require(permissions.can_edit_post(current_user, post))
    form = EditPostForm(obj=post) if request.method == "GET" else EditPostForm()
    preview, status = None, 200
    if request.method == "POST":
        if form.preview.data:
            preview = render_markdown(form.body.data)
        elif not form.validate():
            status = 422
        else:
            try:
                changed = services.edit_post(post, current_user, form.body.data)
            except services.ForumError as err:
                form.body.errors = [*form.body.errors, str(err)]
                status = 422
            else:
                db.session.commit()
                if is_fragment_request():
                    return render_fragment("forum/_post.html", post=post,
                                           **_one_post(thread, post))
                if changed:
                    flash(_("Your changes have been saved."), "success")
                return redirect_to(post_url(post))
    return render_page(
        "forum/edit_post.html", "forum/_edit_form.html", status=status, thread=thread,
        partnership=thread.partnership, post=post, form=form, preview=preview,
    )


@bp.post("/p/<slug>/forum/<int:thread_id>/posts/<int:post_id>/delete")
@login_required
def delete_post(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id)
    permissions.require(permissions.can_delete_post(current_user, post))
    services.remove_post(post, current_user)
    db.session.commit()
    if is_fragment_request():
        return render_fragment("forum/_post.html", post=post, **_one_post(thread, post),
                               announce=_("The post has been removed."))
    flash(_("The post has been removed."), "success")
    return redirect_to(post_url(post))


@bp.post("/p/<slug>/forum/<int:thread_id>/posts/<int:post_id>/react")
@login_required
def react(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id)
    permissions.require(permissions.can_react(current_user, post))
    kind = request.form.get("value", "")
    if kind not in REACTION_KINDS:
        abort(400)
    services.toggle_reaction(post, current_user, kind)
    db.session.commit()
    if is_fragment_request():
        return render_fragment("forum/_reactions.html", post=post, **_one_post(thread, post))
    return redirect_to(post_url(post))


@bp.get("/p/<slug>/forum/<int:thread_id>/posts/<int:post_id>/history")
@login_required
def post_history(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id)
    permissions.require(permissions.can_view_post_history(current_user, post))
    return render_page(
        "forum/history.html", "forum/_history.html", thread=thread,
        partnership=thread.partnership, post=post, revisions=queries.revisions_of(post),
    )

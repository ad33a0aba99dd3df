"""Writes for the forum: validate, change, flush, notify — never commit (the view does).

Concurrency: a post's place is its id; the thread's `last_post_id` only ever moves forward by a
conditional UPDATE, and nothing else is counted in advance, so two replies at the same moment
are both stored, in order, and every count read afterwards is exact.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from limits import parse_many
from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db, limiter
from hub.forum import queries
from hub.forum.mentions import find_mentions
from hub.forum.models import (
    BODY_MAX,
    REACTION_KINDS,
    TITLE_MAX,
    VISIBILITIES,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    Thread,
    ThreadRead,
)
from hub.moderation.services import record_action
from hub.notifications.services import notify, url_context
from hub.partnerships.models import Partnership

POST_LIMIT = "6 per minute;60 per hour"
POST_LIMIT_NEW_ACCOUNT = "2 per minute;10 per hour"  # accounts younger than a day
NEW_ACCOUNT_AGE = timedelta(days=1)


class ForumError(ValueError):
    """A refused change; the message is translated and meant for the user."""


# --- validation (the forms say the same; services never trust their callers) -----------------

def clean_body(body: str | None) -> str:
    body = (body or "").replace("\r\n", "\n")
    if not body.strip():
        raise ForumError(_("Please write something before posting."))
    if len(body) > BODY_MAX:
        raise ForumError(
            _("A post can have at most %(max)s characters.", max=format_decimal(BODY_MAX))
        )
    return body


def clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ForumError(_("Please give the thread a title."))
    if len(title) > TITLE_MAX:
        raise ForumError(_("A title can have at most %(max)s characters.", max=TITLE_MAX))
    return title


# --- rate limits --------------------------------------------------------------------------------

def posting_limits(user: User) -> str:
    young = user.created_at is not None and utcnow() - user.created_at < NEW_ACCOUNT_AGE
    if young:
        return current_app.config.get("FORUM_POST_LIMIT_NEW_ACCOUNT", POST_LIMIT_NEW_ACCOUNT)
    return current_app.config.get("FORUM_POST_LIMIT", POST_LIMIT)


def posting_allowed(user: User) -> bool:
    """Count one post against the user's limits; False (and nothing counted) when over them."""
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    items = parse_many(posting_limits(user))
    key = f"forum-post:{user.id}"
    strategy = limiter.limiter
    if not all(strategy.test(item, key) for item in items):
        return False
    for item in items:
        strategy.hit(item, key)
    return True


# --- links --------------------------------------------------------------------------------------

def post_path(post: Post) -> str:
    """The post's stable address (it redirects to the post on its page of the thread)."""
    thread = post.thread
    with url_context():  # services also run from the CLI (demo data)
        return url_for(
            "forum.show_post", slug=thread.partnership.slug, thread_id=thread.id, post_id=post.id
        )


# --- threads and posts --------------------------------------------------------------------------

def create_thread(
    partnership: Partnership,
    author: User,
    *,
    title: str,
    body: str,
    theme: str,
    language: str,
    visibility: str,
) -> Thread:
    if visibility not in VISIBILITIES:
        raise ForumError(_("Please choose who can read the thread."))
    thread = Thread(
        partnership=partnership,
        author=author,
        title=clean_title(title),
        theme=theme,
        language=language,
        visibility=visibility,
        created_at=utcnow(),
        last_activity_at=utcnow(),
    )
    db.session.add(thread)
    db.session.flush()
    post = _add_post(thread, author, clean_body(body), language)
    follow(thread, author)
    _notify_mentions(thread, post, author, post.body)
    return thread


def add_reply(thread: Thread, author: User, *, body: str, language: str,
              held: bool = False) -> Post:
    """A reply; `held` replies (a new citizen account's first ones) wait for a moderator and
    are announced only when approved (publish_held_post)."""
    if thread.locked:
        raise ForumError(_("This thread is locked: no new replies."))
    post = _add_post(thread, author, clean_body(body), language, held=held)
    follow(thread, author)
    if not held:
        _announce(thread, post, author)
    return post


def _announce(thread: Thread, post: Post, author: User) -> None:
    mentioned = _notify_mentions(thread, post, author, post.body)
    for user in queries.followers(thread):
        if user.id != author.id and user.id not in mentioned:
            notify(
                user, "forum.reply", actor=author, subject=thread.title, url=post_path(post),
                partnership_id=thread.partnership_id, thread_id=thread.id,
                target_type="forum_post", target_id=post.id,
            )


def publish_held_post(post: Post) -> None:
    """A moderator approved a held reply: show it, move the thread on, tell the followers."""
    post.approval = "approved"
    db.session.flush()
    _move_thread_forward(post.thread, post.id, utcnow())
    if post.author is not None:
        _announce(post.thread, post, post.author)


def _add_post(thread: Thread, author: User, body: str, language: str,
              held: bool = False) -> Post:
    now = utcnow()
    post = Post(thread=thread, author=author, body=body, language=language, created_at=now,
                approval="pending" if held else "approved")
    db.session.add(post)
    db.session.flush()
    if not held:
        _move_thread_forward(thread, post.id, now)
    return post


def _move_thread_forward(thread: Thread, post_id: int, now) -> None:
    db.session.execute(
        update(Thread)
        .where(
            Thread.id == thread.id,
            or_(Thread.last_post_id.is_(None), Thread.last_post_id < post_id),
        )
        .values(last_post_id=post_id, last_activity_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(thread, ["last_post_id", "last_activity_at"])


def _notify_mentions(thread: Thread, post: Post, author: User, text: str,
                     already: str = "") -> set[int]:
    """Notify the members named in `text` (and not already in `already`); their ids."""
    if "@" not in text:
        return set()
    candidates = queries.mention_candidates(thread)
    before = {u.id for u in find_mentions(already, candidates)} if already else set()
    notified = set()
    for user in find_mentions(text, candidates):
        if user.id == author.id or user.id in before:
            continue
        notify(
            user, "forum.mention", actor=author, subject=thread.title, url=post_path(post),
            partnership_id=thread.partnership_id, thread_id=thread.id,
            target_type="forum_post", target_id=post.id,
        )
        notified.add(user.id)
    return notified


def edit_post(post: Post, editor: User, body: str) -> bool:
    """Change the text, keeping the old one as a revision. False when nothing changed."""
    body = clean_body(body)
    if body == post.body:
        return False
    old = post.body
    db.session.add(
        PostRevision(post_id=post.id, body=old, editor_id=editor.id, created_at=utcnow())
    )
    post.body = body
    post.edited_at = utcnow()
    db.session.flush()
    if post.is_approved:
        _notify_mentions(post.thread, post, editor, body, already=old)
    return True


def remove_post(post: Post, actor: User) -> None:
    """Soft delete: the post shows as "post removed"; its text stays for the revision record."""
    post.deleted_at = utcnow()
    post.deleted_by_id = actor.id
    thread = post.thread
    if thread.solution_post_id == post.id:
        thread.solution_post_id = None
    if post.author_id != actor.id:
        record_action(
            actor, "forum.remove_post", "forum_post", post.id, thread.title,
            partnership_id=thread.partnership_id,
        )
    db.session.flush()


def toggle_reaction(post: Post, user: User, kind: str) -> bool:
    """Add or take back a reaction; True when the user now has it."""
    if kind not in REACTION_KINDS:
        raise ForumError(_("Unknown reaction."))
    existing = db.session.scalar(
        select(Reaction).where(
            Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
        )
    )
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
        return False
    try:
        with db.session.begin_nested():
            db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
    except IntegrityError:
        pass  # the same click arrived twice: it is there
    return True


def set_solution(thread: Thread, post: Post | None, actor: User) -> None:
    thread.solution_post_id = post.id if post is not None else None
    db.session.flush()
    if post is not None and post.author is not None:
        notify(
            post.author, "forum.solution", actor=actor, subject=thread.title, url=post_path(post),
            partnership_id=thread.partnership_id, thread_id=thread.id,
            target_type="forum_post", target_id=post.id,
        )


def set_pinned(thread: Thread, pinned: bool, actor: User) -> None:
    if thread.pinned != pinned:
        thread.pinned = pinned
        record_action(actor, "forum.pin" if pinned else "forum.unpin", "forum_thread",
                      thread.id, thread.title, partnership_id=thread.partnership_id)
    db.session.flush()


def set_locked(thread: Thread, locked: bool, actor: User) -> None:
    if thread.locked != locked:
        thread.locked = locked
        record_action(actor, "forum.lock" if locked else "forum.unlock", "forum_thread",
                      thread.id, thread.title, partnership_id=thread.partnership_id)
    db.session.flush()


# --- following and reading ---------------------------------------------------------------------

def follow(thread: Thread, user: User) -> None:
    if queries.is_following(user, thread):
        return
    try:
        with db.session.begin_nested():
            db.session.add(Subscription(thread_id=thread.id, user_id=user.id))
    except IntegrityError:
        pass  # followed in a parallel request


def unfollow(thread: Thread, user: User) -> None:
    db.session.execute(
        delete(Subscription).where(
            Subscription.thread_id == thread.id, Subscription.user_id == user.id
        )
    )


def mark_read(user: User, thread: Thread, up_to_post_id: int) -> None:
    """Move the user's read marker forward to `up_to_post_id` (never back). One statement."""
    values = {
        "user_id": user.id, "thread_id": thread.id,
        "last_read_post_id": up_to_post_id, "read_at": utcnow(),
    }
    dialect = db.session.get_bind().dialect.name
    if dialect not in {"sqlite", "postgresql"}:  # pragma: no cover - other engines
        row = db.session.scalar(
            select(ThreadRead).where(ThreadRead.user_id == user.id,
                                     ThreadRead.thread_id == thread.id)
        )
        if row is None:
            db.session.add(ThreadRead(**values))
        elif row.last_read_post_id < up_to_post_id:
            row.last_read_post_id = up_to_post_id
        db.session.flush()
        return
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    stmt = insert(ThreadRead).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "thread_id"],
        set_={
            "last_read_post_id": stmt.excluded.last_read_post_id,
            "read_at": stmt.excluded.read_at,
        },
        where=ThreadRead.last_read_post_id < stmt.excluded.last_read_post_id,
    )
    db.session.execute(stmt)


def quote_text(post: Post) -> str:
    """Markdown that quotes `post`, for the reply box."""
    name = post.author.display_name if post.author else _("a former member")
    lines = "\n".join("> " + line if line else ">" for line in post.body.splitlines())
    return _("%(name)s wrote:", name=name) + "\n" + lines + "\n\n"

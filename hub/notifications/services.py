"""Notifications: an in-app row for every event, and e-mail as the recipient prefers.

`notify(user, kind, …)` is what other features call. The e-mail goes out in the recipient's
language: at once ("immediately"), in the next daily or weekly digest, or never. Every e-mail
carries a one-click unsubscribe link (a signed token that works without signing in).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update

from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db
from hub.notifications.models import EMAIL_PREFERENCES, Notification
from hub.outbox.services import queue_email_to

UNSUBSCRIBE_SALT = "hub.notifications.unsubscribe"


# --- messages, rendered in the reader's language when they are shown --------------------------

def _reply(n: Notification) -> str:
    return _("%(actor)s replied to “%(subject)s”", actor=n.actor_name, subject=n.subject)


def _mention(n: Notification) -> str:
    return _("%(actor)s mentioned you in “%(subject)s”", actor=n.actor_name, subject=n.subject)


def _solution(n: Notification) -> str:
    return _(
        "%(actor)s marked your reply in “%(subject)s” as the solution",
        actor=n.actor_name, subject=n.subject,
    )


KINDS: dict[str, Callable[[Notification], str]] = {
    "forum.reply": _reply,
    "forum.mention": _mention,
    "forum.solution": _solution,
}


def register_kind(kind: str, describe: Callable[[Notification], str]) -> None:
    """Other features add their own kinds: `describe(n)` returns the translated sentence."""
    KINDS[kind] = describe


def describe(n: Notification) -> str:
    func = KINDS.get(n.kind)
    return func(n) if func else n.subject


# --- writing ----------------------------------------------------------------------------------

def notify(
    user: User,
    kind: str,
    *,
    actor: User | None = None,
    subject: str = "",
    url: str = "",
    partnership_id: int | None = None,
    thread_id: int | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
) -> Notification | None:
    """Tell `user` about something: an in-app notification and, per preference, an e-mail.

    Nobody is notified of their own doing, nor after deleting their account. Flushes.
    """
    if user.deleted_at is not None or (actor is not None and actor.id == user.id):
        return None
    n = Notification(
        user_id=user.id,
        kind=kind,
        actor_id=actor.id if actor is not None else None,
        actor_name=(actor.display_name if actor is not None else "")[:80],
        subject=(subject or "")[:255],
        url=url[:500],
        partnership_id=partnership_id,
        thread_id=thread_id,
        target_type=target_type,
        target_id=target_id,
        created_at=utcnow(),
    )
    preference = user.notify_email or "immediately"
    if not user.is_verified or preference == "never":
        n.email_status = "none"
    elif preference in {"daily", "weekly"}:
        n.email_status = "digest"
    else:
        n.email_status = "sent"
    db.session.add(n)
    db.session.flush()
    if n.email_status == "sent":
        with url_context():
            links = email_links(user)
            queue_email_to(
                user, "notification",
                reader=user, notification=n, link=absolute(n.url),
                headers=unsubscribe_headers(links), **links,
            )
    return n


def mark_read(n: Notification) -> None:
    if n.read_at is None:
        n.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount or 0


def mark_thread_read(user: User, thread_id: int) -> None:
    """Reading a thread settles the notifications that pointed at it."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.user_id == user.id,
            Notification.thread_id == thread_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
    )


def set_email_preference(user: User, preference: str) -> None:
    if preference not in EMAIL_PREFERENCES:
        raise ValueError(preference)
    user.notify_email = preference
    if preference in {"immediately", "never"}:
        # What waited for a digest will not be e-mailed any more (it stays in the app).
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == user.id, Notification.email_status == "digest")
            .values(email_status="none")
        )
    db.session.flush()


# --- digests ----------------------------------------------------------------------------------

def send_digests(frequency: str) -> int:
    """One e-mail per user who chose `frequency` ("daily"/"weekly") and has unread news.

    Notifications already read in the app are not e-mailed again. Returns the number of e-mails.
    """
    if frequency not in {"daily", "weekly"}:
        raise ValueError(frequency)
    rows = db.session.execute(
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(
            Notification.email_status == "digest",
            User.notify_email == frequency,
            User.deleted_at.is_(None),
        )
        .order_by(User.id, Notification.id)
    ).all()
    by_user: dict[int, tuple[User, list[Notification]]] = {}
    for n, user in rows:
        by_user.setdefault(user.id, (user, []))[1].append(n)
    sent = 0
    with url_context():
        for user, items in by_user.values():
            unread = [n for n in items if n.read_at is None]
            if unread:
                links = email_links(user)
                queue_email_to(
                    user, "digest",
                    reader=user, notifications=unread, frequency=frequency,
                    links={n.id: absolute(n.url) for n in unread},
                    notifications_url=absolute(url_for("notifications.index")),
                    headers=unsubscribe_headers(links), **links,
                )
                sent += 1
            for n in items:
                n.email_status = "digested"
    db.session.flush()
    return sent


# --- links and the unsubscribe token ------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User) -> str:
    return _serializer().dumps({"u": user.id})


def user_for_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    return user if user is not None and user.deleted_at is None else None


def unsubscribe(user: User) -> None:
    set_email_preference(user, "never")


def absolute(path: str) -> str:
    return current_app.config["HUB_BASE_URL"].rstrip("/") + (path or "/")


def email_links(user: User) -> dict[str, str]:
    return {
        "unsubscribe_url": absolute(
            url_for("notifications.unsubscribe", token=unsubscribe_token(user))
        ),
        "preferences_url": absolute(url_for("notifications.index") + "#email-preference"),
    }


def unsubscribe_headers(links: dict[str, str]) -> dict[str, str]:
    """One-click unsubscribe for mail clients (RFC 2369 and RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def url_context():
    """url_for needs a request: CLI commands (digests, demo data) get one for the base URL."""
    if has_request_context():
        return nullcontext()
    return current_app.test_request_context(base_url=current_app.config["HUB_BASE_URL"])

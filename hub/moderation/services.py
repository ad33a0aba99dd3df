"""Writes for moderation and administration: the audit log (it only ever grows), flags, the
automatic hiding of much-flagged content, new accounts' first posts, and the queue's actions.

Services flush, never commit (the view does).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from limits import parse_many
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.db import utcnow
from hub.extensions import db, limiter
from hub.moderation import notices
from hub.moderation.models import APPROVAL, REASONS, Flag, ModerationAction
from hub.moderation.targets import Target, get_target
from hub.notifications.services import url_context

FLAG_LIMIT = "10 per hour;40 per day"
RESOLVING = {"dismiss": "dismissed", "hide": "hidden", "restore": "restored",
             "delete": "deleted", "approve": "approved", "reject": "rejected"}
MAX_SUSPENSION_DAYS = 365


class ModerationError(ValueError):
    """A refused change; the message is translated and meant for the user."""


class AlreadyFlagged(ModerationError):
    def __init__(self, flag: Flag) -> None:
        super().__init__(_("You have already flagged this, on %(date)s. Thank you: the "
                           "moderators will look at it.", date=flag.created_at.date().isoformat()))
        self.flag = flag


def record_action(
    actor,
    action: str,
    target_type: str,
    target_id: int | None,
    target_label: str,
    reason: str = "",
    partnership_id: int | None = None,
    *,
    subject_user_id: int | None = None,
    reason_code: str = "",
    until: datetime | None = None,
) -> ModerationAction:
    """Append one row to the audit log ("town.create", "moderation.hide" …). Flushes.

    Actor and target are copied by id and name, so the row outlives both of them.
    """
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    row = ModerationAction(
        actor_id=actor.id if signed_in else None,
        actor_name=(actor.display_name if signed_in else "system")[:80],
        action=action[:40],
        target_type=target_type[:40],
        target_id=target_id,
        target_label=(target_label or "")[:255],
        partnership_id=partnership_id,
        reason=reason or "",
        subject_user_id=subject_user_id,
        reason_code=(reason_code or "")[:20],
        until=until,
        created_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    return row


def notice_path(row: ModerationAction) -> str:
    with url_context():
        return url_for("moderation.notice", action_id=row.id)


# --- flags ----------------------------------------------------------------------------------

def flag_allowed(user) -> bool:
    """Count one flag against the user's limits; False (and nothing counted) when over them."""
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    items = parse_many(current_app.config.get("HUB_FLAG_LIMIT", FLAG_LIMIT))
    key = f"moderation-flag:{user.id}"
    if not all(limiter.limiter.test(item, key) for item in items):
        return False
    for item in items:
        limiter.limiter.hit(item, key)
    return True


def existing_flag(user, target: Target, target_id: int) -> Flag | None:
    return db.session.scalar(
        select(Flag).where(Flag.target_type == target.key, Flag.target_id == target_id,
                           Flag.reporter_id == user.id)
    )


def _new_flag(target: Target, obj, reason: str, **fields) -> Flag:
    author = target.author(obj)
    return Flag(
        target_type=target.key, target_id=obj.id, partnership_id=target.partnership_id(obj),
        author_id=author.id if author else None,
        author_name=(author.display_name if author else "")[:80],
        reason=reason, language=target.language(obj)[:8], label=target.label(obj),
        snapshot=target.snapshot(obj), created_at=utcnow(), **fields,
    )


def flag(reporter, target: Target, obj, reason: str, note: str = "") -> Flag:
    """Store one person's report, with a snapshot of the content; hide it when enough
    different people flagged it. Raises AlreadyFlagged on a second report of the same item."""
    if reason not in REASONS:
        raise ModerationError(_("Please choose why you flag this."))
    earlier = existing_flag(reporter, target, obj.id)
    if earlier is not None:
        raise AlreadyFlagged(earlier)
    row = _new_flag(target, obj, reason, reporter_id=reporter.id,
                    reporter_name=reporter.display_name[:80], note=(note or "").strip())
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # the same report sent twice at once
        raise AlreadyFlagged(existing_flag(reporter, target, obj.id)) from None
    maybe_autohide(target, obj)
    return row


def autohide_threshold() -> int:
    return int(current_app.config.get("HUB_AUTOHIDE_FLAGS", 3))


def open_flags(target: Target, target_id: int) -> list[Flag]:
    return list(db.session.scalars(
        select(Flag).where(Flag.target_type == target.key, Flag.target_id == target_id,
                           Flag.resolved_at.is_(None)).order_by(Flag.id)
    ))


def top_reason(flags: list[Flag]) -> str:
    counts: dict[str, int] = {}
    for f in flags:
        if f.reason in REASONS:
            counts[f.reason] = counts.get(f.reason, 0) + 1
    return max(counts, key=lambda r: (counts[r], -list(REASONS).index(r))) if counts else "other"


def maybe_autohide(target: Target, obj) -> bool:
    """Hide the item pending review once HUB_AUTOHIDE_FLAGS different people flagged it, and
    tell its author why. True when it was hidden now."""
    if not target.hideable or target.is_hidden(obj) or target.is_gone(obj):
        return False
    flags = [f for f in open_flags(target, obj.id) if f.reporter_id is not None]
    if len({f.reporter_id for f in flags}) < max(1, autohide_threshold()):
        return False
    reason = top_reason(flags)
    target.hide(obj, None)
    author = target.author(obj)
    row = record_action(
        None, "moderation.autohide", target.audit_type, obj.id, target.label(obj),
        reason=str(len(flags)), partnership_id=target.partnership_id(obj),
        subject_user_id=author.id if author else None, reason_code=reason,
    )
    notices.tell(author, "autohidden", reason, actor=None, subject=target.label(obj),
                 url=notice_path(row), partnership_id=target.partnership_id(obj),
                 target=(target.audit_type, obj.id))
    return True


# --- new accounts' first posts --------------------------------------------------------------

def needs_approval(user, thread) -> bool:
    """The first HUB_NEW_ACCOUNT_APPROVALS posts of a citizen account (no membership, no site
    role) in public threads wait for a moderator."""
    from hub.forum.models import Post

    limit = int(current_app.config.get("HUB_NEW_ACCOUNT_APPROVALS", 2))
    if limit <= 0 or thread.visibility != "public" or permissions.is_moderator(user):
        return False
    if any(m.is_active for m in permissions.memberships_of(user).values()):
        return False
    approved = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == user.id, Post.approval == "approved")
    ) or 0
    return approved < limit


def hold_for_approval(post) -> Flag:
    """Put a held post in the queue (a flag without reporter, with the content's snapshot)."""
    row = _new_flag(get_target("post"), post, APPROVAL, reporter_name="")
    db.session.add(row)
    db.session.flush()
    return row


# --- the queue's actions --------------------------------------------------------------------

def clean_days(days) -> int:
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ModerationError(_("Please give the length of the suspension in days.")) from None
    if not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise ModerationError(_("A suspension lasts from 1 to %(max)s days.",
                                max=MAX_SUSPENSION_DAYS))
    return days


def act(actor, target: Target, obj, action: str, *, reason_code: str, reason: str,
        days: int | None = None) -> ModerationAction:
    """Carry out one of the queue's actions with its reason; settle the open flags it decides;
    log it; tell the author. Raises ModerationError when the action is not possible."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Please give a reason: it goes to the audit log."))
    if reason_code not in REASONS:
        raise ModerationError(_("Please choose the rule this is about."))
    if not target.available(obj, action):
        raise ModerationError(_("This action is not possible for this item any more."))
    if action == "suspend" and not permissions.can_suspend(actor):
        raise ModerationError(_("Only the hub's moderators suspend accounts."))
    label, partnership_id, target_id = target.label(obj), target.partnership_id(obj), obj.id
    obj_id = obj.id
    author = target.author(obj)
    until = None
    if action in {"dismiss", "restore"}:
        if target.hideable and target.is_hidden(obj):
            target.restore(obj)
    elif action == "hide":
        target.hide(obj, actor)
    elif action == "delete":
        target.delete(obj, actor)
    elif action == "approve":
        from hub.forum.services import publish_held_post

        publish_held_post(obj)
    elif action == "reject":
        obj.approval = "rejected"
    elif action == "lock":
        thread = target.thread_of(obj)
        thread.locked = True
        author = thread.author
        label, target_id = thread.title[:255], thread.id
    elif action == "suspend":
        if author is None:
            raise ModerationError(_("This item has no author any more."))
        until = utcnow() + timedelta(days=clean_days(days))
        if author.suspended_until is None or author.suspended_until < until:
            author.suspended_until = until
    if action in RESOLVING:
        resolve(target, obj_id, RESOLVING[action], actor)
    audit_type = "forum_thread" if action == "lock" else target.audit_type
    row = record_action(
        actor, f"moderation.{action}", audit_type, target_id, label, reason=reason,
        partnership_id=partnership_id, subject_user_id=author.id if author else None,
        reason_code=reason_code, until=until,
    )
    notice = notices.ACTION_NOTICES.get(action)
    if notice:
        notices.tell(author, notice, reason_code, actor=actor, subject=label,
                     url=notice_path(row), partnership_id=partnership_id,
                     target=(audit_type, target_id))
    db.session.flush()
    return row


def dismiss_gone(actor, target: Target, flag: Flag, *, reason_code: str,
                 reason: str) -> ModerationAction:
    """Settle the flags of an item that no longer exists (only its snapshot is left)."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Please give a reason: it goes to the audit log."))
    resolve(target, flag.target_id, "dismissed", actor)
    return record_action(
        actor, "moderation.dismiss", target.audit_type, flag.target_id, flag.label,
        reason=reason, partnership_id=flag.partnership_id, subject_user_id=flag.author_id,
        reason_code=reason_code if reason_code in REASONS else "other",
    )


def resolve(target: Target, target_id: int, resolution: str, actor) -> int:
    result = db.session.execute(
        update(Flag)
        .where(Flag.target_type == target.key, Flag.target_id == target_id,
               Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolution=resolution,
                resolved_by_id=actor.id if actor is not None else None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0

"""Reads for notifications: the bell's count and the notifications page."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from hub.extensions import db
from hub.notifications.models import Notification

PER_PAGE = 30


def unread_count(user) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    ) or 0


def notifications_of(user, *, unread_only: bool = False) -> Select:
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.id.desc())


def count_of(stmt: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0

"""In-app notifications: one row per recipient and event, the bell counts the unread ones.

The row keeps what the message needs (kind, actor's name, subject, link) so it can be rendered
later, in the reader's language, without loading the thing it talks about.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db

EMAIL_PREFERENCES = ("immediately", "daily", "weekly", "never")
# email_status: "sent" (e-mailed on its own), "digest" (waits for the next digest),
# "digested" (went out in a digest), "none" (not e-mailed: preference "never" or not verified).


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_user_read", "user_id", "read_at"),
        Index("ix_notification_email_status", "email_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))  # "forum.reply", "forum.mention" …
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(80), default="")
    subject: Mapped[str] = mapped_column(String(255), default="")
    url: Mapped[str] = mapped_column(String(500), default="")  # a local path
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    thread_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_status: Mapped[str] = mapped_column(String(16), default="none")

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

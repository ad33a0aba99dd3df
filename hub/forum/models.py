"""The know-how exchange forum: threads, posts and their edit history, reactions, follows, reads.

No denormalised counters: reply and reaction counts are counted in SQL when a page is read, so
two people replying at the same moment can never leave a wrong number behind. The thread keeps
only `last_post_id` and `last_activity_at` for sorting, and services move them forward with a
single conditional UPDATE (never backwards).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.partnerships.models import Partnership

VISIBILITIES = ("members", "public")
REACTION_KINDS = ("helpful", "thanks")
TITLE_MAX = 200
BODY_MAX = 50_000


class Thread(db.Model):
    __tablename__ = "forum_thread"
    __table_args__ = (
        Index("ix_forum_thread_partnership_activity", "partnership_id", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    theme: Mapped[str] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    visibility: Mapped[str] = mapped_column(String(16), default="members", index=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Plain integers, not foreign keys: posts point at their thread, and a cycle of foreign keys
    # would make inserts and deletes depend on the order SQLAlchemy picks.
    solution_post_id: Mapped[int | None] = mapped_column(Integer)
    last_post_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Hidden by moderation (flagged by several people, or by a moderator): only the author,
    # the partnership's coordinators and the hub's moderators still see it.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partnership: Mapped[Partnership] = relationship()
    author: Mapped[User | None] = relationship()

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def status(self) -> str:
        if self.locked:
            return "locked"
        return "solved" if self.solution_post_id else "open"

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.title!r}>"


class Post(db.Model):
    __tablename__ = "forum_post"
    __table_args__ = (Index("ix_forum_post_thread_id_id", "thread_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_thread.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)  # Markdown source, rendered by hub/sanitize.py
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # hidden by moderation
    # "approved"; "pending" while a new citizen account's first posts wait for a moderator;
    # "rejected" when the moderator refused it. Only approved posts are shown to everyone.
    approval: Mapped[str] = mapped_column(String(16), default="approved",
                                          server_default="approved")

    thread: Mapped[Thread] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_approved(self) -> bool:
        return self.approval == "approved"

    def __repr__(self) -> str:
        return f"<Post {self.id} in thread {self.thread_id}>"


class PostRevision(db.Model):
    """The text a post had before an edit (the current text lives on the post)."""

    __tablename__ = "forum_post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("forum_post.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User | None] = relationship()


class Reaction(db.Model):
    __tablename__ = "forum_reaction"
    __table_args__ = (UniqueConstraint("post_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # helpful / thanks
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(db.Model):
    """The user follows the thread: new replies are notified."""

    __tablename__ = "forum_subscription"
    __table_args__ = (UniqueConstraint("thread_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_thread.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThreadRead(db.Model):
    """How far the user has read a thread: posts with a higher id are new to them."""

    __tablename__ = "forum_thread_read"
    __table_args__ = (UniqueConstraint("user_id", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("forum_thread.id", ondelete="CASCADE"), index=True
    )
    last_read_post_id: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

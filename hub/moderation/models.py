"""Moderation records: the append-only audit log of moderation and admin work, and flags.

Neither table has foreign keys: deleting a user or a piece of content never deletes its log
rows or the reports about it, and a flag keeps a snapshot of the content as it was when it was
flagged (shown to moderators even after the author edited or deleted it).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import UTCDateTime, utcnow
from hub.extensions import db

# Why people flag something (the codes are stored; the labels are shown in the reader's language).
REASONS = {
    "spam": _l("Spam or advertising"),
    "abusive": _l("Abusive, hateful or harassing"),
    "off_topic": _l("Off-topic"),
    "personal_data": _l("Personal data of someone else"),
    "other": _l("Something else"),
}
# A reason only the hub itself gives: the first posts of a new citizen account wait for approval.
APPROVAL = "approval"
REASON_LABELS = {**REASONS, APPROVAL: _l("First posts of a new account")}
# How a set of flags was settled.
RESOLUTIONS = ("dismissed", "hidden", "restored", "deleted", "approved", "rejected")


class ModerationAction(db.Model):
    __tablename__ = "moderation_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign keys with cascades: deleting a user or content never deletes its log rows.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_name: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    target_label: Mapped[str] = mapped_column(String(255), default="")
    partnership_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The person the action concerns (the author of the content, the suspended user …): their
    # moderation history and the notice they are sent. A copy of the id, never a foreign key.
    subject_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reason_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)  # end of a suspension
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(ModerationAction, "before_update")
@event.listens_for(ModerationAction, "before_delete")
def _append_only(mapper, connection, target) -> None:  # noqa: ARG001
    raise RuntimeError("the audit log is append-only")


class Flag(db.Model):
    """One person's report about one item, or the hub's own request for approval (no reporter).

    An item is "open" in the queue while it has flags without `resolved_at`.
    """

    __tablename__ = "moderation_flag"
    __table_args__ = (
        UniqueConstraint("target_type", "target_id", "reporter_id"),
        Index("ix_moderation_flag_queue", "resolved_at", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(20))  # post/thread/document/posting/user
    target_id: Mapped[int] = mapped_column(Integer)
    partnership_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_name: Mapped[str] = mapped_column(String(80), default="")
    reporter_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reporter_name: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="")  # the content's language
    label: Mapped[str] = mapped_column(String(255), default="")
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_by_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def is_system(self) -> bool:
        return self.reason == APPROVAL

    def __repr__(self) -> str:
        return f"<Flag {self.id} {self.target_type}:{self.target_id} {self.reason}>"

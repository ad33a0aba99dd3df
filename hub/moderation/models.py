"""Moderation records. ModerationAction: the append-only audit log of moderation and admin work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import UTCDateTime, utcnow
from hub.extensions import db


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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@event.listens_for(ModerationAction, "before_update")
@event.listens_for(ModerationAction, "before_delete")
def _append_only(mapper, connection, target) -> None:  # noqa: ARG001
    raise RuntimeError("the audit log is append-only")

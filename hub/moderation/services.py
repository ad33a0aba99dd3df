"""Writes for moderation and administration. The audit log only ever grows."""

from __future__ import annotations

from hub.extensions import db
from hub.moderation.models import ModerationAction


def record_action(
    actor,
    action: str,
    target_type: str,
    target_id: int | None,
    target_label: str,
    reason: str = "",
    partnership_id: int | None = None,
) -> ModerationAction:
    """Append one row to the audit log ("town.create", "user.set_role" …). Flushes, never commits.

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
    )
    db.session.add(row)
    db.session.flush()
    return row

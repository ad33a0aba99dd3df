"""Writes for placements: agreed dates and objectives, the participant's report and the host's
evaluation (both written: the placement is completed), and the nomination as a good practice.
Like services.py: flush, never commit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from hub.accounts.models import User
from hub.db import utcnow
from hub.exchange.models import Placement, PlacementReport
from hub.exchange.notices import coordinators_of, placement_path, tell
from hub.extensions import db


def _both_sides(placement: Placement) -> list[User]:
    people = [placement.participant]
    people += coordinators_of(placement.partnership_id, placement.sending_town_id)
    people += coordinators_of(placement.partnership_id, placement.host_town_id)
    return [u for u in people if u is not None]


def update_placement(placement: Placement, editor: User, *, start_on: date, end_on: date,
                     objectives: str) -> None:
    placement.start_on, placement.end_on = start_on, end_on
    placement.objectives = objectives.strip()
    placement.updated_at = utcnow()
    db.session.flush()
    tell(_both_sides(placement), "exchange.placement_changed", editor, placement.posting.title,
          placement_path(placement), placement.partnership_id, ("exchange_placement", placement.id))


def write_report(placement: Placement, author: User, *, role: str, learned: str,
                 apply_at_home: str, language: str) -> PlacementReport:
    """The participant's report or the host's evaluation; both written: the placement is done."""
    now = utcnow()
    values = {"author_id": author.id, "learned": learned.strip(),
              "apply_at_home": apply_at_home.strip(), "language": language, "updated_at": now}
    report = placement.report(role)
    if report is None:
        report = PlacementReport(role=role, created_at=now, **values)
        placement.reports.append(report)
    else:
        for name, value in values.items():
            setattr(report, name, value)
    if placement.completed_at is None and {r.role for r in placement.reports} == {
        "participant", "host"
    }:
        placement.completed_at = now
    db.session.flush()
    tell(_both_sides(placement), "exchange.report_written", author, placement.posting.title,
          placement_path(placement), placement.partnership_id, ("exchange_placement", placement.id))
    return report


def nominate(placement: Placement, coordinator: User, note: str = "") -> bool:
    """Nominate a completed placement as a good practice (once); False if already nominated."""
    result = db.session.execute(
        update(Placement)
        .where(Placement.id == placement.id, Placement.nominated_at.is_(None))
        .values(nominated_at=utcnow(), nominated_by_id=coordinator.id,
                nomination_note=note.strip() or None)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(placement)
    return result.rowcount == 1

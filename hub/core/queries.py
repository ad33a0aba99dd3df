"""Reads for the home page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hub.extensions import db
from hub.partnerships.models import Membership, Partnership, PartnershipTown


def my_memberships(user) -> list[Membership]:
    stmt = (
        select(Membership)
        .where(Membership.user_id == user.id)
        .options(
            selectinload(Membership.partnership)
            .selectinload(Partnership.partner_towns)
            .selectinload(PartnershipTown.town),
            selectinload(Membership.town),
        )
        .join(Membership.partnership)
        .order_by(Partnership.name)
    )
    return list(db.session.scalars(stmt))


def public_highlights(limit: int = 6):
    return (
        select(Partnership)
        .where(Partnership.status == "active")
        .options(selectinload(Partnership.partner_towns).selectinload(PartnershipTown.town))
        .order_by(Partnership.approved_at.desc().nulls_last(), Partnership.id.desc())
        .limit(limit)
    )

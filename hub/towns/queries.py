"""Reads for the town directory and town pages."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from hub.db import fold, folded
from hub.extensions import db
from hub.partnerships.models import Partnership, PartnershipTown
from hub.towns.models import Town

PUBLIC_STATUSES = ("active", "dormant", "ended")


def name_matches(term: str):
    """Native or Latin name contains `term`, ignoring case (Unicode-aware, see hub.db.fold)."""
    needle = fold(term.strip())
    return or_(
        folded(Town.native_name).contains(needle, autoescape=True),
        folded(Town.latin_name).contains(needle, autoescape=True),
    )


def towns(country: str | None = None, q: str | None = None) -> Select:
    stmt = select(Town)
    if country:
        stmt = stmt.where(Town.country == country)
    if q and q.strip():
        stmt = stmt.where(name_matches(q))
    return stmt.order_by(Town.latin_name, Town.id)


def countries_with_towns() -> list[str]:
    return list(db.session.scalars(select(Town.country).distinct()))


def public_partnership_counts(town_ids: list[int]) -> dict[int, int]:
    """Number of public partnerships of each town, in one grouped query."""
    if not town_ids:
        return {}
    rows = db.session.execute(
        select(PartnershipTown.town_id, func.count(PartnershipTown.id))
        .join(PartnershipTown.partnership)
        .where(PartnershipTown.town_id.in_(town_ids))
        .where(Partnership.status.in_(PUBLIC_STATUSES))
        .group_by(PartnershipTown.town_id)
    )
    return {town_id: count for town_id, count in rows}


def town_by_slug(slug: str) -> Select:
    return select(Town).where(Town.slug == slug)


def public_partnerships_of(town: Town) -> Select:
    return (
        select(Partnership)
        .join(Partnership.partner_towns)
        .where(PartnershipTown.town_id == town.id)
        .where(Partnership.status.in_(PUBLIC_STATUSES))
        .options(selectinload(Partnership.partner_towns).selectinload(PartnershipTown.town))
        .order_by(Partnership.name)
    )

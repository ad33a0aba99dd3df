"""Reads for the hub administration."""

from __future__ import annotations

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import selectinload

from hub.accounts.models import User
from hub.extensions import db
from hub.moderation.models import ModerationAction
from hub.partnerships.models import Membership, Partnership, PartnershipTown
from hub.towns.models import Town


def counts() -> dict:
    """The figures on the administration home page."""
    by_status = dict(
        db.session.execute(
            select(Partnership.status, func.count()).group_by(Partnership.status)
        ).all()
    )
    people = db.session.execute(
        select(
            func.count(),
            func.count(case((User.site_role == "moderator", 1))),
            func.count(case((User.site_role == "admin", 1))),
        ).where(User.deleted_at.is_(None))
    ).one()
    return {
        "towns": db.session.scalar(select(func.count()).select_from(Town)) or 0,
        "partnerships": by_status,
        "users": people[0],
        "moderators": people[1],
        "admins": people[2],
    }


def _with_towns(stmt: Select) -> Select:
    return stmt.options(
        selectinload(Partnership.partner_towns).selectinload(PartnershipTown.town),
        selectinload(Partnership.proposed_by),
    )


def pending_proposals() -> Select:
    return _with_towns(
        select(Partnership)
        .where(Partnership.status == "proposed")
        .order_by(Partnership.created_at, Partnership.id)
    )


def recent_actions(limit: int = 20) -> Select:
    return select(ModerationAction).order_by(ModerationAction.id.desc()).limit(limit)


def towns(search: str = "") -> Select:
    stmt = select(Town).order_by(Town.latin_name, Town.id)
    if search:
        conditions = [
            Town.native_name.icontains(search, autoescape=True),
            Town.latin_name.icontains(search, autoescape=True),
            Town.slug.icontains(search, autoescape=True),
        ]
        if len(search) == 2 and search.isalpha():
            conditions.append(Town.country == search.upper())
        stmt = stmt.where(or_(*conditions))
    return stmt


def town_choices() -> Select:
    return select(Town).order_by(Town.latin_name, Town.id)


def partnerships(search: str = "", status: str = "") -> Select:
    proposed_first = case((Partnership.status == "proposed", 0), else_=1)
    stmt = select(Partnership).order_by(proposed_first, Partnership.name, Partnership.id)
    if status:
        stmt = stmt.where(Partnership.status == status)
    if search:
        stmt = stmt.where(
            or_(
                Partnership.name.icontains(search, autoescape=True),
                Partnership.slug.icontains(search, autoescape=True),
            )
        )
    return _with_towns(stmt)


def partnership(partnership_id: int) -> Select:
    return _with_towns(select(Partnership).where(Partnership.id == partnership_id))


def coordinators(partnership_id: int) -> Select:
    return (
        select(Membership)
        .where(
            Membership.partnership_id == partnership_id,
            Membership.role == "coordinator",
            Membership.status == "active",
        )
        .options(selectinload(Membership.user), selectinload(Membership.town))
        .order_by(Membership.town_id, Membership.id)
    )


def members_per_town(partnership_id: int) -> dict[int, int]:
    """How many memberships (active or requested) represent each town of the partnership."""
    rows = db.session.execute(
        select(Membership.town_id, func.count())
        .where(Membership.partnership_id == partnership_id)
        .group_by(Membership.town_id)
    ).all()
    return dict(rows)


def users(search: str = "") -> Select:
    stmt = select(User).order_by(User.display_name, User.id)
    if search:
        stmt = stmt.where(
            or_(
                User.email.icontains(search, autoescape=True),
                User.display_name.icontains(search, autoescape=True),
            )
        )
    return stmt


def user_by_email(email: str) -> Select:
    return select(User).where(func.lower(User.email) == email.strip().lower())


def admins() -> Select:
    return select(User).where(User.site_role == "admin", User.deleted_at.is_(None))


def slug_taken(model, slug: str) -> bool:
    return db.session.scalar(select(model.id).where(model.slug == slug).limit(1)) is not None

"""Reads for the partnership directory, profiles, workspaces and member management."""

from __future__ import annotations

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.orm import joinedload, selectinload

from hub.accounts.models import User
from hub.db import fold, folded, utcnow
from hub.extensions import db
from hub.partnerships.models import Invitation, Membership, Partnership, PartnershipTown
from hub.towns.models import Town

PUBLIC_STATUSES = ("active", "dormant", "ended")


def _with_towns(stmt: Select) -> Select:
    return stmt.options(selectinload(Partnership.partner_towns).selectinload(PartnershipTown.town))


def directory(
    *, country: str | None = None, theme: str | None = None, status: str | None = None,
    q: str | None = None,
) -> Select:
    """Public partnerships matching the filters, by name. Towns are loaded with them."""
    stmt = select(Partnership).where(Partnership.status.in_(PUBLIC_STATUSES))
    if status:
        stmt = stmt.where(Partnership.status == status)
    if country:
        with_town_there = (
            select(PartnershipTown.partnership_id)
            .join(PartnershipTown.town)
            .where(Town.country == country)
        )
        stmt = stmt.where(Partnership.id.in_(with_town_there))
    if theme:
        # Themes are a JSON list of fixed keys: the quoted key occurs in it exactly when listed.
        stmt = stmt.where(cast(Partnership.themes, String).contains(f'"{theme}"', autoescape=True))
    if q and q.strip():
        stmt = stmt.where(folded(Partnership.name).contains(fold(q.strip()), autoescape=True))
    return _with_towns(stmt.order_by(Partnership.name, Partnership.id))


def countries_in_partnerships() -> list[str]:
    """Countries that have a town in a public partnership (the directory's country filter)."""
    return list(
        db.session.scalars(
            select(Town.country)
            .join(PartnershipTown, PartnershipTown.town_id == Town.id)
            .join(PartnershipTown.partnership)
            .where(Partnership.status.in_(PUBLIC_STATUSES))
            .distinct()
        )
    )


def member_counts(partnership_ids: list[int]) -> dict[int, int]:
    """Active members of each partnership, in one grouped query."""
    if not partnership_ids:
        return {}
    rows = db.session.execute(
        select(Membership.partnership_id, func.count(Membership.id))
        .where(Membership.partnership_id.in_(partnership_ids))
        .where(Membership.status == "active")
        .group_by(Membership.partnership_id)
    )
    return {pid: count for pid, count in rows}


def partnership_by_slug(slug: str) -> Select:
    return _with_towns(select(Partnership).where(Partnership.slug == slug))


def memberships(partnership: Partnership, *, status: str, town_ids: list[int] | None = None):
    """Memberships of a partnership with their users and towns, oldest first."""
    stmt = (
        select(Membership)
        .where(Membership.partnership_id == partnership.id, Membership.status == status)
        .options(selectinload(Membership.user), selectinload(Membership.town))
        .join(Membership.user)
        .order_by(User.display_name, Membership.id)
    )
    if town_ids is not None:
        stmt = stmt.where(Membership.town_id.in_(town_ids))
    return stmt


def by_town(partnership: Partnership, members: list[Membership]) -> list[tuple[Town, list]]:
    """Members grouped under the partnership's towns, in the partnership's order."""
    groups = {t.id: (t, []) for t in partnership.towns}
    for m in members:
        groups.setdefault(m.town_id, (m.town, []))[1].append(m)
    return list(groups.values())


def membership_in(partnership: Partnership, membership_id: int) -> Membership | None:
    """A membership, only if it belongs to this partnership."""
    return db.session.scalar(
        select(Membership)
        .where(Membership.id == membership_id, Membership.partnership_id == partnership.id)
        .options(selectinload(Membership.user), selectinload(Membership.town))
    )


def coordinators_of(partnership: Partnership, town_id: int) -> Select:
    return (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.partnership_id == partnership.id,
            Membership.town_id == town_id,
            Membership.status == "active",
            Membership.role == "coordinator",
            User.deleted_at.is_(None),
        )
        .order_by(User.id)
    )


def other_coordinator_count(membership: Membership) -> int:
    """Active coordinators of the membership's town in its partnership, the membership aside
    (deleted accounts do not count: they cannot decide anything)."""
    return db.session.scalar(
        select(func.count(Membership.id))
        .join(Membership.user)
        .where(
            Membership.partnership_id == membership.partnership_id,
            Membership.town_id == membership.town_id,
            Membership.status == "active",
            Membership.role == "coordinator",
            Membership.id != membership.id,
            User.deleted_at.is_(None),
        )
    ) or 0


def hub_admins() -> Select:
    return (
        select(User)
        .where(User.site_role == "admin", User.deleted_at.is_(None))
        .order_by(User.id)
    )


def user_by_email(email: str) -> User | None:
    return db.session.scalar(
        select(User).where(func.lower(User.email) == email.strip().lower()).limit(1)
    )


def invitation_by_token(token: str) -> Invitation | None:
    return db.session.scalar(
        select(Invitation)
        .where(Invitation.token_hash == Invitation.hash(token))
        .options(
            selectinload(Invitation.partnership),
            selectinload(Invitation.town),
            selectinload(Invitation.invited_by),
        )
    )


def pending_invitations(partnership: Partnership, town_ids: list[int]) -> Select:
    """Invitations of these towns that can still be accepted, newest first: one statement,
    with the inviter and the town loaded (the members page lists them)."""
    return (
        select(Invitation)
        .where(
            Invitation.partnership_id == partnership.id,
            Invitation.town_id.in_(town_ids),
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .options(joinedload(Invitation.invited_by), joinedload(Invitation.town))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )


def invitation_in(partnership: Partnership, invitation_id: int) -> Invitation | None:
    """An invitation, only if it belongs to this partnership."""
    return db.session.scalar(
        select(Invitation)
        .where(Invitation.id == invitation_id, Invitation.partnership_id == partnership.id)
        .options(joinedload(Invitation.invited_by), joinedload(Invitation.town))
    )

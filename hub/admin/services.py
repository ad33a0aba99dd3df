"""Writes of the hub administration and of partnership proposals: flush and notify, never commit."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import ngettext
from sqlalchemy import select

from hub import permissions
from hub.accounts.models import User
from hub.admin import queries
from hub.db import utcnow
from hub.extensions import db
from hub.moderation.services import record_action
from hub.outbox.services import queue_email_to
from hub.partnerships.models import Membership, Partnership, PartnershipTown
from hub.text import slugify, unique_slug
from hub.towns.models import Town


class FieldError(ValueError):
    """A refusal that belongs to one form field (the view shows it there and answers 422)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _link(endpoint: str, **values) -> str:
    return current_app.config["HUB_BASE_URL"] + url_for(endpoint, **values)


def _workspace_link(partnership: Partnership) -> str:
    return _link("partnerships.workspace", slug=partnership.slug)


# --- towns ---------------------------------------------------------------------------------

def create_town(actor: User, values: dict) -> Town:
    base = slugify(values["latin_name"]) or slugify(values["native_name"])
    slug = unique_slug(base, lambda s: queries.slug_taken(Town, s), fallback="town")
    town = Town(slug=slug, **values)
    db.session.add(town)
    db.session.flush()
    record_action(actor, "town.create", "town", town.id, town.display_name)
    return town


def update_town(actor: User, town: Town, values: dict) -> Town:
    """Change a town's facts. The slug stays, so that links to the town keep working."""
    for name, value in values.items():
        setattr(town, name, value)
    db.session.flush()
    record_action(actor, "town.update", "town", town.id, town.display_name)
    return town


# --- partnerships --------------------------------------------------------------------------

def _new_partnership(values: dict, *, status: str, proposed_by: User | None) -> Partnership:
    values = dict(values)
    town_ids = values.pop("town_ids")
    values.pop("status", None)
    slug = unique_slug(slugify(values["name"]), lambda s: queries.slug_taken(Partnership, s),
                       fallback="partnership")
    partnership = Partnership(
        slug=slug,
        status=status,
        proposed_by=proposed_by,
        approved_at=None if status == "proposed" else utcnow(),
        **values,
    )
    partnership.partner_towns = [PartnershipTown(town_id=town_id) for town_id in town_ids]
    db.session.add(partnership)
    db.session.flush()
    return partnership


def create_partnership(actor: User, values: dict) -> Partnership:
    status = values.get("status") or "active"
    partnership = _new_partnership(values, status=status, proposed_by=None)
    record_action(actor, "partnership.create", "partnership", partnership.id, partnership.name,
                  partnership_id=partnership.id)
    return partnership


def update_partnership(actor: User, partnership: Partnership, values: dict) -> Partnership:
    """Change a partnership. A town that members still represent cannot be removed."""
    values = dict(values)
    wanted = values.pop("town_ids")
    current = {pt.town_id: pt for pt in partnership.partner_towns}
    removed = [current[town_id] for town_id in current if town_id not in wanted]
    if removed:
        members = queries.members_per_town(partnership.id)
        for pt in removed:
            count = members.get(pt.town_id, 0)
            if count:
                raise FieldError("towns", ngettext(
                    "%(town)s cannot be removed: %(num)d member still represents it.",
                    "%(town)s cannot be removed: %(num)d members still represent it.",
                    count, town=pt.town.native_name,
                ))
    for pt in removed:
        partnership.partner_towns.remove(pt)
    for town_id in wanted:
        if town_id not in current:
            partnership.partner_towns.append(PartnershipTown(town_id=town_id))
    status = values.pop("status", None)
    if status and status != "proposed" and partnership.status != "proposed":
        partnership.status = status
    for name, value in values.items():
        setattr(partnership, name, value)
    db.session.flush()
    record_action(actor, "partnership.update", "partnership", partnership.id, partnership.name,
                  partnership_id=partnership.id)
    return partnership


def _make_coordinator(actor: User, partnership: Partnership, user: User,
                      town_id: int) -> Membership:
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.partnership_id == partnership.id
        )
    )
    if membership is None:
        membership = Membership(user=user, partnership=partnership, town_id=town_id)
        db.session.add(membership)
    membership.town_id = town_id
    membership.role = "coordinator"
    membership.status = "active"
    membership.decided_at = utcnow()
    membership.decided_by_id = actor.id
    db.session.flush()
    permissions.forget_memberships()
    return membership


def appoint_coordinator(actor: User, partnership: Partnership, user: User,
                        town: Town) -> Membership:
    """Make `user` an active coordinator for `town` (creating or changing their membership)."""
    membership = _make_coordinator(actor, partnership, user, town.id)
    record_action(
        actor, "membership.appoint_coordinator", "membership", membership.id,
        f"{user.display_name} · {town.native_name}", partnership_id=partnership.id,
    )
    queue_email_to(
        user, "coordinator_appointed",
        name=user.display_name, partnership_name=partnership.name, town_name=town.native_name,
        link=_workspace_link(partnership),
    )
    return membership


def approve_partnership(actor: User, partnership: Partnership) -> Membership | None:
    """Publish a proposal. A proposer from one of the partner towns becomes its coordinator."""
    partnership.status = "active"
    partnership.approved_at = utcnow()
    proposer = partnership.proposed_by
    coordinator = None
    town_ids = {pt.town_id for pt in partnership.partner_towns}
    if proposer is not None and proposer.town_id in town_ids and proposer.deleted_at is None:
        coordinator = _make_coordinator(actor, partnership, proposer, proposer.town_id)
    db.session.flush()
    record_action(actor, "partnership.approve", "partnership", partnership.id, partnership.name,
                  partnership_id=partnership.id)
    if proposer is not None and proposer.deleted_at is None:
        queue_email_to(
            proposer, "proposal_decided",
            approved=True, name=proposer.display_name, partnership_name=partnership.name,
            coordinator_town=proposer.town.native_name if coordinator else None,
            reason="", link=_workspace_link(partnership),
        )
    return coordinator


def decline_partnership(actor: User, partnership: Partnership, reason: str) -> None:
    """Delete a proposal (it never went public); the audit row and the e-mail keep the reason."""
    proposer = partnership.proposed_by
    record_action(actor, "partnership.decline", "partnership", partnership.id, partnership.name,
                  reason=reason, partnership_id=partnership.id)
    if proposer is not None and proposer.deleted_at is None:
        queue_email_to(
            proposer, "proposal_decided",
            approved=False, name=proposer.display_name, partnership_name=partnership.name,
            coordinator_town=None, reason=reason, link=_link("proposals.new"),
        )
    db.session.delete(partnership)
    db.session.flush()


def propose_partnership(proposer: User, values: dict) -> Partnership:
    """A proposal waits for an admin; every admin hears of it in their own language."""
    partnership = _new_partnership(values, status="proposed", proposed_by=proposer)
    town_names = [pt.town.native_name for pt in partnership.partner_towns]
    for admin in db.session.scalars(queries.admins()):
        if admin.id == proposer.id:
            continue
        queue_email_to(
            admin, "partnership_proposed",
            name=admin.display_name, proposer_name=proposer.display_name,
            partnership_name=partnership.name, town_names=town_names,
            link=_link("admin.index"),
        )
    return partnership


# --- people --------------------------------------------------------------------------------

def set_site_role(actor: User, user: User, role: str) -> bool:
    """Change someone's site role; False when nothing changed."""
    if not permissions.can_change_site_role(actor, user):
        raise PermissionError("admins cannot change their own site role")
    old = user.site_role
    if role == old:
        return False
    user.site_role = role
    db.session.flush()
    record_action(actor, "user.set_role", "user", user.id, user.display_name,
                  reason=f"{old} → {role}")
    queue_email_to(user, "site_role_changed",
                   name=user.display_name, role=role, link=_link("core.home"))
    return True

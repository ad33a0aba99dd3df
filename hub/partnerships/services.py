"""Writes: join requests and decisions, roles, leaving, invitations. Flush, never commit."""

from __future__ import annotations

import secrets

from flask import current_app, url_for

from hub.accounts.models import User
from hub.accounts.services import default_timezone
from hub.db import utcnow
from hub.extensions import db
from hub.i18n import current_locale_code, user_timezone
from hub.outbox.services import queue_email, queue_email_to
from hub.partnerships import queries
from hub.partnerships.models import Invitation, Membership, Partnership
from hub.towns.models import Town


def _link(endpoint: str, **values) -> str:
    return current_app.config["HUB_BASE_URL"] + url_for(endpoint, **values)


def _town_of(partnership: Partnership, town_id: int) -> Town:
    for town in partnership.towns:
        if town.id == town_id:
            return town
    raise ValueError(f"town {town_id} is not a partner of {partnership.slug}")


# --- joining ---------------------------------------------------------------------------------

def request_join(
    user: User, partnership: Partnership, town_id: int, message: str | None
) -> Membership:
    """A pending membership; the coordinators of that town (or the hub admins) are told."""
    town = _town_of(partnership, town_id)
    membership = Membership(
        user=user, partnership=partnership, town=town, role="staff", status="pending",
        message=(message or "").strip() or None,
    )
    db.session.add(membership)
    db.session.flush()
    recipients = db.session.scalars(queries.coordinators_of(partnership, town.id)).all()
    if not recipients:
        recipients = db.session.scalars(queries.hub_admins()).all()
    link = _link("partnerships.members", slug=partnership.slug)
    for recipient in recipients:
        queue_email_to(
            recipient, "join_request",
            reader=recipient, requester=user, partnership=partnership, town=town,
            message=membership.message, link=link,
        )
    return membership


def approve(membership: Membership, decider: User) -> None:
    membership.status = "active"
    membership.decided_at = utcnow()
    membership.decided_by_id = decider.id
    db.session.flush()
    _tell_requester(membership, approved=True)


def decline(membership: Membership, decider: User) -> None:
    """The request is removed (the person may ask again later) and the requester told."""
    _tell_requester(membership, approved=False)
    db.session.delete(membership)
    db.session.flush()


def _tell_requester(membership: Membership, *, approved: bool) -> None:
    user = membership.user
    queue_email_to(
        user, "join_decided",
        reader=user, partnership=membership.partnership, town=membership.town,
        approved=approved,
        link=_link("partnerships.workspace", slug=membership.partnership.slug),
    )


# --- members ---------------------------------------------------------------------------------

def change_role(membership: Membership, role: str, actor: User) -> bool:
    """Set staff/coordinator; returns whether anything changed (only then is the member told)."""
    if role == membership.role:
        return False
    membership.role = role
    db.session.flush()
    user = membership.user
    queue_email_to(
        user, "role_changed",
        reader=user, partnership=membership.partnership, town=membership.town, role=role,
        link=_link("partnerships.workspace", slug=membership.partnership.slug),
    )
    return True


def remove_member(membership: Membership, actor: User) -> None:
    user, partnership = membership.user, membership.partnership
    db.session.delete(membership)
    db.session.flush()
    queue_email_to(
        user, "member_removed",
        reader=user, partnership=partnership,
        link=_link("partnerships.workspace", slug=partnership.slug),
    )


def leave(membership: Membership) -> None:
    """Leave the partnership, or withdraw a pending request."""
    db.session.delete(membership)
    db.session.flush()


# --- invitations -----------------------------------------------------------------------------

def invite(
    partnership: Partnership, town_id: int, email: str, role: str, inviter: User,
    message: str | None = None,
) -> Invitation:
    """Store only the token's hash and e-mail the link, in the invitee's language if known."""
    town = _town_of(partnership, town_id)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        partnership=partnership, town=town, email=email.strip(), role=role,
        token_hash=Invitation.hash(token), invited_by_id=inviter.id,
        expires_at=utcnow() + current_app.config["TOKEN_TTL_INVITATION"],
    )
    db.session.add(invitation)
    db.session.flush()
    existing = queries.user_by_email(invitation.email)
    if existing is not None:
        locale, zone = existing.locale, user_timezone(existing)
    else:  # someone new: the inviter's language, the time zone of the town they will represent
        locale, zone = current_locale_code(), default_timezone(town)
    queue_email(
        invitation.email, locale, "invitation", timezone=zone,
        inviter=inviter, partnership=partnership, town=town, role=role,
        message=(message or "").strip() or None, expires_at=invitation.expires_at,
        link=_link("partnerships.accept_invitation", token=token),
    )
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """An active membership for the invited town and role; the invitation is used up."""
    partnership = invitation.partnership
    membership = db.session.scalar(
        db.select(Membership).where(
            Membership.user_id == user.id, Membership.partnership_id == partnership.id
        )
    )
    if membership is None:
        membership = Membership(user=user, partnership=partnership)
        db.session.add(membership)
    membership.town_id = invitation.town_id
    membership.role = invitation.role
    membership.status = "active"
    membership.decided_at = utcnow()
    membership.decided_by_id = invitation.invited_by_id
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    db.session.flush()
    return membership

"""Writes: join requests and decisions, roles, leaving, invitations. Flush, never commit.

Every decision about somebody's membership (approve, decline, role, removal, invitations sent and
revoked) is recorded in the hub's append-only audit log, the one admin actions use.
"""

from __future__ import annotations

import secrets

from flask import current_app, url_for

from hub.accounts.models import User
from hub.accounts.services import default_timezone
from hub.db import utcnow
from hub.extensions import db
from hub.i18n import current_locale_code, user_timezone
from hub.moderation.services import record_action
from hub.outbox.services import queue_email, queue_email_to
from hub.partnerships import queries
from hub.partnerships.models import Invitation, Membership, Partnership
from hub.towns.models import Town


def _link(endpoint: str, **values) -> str:
    return current_app.config["HUB_BASE_URL"] + url_for(endpoint, **values)


def _audit(actor: User, action: str, membership: Membership, reason: str = "") -> None:
    """One audit row about a membership: who, for which town, in which partnership. (No
    subject_user_id: that marks moderation of someone's content, shown in their history.)"""
    record_action(
        actor, action, "membership", membership.id,
        f"{membership.user.display_name} · {membership.town.native_name}", reason=reason,
        partnership_id=membership.partnership_id,
    )


def _audit_invitation(actor: User, action: str, invitation: Invitation) -> None:
    record_action(
        actor, action, "invitation", invitation.id,
        f"{invitation.email} · {invitation.town.native_name}", reason=invitation.role,
        partnership_id=invitation.partnership_id,
    )


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
    _audit(decider, "membership.approve", membership)
    _tell_requester(membership, approved=True)


def decline(membership: Membership, decider: User) -> None:
    """The request is removed (the person may ask again later) and the requester told."""
    _audit(decider, "membership.decline", membership)
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
    old, membership.role = membership.role, role
    db.session.flush()
    _audit(actor, "membership.change_role", membership, reason=f"{old} → {role}")
    user = membership.user
    queue_email_to(
        user, "role_changed",
        reader=user, partnership=membership.partnership, town=membership.town, role=role,
        link=_link("partnerships.workspace", slug=membership.partnership.slug),
    )
    return True


def remove_member(membership: Membership, actor: User) -> None:
    user, partnership = membership.user, membership.partnership
    _audit(actor, "membership.remove", membership, reason=membership.role)
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
    """A single-use, expiring invitation for one town, e-mailed to `email`."""
    town = _town_of(partnership, town_id)
    invitation = Invitation(
        partnership=partnership, town=town, email=email.strip(), role=role,
        invited_by_id=inviter.id,
    )
    token = _new_token(invitation)
    db.session.add(invitation)
    db.session.flush()
    _audit_invitation(inviter, "invitation.send", invitation)
    _mail_invitation(invitation, token, inviter, message)
    return invitation


def resend_invitation(invitation: Invitation, actor: User) -> bool:
    """A new link, valid for the full time again; the old link stops working. Returns whether
    anything was sent (not for a used or revoked invitation)."""
    if not invitation.is_pending:
        return False
    token = _new_token(invitation)
    db.session.flush()
    _audit_invitation(actor, "invitation.resend", invitation)
    _mail_invitation(invitation, token, actor, None)
    return True


def _new_token(invitation: Invitation) -> str:
    """Only the token's hash is stored; the token itself goes into the e-mail."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash(token)
    invitation.expires_at = utcnow() + current_app.config["TOKEN_TTL_INVITATION"]
    return token


def _mail_invitation(
    invitation: Invitation, token: str, inviter: User, message: str | None
) -> None:
    """The link goes out in the invitee's language if they have an account."""
    town = invitation.town
    existing = queries.user_by_email(invitation.email)
    if existing is not None:
        locale, zone = existing.locale, user_timezone(existing)
    else:  # someone new: the inviter's language, the time zone of the town they will represent
        locale, zone = current_locale_code(), default_timezone(town)
    queue_email(
        invitation.email, locale, "invitation", timezone=zone,
        inviter=inviter, partnership=invitation.partnership, town=town, role=invitation.role,
        message=(message or "").strip() or None, expires_at=invitation.expires_at,
        link=_link("partnerships.accept_invitation", token=token),
    )


def revoke_invitation(invitation: Invitation, actor: User) -> bool:
    """Take back a pending invitation: its link then answers like a used one. Returns whether
    anything changed (revoking twice, or after it was used, does nothing)."""
    if not invitation.is_pending:
        return False
    invitation.revoked_at = utcnow()
    invitation.revoked_by_id = actor.id
    db.session.flush()
    _audit_invitation(actor, "invitation.revoke", invitation)
    return True


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

"""Every access rule of the hub, as plain functions of (user, object).

Views call them (usually through `require()`), templates call the same functions through the
`perm` global, so the button a page shows and the rule a view enforces cannot drift apart.
Private content answers 404, never 403: ids of things one may not see cannot be probed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import abort, g
from sqlalchemy import select

from hub.extensions import db

if TYPE_CHECKING:
    from hub.accounts.models import User
    from hub.partnerships.models import Membership, Partnership


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_admin(user: User | None) -> bool:
    return _signed_in(user) and user.is_admin


def is_moderator(user: User | None) -> bool:
    return _signed_in(user) and user.is_moderator


def can_take_part(user: User | None) -> bool:
    """Signed in, e-mail verified and not suspended: may write, propose, join."""
    return _signed_in(user) and user.is_verified and not user.is_suspended


def memberships_of(user: User | None) -> dict[int, Membership]:
    """The user's memberships by partnership id, loaded once per request."""
    if not _signed_in(user):
        return {}
    cache = g.setdefault("_memberships", {})
    if user.id not in cache:
        from hub.partnerships.models import Membership

        rows = db.session.scalars(select(Membership).where(Membership.user_id == user.id))
        cache[user.id] = {m.partnership_id: m for m in rows}
    return cache[user.id]


def forget_memberships() -> None:
    """Call after changing memberships inside a request."""
    g.pop("_memberships", None)


def membership(user: User | None, partnership: Partnership) -> Membership | None:
    return memberships_of(user).get(partnership.id)


def is_member(user: User | None, partnership: Partnership) -> bool:
    m = membership(user, partnership)
    return m is not None and m.is_active


def is_coordinator(user: User | None, partnership: Partnership, town_id: int | None = None) -> bool:
    """Coordinator of `town_id` in the partnership (of any of its towns when town_id is None)."""
    m = membership(user, partnership)
    if m is None or not m.is_coordinator:
        return False
    return town_id is None or m.town_id == town_id


# --- partnerships -------------------------------------------------------------------------

def can_view_partnership(user: User | None, partnership: Partnership) -> bool:
    """The public profile: approved partnerships for everyone; proposals for proposer and admins."""
    if partnership.is_public:
        return True
    return is_admin(user) or (
        _signed_in(user) and partnership.proposed_by_id == user.id
    )


def can_view_workspace(user: User | None, partnership: Partnership) -> bool:
    """The members-only workspace (members list, library, forum, exchange)."""
    return partnership.is_public and (is_member(user, partnership) or is_admin(user))


def can_request_join(user: User | None, partnership: Partnership) -> bool:
    return (
        can_take_part(user)
        and partnership.status in {"active", "dormant"}
        and membership(user, partnership) is None
    )


def can_manage_members(user: User | None, partnership: Partnership) -> bool:
    """See join requests and the member management controls (for at least one town)."""
    return partnership.is_public and (is_admin(user) or is_coordinator(user, partnership))


def can_manage_town(user: User | None, partnership: Partnership, town_id: int) -> bool:
    """Coordinators manage their own town's members; admins manage every town's."""
    return partnership.is_public and (
        is_admin(user) or is_coordinator(user, partnership, town_id)
    )


def can_decide_membership(user: User | None, m: Membership) -> bool:
    """Approve or decline a join request."""
    return m.status == "pending" and can_manage_town(user, m.partnership, m.town_id)


def can_change_member(user: User | None, m: Membership) -> bool:
    """Change the role of, or remove, an active member (never oneself: use "leave")."""
    if not m.is_active or (_signed_in(user) and m.user_id == user.id):
        return False
    return can_manage_town(user, m.partnership, m.town_id)


def can_leave(user: User | None, partnership: Partnership) -> bool:
    return membership(user, partnership) is not None


def can_invite(user: User | None, partnership: Partnership, town_id: int | None = None) -> bool:
    if not can_take_part(user):
        return False
    if town_id is None:
        return can_manage_members(user, partnership)
    return can_manage_town(user, partnership, town_id)


def can_propose_partnership(user: User | None) -> bool:
    return can_take_part(user)


# --- hub administration --------------------------------------------------------------------

def can_administer(user: User | None) -> bool:
    """Towns, partnerships, site roles, approvals."""
    return is_admin(user)


# --- helpers for views ---------------------------------------------------------------------

def require(allowed: bool, *, hide: bool = False) -> None:
    """Abort unless allowed: 404 when the thing must stay hidden, else 403."""
    if not allowed:
        abort(404 if hide else 403)

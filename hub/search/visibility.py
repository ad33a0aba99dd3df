"""Who may open what, as SQL conditions on the live rows: hub/permissions.py, written for sets.

Each function names the permission it mirrors; tests/search/test_visibility_agrees.py checks,
for every kind and every reason to be invisible, that the search finds exactly what those
permission functions let the viewer open. The search is stricter in one way: content hidden by
moderation, waiting for approval, in draft or in review is never a search result, not even for
its author, the coordinators or the moderators (they reach it through the moderation queue and
their workspace), so that a result list never depends on a moderator's privileges.

Memberships are read in the same statement as the results, so leaving a partnership (or
being removed) changes the results of the very next search. The viewer's id is a bound
parameter, VIEWER_ID (statements are built once per shape of viewer and reused).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, exists, false, or_, select, true

from hub.exchange.models import Posting
from hub.forum.models import Post, Thread
from hub.goodpractices.models import GoodPractice
from hub.library.models import Document
from hub.partnerships.models import Membership, Partnership

VIEWER_ID = "viewer_id"


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    is_admin: bool = False

    @classmethod
    def of(cls, user) -> Viewer:
        if user is None or not getattr(user, "is_authenticated", False):
            return cls()
        return cls(user_id=user.id, is_admin=bool(user.is_admin))


def partnership_is_public(partnership=Partnership):
    """Partnership.is_public: approved (not a proposal)."""
    return partnership.status != "proposed"


def _member_of(viewer: Viewer, partnership_id):
    """permissions.is_member: an active membership, read now."""
    if viewer.user_id is None:
        return false()
    return partnership_id.in_(
        select(Membership.partnership_id).where(
            Membership.user_id == bindparam(VIEWER_ID), Membership.status == "active"
        )
    )


def workspace_open(viewer: Viewer, partnership=Partnership):
    """permissions.can_view_workspace: public partnership, and an active member or an admin."""
    inside = true() if viewer.is_admin else _member_of(viewer, partnership.id)
    return and_(partnership_is_public(partnership), inside)


def hub_member(viewer: Viewer):
    """permissions.is_hub_member: active in at least one approved partnership."""
    if viewer.user_id is None:
        return false()
    return exists().where(
        Membership.user_id == bindparam(VIEWER_ID),
        Membership.status == "active",
        Membership.partnership_id.in_(
            select(Partnership.id).where(partnership_is_public())
        ),
    )


def partnership_visible(viewer: Viewer, partnership=Partnership):
    """permissions.can_view_partnership, without proposals (never a search result)."""
    return partnership_is_public(partnership)


def town_visible(viewer: Viewer):
    """Towns are public (the town directory)."""
    return true()


def thread_visible(viewer: Viewer, thread=Thread, partnership=Partnership):
    """permissions.can_see_thread (can_read_thread), never hidden by moderation."""
    return and_(
        partnership_is_public(partnership),
        or_(thread.visibility == "public", workspace_open(viewer, partnership)),
        thread.hidden_at.is_(None),
    )


def post_visible(viewer: Viewer, post=Post, thread=Thread, partnership=Partnership):
    """PostTarget.can_view: not deleted, thread visible (can_see_thread), approved
    (can_see_held_post) — and never hidden by moderation (can_see_post_text)."""
    return and_(
        post.deleted_at.is_(None),
        post.hidden_at.is_(None),
        post.approval == "approved",
        thread_visible(viewer, thread, partnership),
    )


def document_visible(viewer: Viewer, document=Document, partnership=Partnership):
    """permissions.can_see_document (can_view_document): not in the trash, not hidden,
    public in an approved partnership or a member's (or an admin's) workspace document."""
    return and_(
        document.deleted_at.is_(None),
        document.hidden_at.is_(None),
        partnership_is_public(partnership),
        or_(document.visibility == "public", workspace_open(viewer, partnership)),
    )


def posting_visible(viewer: Viewer, posting=Posting, partnership=Partnership):
    """permissions.can_see_posting_content for open and closed postings (drafts and postings
    waiting for approval are never results): public, "hub" for hub members, "partnership" for
    its members and admins; not hidden, not removed by moderation."""
    conditions = [
        partnership_is_public(partnership),
        posting.status.in_(("open", "closed")),
        or_(posting.closed_reason.is_(None), posting.closed_reason != "moderation"),
        or_(
            posting.visibility == "public",
            and_(posting.visibility == "hub", hub_member(viewer)),
            workspace_open(viewer, partnership),
        ),
    ]
    if hasattr(posting, "hidden_at"):  # the column comes with the exchange's moderation hook
        conditions.append(posting.hidden_at.is_(None))
    return and_(*conditions)


def good_practice_visible(viewer: Viewer, practice=GoodPractice):
    """permissions.can_view_good_practice for everyone: published entries only."""
    return practice.state == "published"


def glossary_term_visible(viewer: Viewer, partnership=Partnership):
    """permissions.can_view_glossary (can_view_partnership), without proposals."""
    return partnership_is_public(partnership)

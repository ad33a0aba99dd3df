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


def can_manage_invitation(user: User | None, invitation) -> bool:
    """Revoke or resend: those who may invite for its town, while it is neither used nor
    revoked."""
    return invitation.is_pending and can_invite(user, invitation.partnership, invitation.town_id)


def can_drop_coordinator(user: User | None, m: Membership) -> bool:
    """May `m` stop being a coordinator (leave, be demoted to staff, be removed)?

    Not when it is the last active coordinator of its town in the partnership: that town's join
    requests would have nobody to decide them. Hub admins may still do it (requests then go to
    the admins). Staff and pending memberships are never held back by this rule.
    """
    if not m.is_coordinator or is_admin(user):
        return True
    from hub.partnerships.queries import other_coordinator_count

    return other_coordinator_count(m) > 0


def can_propose_partnership(user: User | None) -> bool:
    return can_take_part(user)


# --- hub administration --------------------------------------------------------------------

def can_administer(user: User | None) -> bool:
    """Towns, partnerships, site roles, approvals."""
    return is_admin(user)


def can_decide_proposal(user: User | None, partnership: Partnership) -> bool:
    """Approve or decline a proposed partnership (only while it is still a proposal)."""
    return is_admin(user) and partnership.status == "proposed"


def can_change_site_role(user: User | None, target: User) -> bool:
    """Admins change other people's site role, never their own: the hub keeps its last admin."""
    return is_admin(user) and target.id != user.id


# --- helpers for views ---------------------------------------------------------------------

def require(allowed: bool, *, hide: bool = False) -> None:
    """Abort unless allowed: 404 when the thing must stay hidden, else 403."""
    if not allowed:
        abort(404 if hide else 403)


# --- forum ---------------------------------------------------------------------------------
# Members read every thread of their partnership; everyone reads its public threads. Site
# moderators moderate what they can read (public threads; admins also read private ones).

def can_view_forum(user: User | None, partnership: Partnership) -> bool:
    """The thread list: its public threads for everyone, all threads for members."""
    return partnership.is_public


def can_see_private_threads(user: User | None, partnership: Partnership) -> bool:
    return can_view_workspace(user, partnership)


def can_read_thread(user: User | None, thread) -> bool:
    partnership = thread.partnership
    if not partnership.is_public:
        return False
    return thread.visibility == "public" or can_view_workspace(user, partnership)


def can_start_thread(user: User | None, partnership: Partnership) -> bool:
    return partnership.is_public and can_take_part(user) and is_member(user, partnership)


def reply_blocker(user: User | None, thread) -> str | None:
    """Why the user may not reply to a thread they can read, or None when they may.

    "sign_in", "suspended", "unverified", "locked" or "not_member" (a private thread read by a
    non-member admin).
    """
    if not _signed_in(user):
        return "sign_in"
    if user.is_suspended:
        return "suspended"
    if not user.is_verified:
        return "unverified"
    if thread.locked:
        return "locked"
    if thread.visibility != "public" and not is_member(user, thread.partnership):
        return "not_member"
    return None


def can_reply(user: User | None, thread) -> bool:
    return can_read_thread(user, thread) and reply_blocker(user, thread) is None


def can_moderate_thread(user: User | None, thread) -> bool:
    """Coordinators of the partnership and site moderators: pin, lock, remove, see history."""
    return can_read_thread(user, thread) and (
        is_coordinator(user, thread.partnership) or is_moderator(user)
    )


def can_pin_lock(user: User | None, thread) -> bool:
    return can_moderate_thread(user, thread)


def can_mark_solution(user: User | None, thread) -> bool:
    """The thread starter or a coordinator of the partnership."""
    if not (can_read_thread(user, thread) and can_take_part(user)):
        return False
    return thread.author_id == user.id or is_coordinator(user, thread.partnership)


def can_follow_thread(user: User | None, thread) -> bool:
    return _signed_in(user) and can_read_thread(user, thread)


def can_edit_post(user: User | None, post) -> bool:
    """Authors edit their own posts while they may still reply to the thread."""
    return (
        not post.is_deleted
        and _signed_in(user)
        and post.author_id == user.id
        and can_reply(user, post.thread)
    )


def can_delete_post(user: User | None, post) -> bool:
    """Authors remove their own posts; coordinators and moderators remove any they can read."""
    if post.is_deleted or not can_read_thread(user, post.thread):
        return False
    own = _signed_in(user) and post.author_id == user.id and not user.is_suspended
    return own or can_moderate_thread(user, post.thread)


def can_view_post_history(user: User | None, post) -> bool:
    return can_moderate_thread(user, post.thread)


def can_react(user: User | None, post) -> bool:
    """Helpful / thanks: anyone who may take part in the thread, never on one's own post."""
    if post.is_deleted or not can_read_thread(user, post.thread) or not can_take_part(user):
        return False
    thread = post.thread
    return post.author_id != user.id and (
        thread.visibility == "public" or is_member(user, thread.partnership)
    )


def can_view_notification(user: User | None, notification) -> bool:
    return _signed_in(user) and notification.user_id == user.id


# --- library -------------------------------------------------------------------------------

def can_browse_library(user: User | None, partnership: Partnership) -> bool:
    """The library page: members see every document, everyone else only the public ones."""
    return can_view_partnership(user, partnership)


def can_see_member_documents(user: User | None, partnership: Partnership) -> bool:
    return can_view_workspace(user, partnership)


def can_contribute_to_library(user: User | None, partnership: Partnership) -> bool:
    """Upload, add versions, edit, move, make folders and link translations."""
    return (
        can_take_part(user)
        and is_member(user, partnership)
        and partnership.status in {"active", "dormant"}
    )


def can_view_document(user: User | None, document) -> bool:
    partnership = document.partnership
    if document.deleted_at is not None:
        return can_view_library_trash(user, partnership)
    if document.visibility == "public" and partnership.is_public:
        return True
    return can_view_workspace(user, partnership)


def can_edit_document(user: User | None, document) -> bool:
    """Metadata, new versions, "make current again", moving, language versions."""
    return document.deleted_at is None and can_contribute_to_library(user, document.partnership)


def _uploader_or_coordinator(user: User | None, document) -> bool:
    partnership = document.partnership
    if not can_take_part(user) or not is_member(user, partnership):
        return False
    return document.created_by_id == user.id or is_coordinator(user, partnership)


def can_delete_document(user: User | None, document) -> bool:
    """The uploader and the partnership's coordinators move a document to the trash."""
    return document.deleted_at is None and _uploader_or_coordinator(user, document)


def can_restore_document(user: User | None, document) -> bool:
    return document.deleted_at is not None and _uploader_or_coordinator(user, document)


def can_view_library_trash(user: User | None, partnership: Partnership) -> bool:
    return can_view_workspace(user, partnership)


def can_view_download_log(user: User | None, partnership: Partnership) -> bool:
    """Who downloaded which version when: the partnership's coordinators."""
    return partnership.is_public and is_coordinator(user, partnership)


def can_manage_folder(user: User | None, folder) -> bool:
    """Rename or remove a folder: its creator or a coordinator."""
    partnership = folder.partnership
    if not can_contribute_to_library(user, partnership):
        return False
    return folder.created_by_id == user.id or is_coordinator(user, partnership)


# --- exchange ------------------------------------------------------------------------------
# A posting belongs to one town of a partnership: that town's coordinators manage it (for an
# offer they are the hosts). Open postings are read by members of the partnership, by members
# of every partnership on the hub ("hub") or by everyone ("public"); drafts only by their
# author, postings submitted for approval also by the town's coordinators. Applications are
# seen by the applicant, the coordinators of the sending town and, once those endorsed it, the
# host town's coordinators. Site moderators have no special rights here.

def is_hub_member(user: User | None) -> bool:
    """An active member of at least one approved partnership."""
    return any(m.is_active and m.partnership.is_public for m in memberships_of(user).values())


def can_view_exchange(user: User | None, partnership: Partnership) -> bool:
    """The partnership's board: its postings that the reader may see (public ones for all)."""
    return partnership.is_public


def can_see_posting(user: User | None, posting) -> bool:
    partnership = posting.partnership
    if not partnership.is_public:
        return False
    if posting.status in {"open", "closed"}:
        if posting.visibility == "public":
            return True
        if posting.visibility == "hub" and is_hub_member(user):
            return True
        return can_view_workspace(user, partnership)
    if not is_member(user, partnership):
        return False
    if posting.created_by_id == user.id:
        return True
    return posting.status == "submitted" and is_coordinator(user, partnership, posting.town_id)


def can_post_exchange(user: User | None, partnership: Partnership) -> bool:
    """Write an offer or a request: members (staff drafts go to their coordinator)."""
    return (
        can_take_part(user)
        and is_member(user, partnership)
        and partnership.status in {"active", "dormant"}
    )


def can_manage_posting(user: User | None, posting) -> bool:
    """A coordinator of the posting's town: sees its applications, approves, closes."""
    return (
        can_see_posting(user, posting)
        and can_take_part(user)
        and is_coordinator(user, posting.partnership, posting.town_id)
    )


def can_edit_posting(user: User | None, posting) -> bool:
    if posting.status == "closed" or not can_see_posting(user, posting):
        return False
    if can_manage_posting(user, posting):
        return True
    return (
        can_post_exchange(user, posting.partnership)
        and posting.created_by_id == user.id
        and posting.status in {"draft", "submitted"}
    )


def can_submit_posting(user: User | None, posting) -> bool:
    """Staff send their draft to their town's coordinator for approval."""
    return (
        posting.status == "draft"
        and can_post_exchange(user, posting.partnership)
        and posting.created_by_id == user.id
        and not is_coordinator(user, posting.partnership, posting.town_id)
    )


def can_publish_posting(user: User | None, posting) -> bool:
    """Coordinators open their own drafts and approve what their staff submitted."""
    return (
        posting.status in {"draft", "submitted"}
        and can_manage_posting(user, posting)
        and posting.partnership.status in {"active", "dormant"}
    )


def can_return_posting(user: User | None, posting) -> bool:
    """Send a submitted posting back to its author as a draft, with a note."""
    return posting.status == "submitted" and can_manage_posting(user, posting)


def can_close_posting(user: User | None, posting) -> bool:
    return posting.status == "open" and can_manage_posting(user, posting)


def can_reopen_posting(user: User | None, posting) -> bool:
    return (
        posting.status == "closed"
        and posting.places_left > 0
        and not posting.deadline_passed()
        and can_manage_posting(user, posting)
    )


def apply_blocker(user: User | None, posting) -> str | None:
    """Why the user may not apply to a posting they can see, or None when they may.

    "not_offer", "sign_in", "suspended", "unverified", "not_member", "own_town", "closed",
    "full" or "deadline". (Applying twice is checked against the stored applications.)
    """
    if posting.kind != "offer":
        return "not_offer"
    if not _signed_in(user):
        return "sign_in"
    if user.is_suspended:
        return "suspended"
    if not user.is_verified:
        return "unverified"
    m = membership(user, posting.partnership)
    if m is None or not m.is_active:
        return "not_member"
    if m.town_id == posting.town_id:
        return "own_town"
    if posting.status != "open":
        return "closed"
    if posting.places_left <= 0:
        return "full"
    if posting.deadline_passed():
        return "deadline"
    return None


def can_apply(user: User | None, posting) -> bool:
    return can_see_posting(user, posting) and apply_blocker(user, posting) is None


def can_view_application(user: User | None, application) -> bool:
    """Its page and the CV: the applicant and the people deciding on it."""
    if not _signed_in(user):
        return False
    posting = application.posting
    partnership = posting.partnership
    if not partnership.is_public:
        return False
    if application.applicant_id == user.id:
        return True
    if is_coordinator(user, partnership, application.sending_town_id):
        return True
    return application.host_sees_it and is_coordinator(user, partnership, posting.town_id)


def can_download_cv(user: User | None, application) -> bool:
    return application.cv_sha256 is not None and can_view_application(user, application)


def can_withdraw_application(user: User | None, application) -> bool:
    return (
        _signed_in(user)
        and application.applicant_id == user.id
        and application.status in {"submitted", "endorsed", "shortlisted"}
    )


def can_endorse_application(user: User | None, application) -> bool:
    """The applicant's own town's coordinator endorses (or not) before the host sees it."""
    return (
        application.status == "submitted"
        and can_take_part(user)
        and application.applicant_id != user.id
        and is_coordinator(user, application.posting.partnership, application.sending_town_id)
    )


def can_decide_application(user: User | None, application) -> bool:
    """The host town's coordinators shortlist, accept or decline endorsed applications."""
    posting = application.posting
    return (
        application.status in {"endorsed", "shortlisted"}
        and can_take_part(user)
        and application.applicant_id != user.id
        and is_coordinator(user, posting.partnership, posting.town_id)
    )


def _placement_coordinator(user: User | None, placement) -> bool:
    partnership = placement.partnership
    return is_coordinator(user, partnership, placement.host_town_id) or is_coordinator(
        user, partnership, placement.sending_town_id
    )


def can_view_placement(user: User | None, placement) -> bool:
    """Both sides: the participant and the coordinators of the sending and the host town."""
    if not _signed_in(user) or not placement.partnership.is_public:
        return False
    return placement.participant_id == user.id or _placement_coordinator(user, placement)


def can_edit_placement(user: User | None, placement) -> bool:
    """Agreed dates and learning objectives, until the placement is completed."""
    return (
        placement.completed_at is None
        and can_take_part(user)
        and _placement_coordinator(user, placement)
    )


def placement_report_role(user: User | None, placement) -> str | None:
    """After the end date: "participant" writes the report, "host" the evaluation."""
    if not can_take_part(user) or not placement.has_ended() or placement.nominated_at:
        return None
    if placement.participant_id == user.id:
        return "participant"
    if is_coordinator(user, placement.partnership, placement.host_town_id):
        return "host"
    return None


def can_nominate_placement(user: User | None, placement) -> bool:
    """A completed placement may be proposed to the good-practice library, once."""
    return (
        placement.completed_at is not None
        and placement.nominated_at is None
        and can_take_part(user)
        and _placement_coordinator(user, placement)
    )


def can_view_exchange_indicators(user: User | None, partnership: Partnership) -> bool:
    return can_view_workspace(user, partnership)


# --- moderation ----------------------------------------------------------------------------
# Hub moderators work the whole queue; a partnership's coordinators work the items of their
# own workspace (other workspaces' items answer 404). Suspending people and the audit log are
# hub-wide: moderators only. Content hidden by moderation, or waiting for approval, stays
# visible to its author, the partnership's coordinators and the moderators.

def coordinated_partnership_ids(user: User | None) -> set[int]:
    return {pid for pid, m in memberships_of(user).items() if m.is_coordinator}


def can_open_moderation(user: User | None) -> bool:
    """The queue: moderators, and coordinators of at least one partnership."""
    return can_take_part(user) and (is_moderator(user) or bool(coordinated_partnership_ids(user)))


def can_moderate_in(user: User | None, partnership_id: int | None) -> bool:
    """Act on the queue items of a partnership (None: items of no workspace, like profiles)."""
    if not can_take_part(user):
        return False
    if is_moderator(user):
        return True
    return partnership_id is not None and partnership_id in coordinated_partnership_ids(user)


def can_suspend(user: User | None) -> bool:
    return can_take_part(user) and is_moderator(user)


def can_view_audit_log(user: User | None) -> bool:
    return is_moderator(user)


def can_see_hidden(user: User | None, partnership_id: int | None,
                   author_id: int | None = None) -> bool:
    """See what moderation hid (or what waits for approval): author, coordinators, moderators."""
    if _signed_in(user) and author_id is not None and author_id == user.id:
        return True
    if is_moderator(user):
        return True
    return partnership_id is not None and partnership_id in coordinated_partnership_ids(user)


def can_see_thread(user: User | None, thread) -> bool:
    """Read the thread, unless moderation hid it from this reader."""
    return can_read_thread(user, thread) and (
        thread.hidden_at is None or can_see_hidden(user, thread.partnership_id, thread.author_id)
    )


def can_see_post_text(user: User | None, post) -> bool:
    """The text of a post hidden by moderation (others see a placeholder)."""
    return post.hidden_at is None or can_see_hidden(
        user, post.thread.partnership_id, post.author_id
    )


def can_see_held_post(user: User | None, post) -> bool:
    """A post waiting for approval (or refused) is shown only to its author and moderators."""
    return post.approval == "approved" or can_see_hidden(
        user, post.thread.partnership_id, post.author_id
    )


def can_see_document(user: User | None, document) -> bool:
    return can_view_document(user, document) and (
        document.hidden_at is None
        or can_see_hidden(user, document.partnership_id, document.created_by_id)
    )


def can_see_posting_content(user: User | None, posting) -> bool:
    return can_see_posting(user, posting) and (
        getattr(posting, "hidden_at", None) is None
        or can_see_hidden(user, posting.partnership_id, posting.created_by_id)
    )


def can_flag(user: User | None, item) -> bool:
    """Flag a post, thread, document, posting or profile: whoever may take part, never one's
    own content (a second flag of the same item is refused with a message, not hidden)."""
    if not can_take_part(user):
        return False
    from hub.moderation.targets import target_for

    target = target_for(item)
    return (
        target is not None
        and target.author_id(item) != user.id
        and target.can_view(user, item)
    )


def can_view_notice(user: User | None, action) -> bool:
    """A moderation notice: the person it concerns, and the moderators."""
    return _signed_in(user) and (action.subject_user_id == user.id or is_moderator(user))


# --- good practices ------------------------------------------------------------------------
# Published entries are public. Moderators curate; an entry is published only when a second
# moderator (not its creator, last editor or the one who sent it for review) approves it.
# Coordinators and moderators nominate threads, posts, documents and placements.

def can_curate(user: User | None) -> bool:
    return can_take_part(user) and is_moderator(user)


def can_nominate(user: User | None, partnership: Partnership | None) -> bool:
    return (
        partnership is not None
        and partnership.is_public
        and can_take_part(user)
        and (is_moderator(user) or is_coordinator(user, partnership))
    )


def can_view_good_practice(user: User | None, practice) -> bool:
    return practice.state == "published" or is_moderator(user)


def can_edit_good_practice(user: User | None, practice) -> bool:
    return can_curate(user) and practice.state in {"draft", "in_review", "published"}


def can_submit_good_practice(user: User | None, practice) -> bool:
    return can_curate(user) and practice.state == "draft"


def can_approve_good_practice(user: User | None, practice) -> bool:
    """The second pair of eyes: never the entry's creator, last editor or submitter."""
    if not can_curate(user) or practice.state != "in_review":
        return False
    return user.id not in {
        practice.created_by_id, practice.last_edited_by_id, practice.submitted_by_id
    }


def can_return_good_practice(user: User | None, practice) -> bool:
    return can_curate(user) and practice.state == "in_review"


def can_withdraw_good_practice(user: User | None, practice) -> bool:
    return can_curate(user) and practice.state == "published"


def can_rework_good_practice(user: User | None, practice) -> bool:
    """A withdrawn entry goes back to draft, to be reviewed again."""
    return can_curate(user) and practice.state == "withdrawn"


def can_endorse(user: User | None, practice) -> bool:
    """"This helped us": citizens and staff, signed in, once each."""
    return can_take_part(user) and practice.state == "published"


# --- content translations ------------------------------------------------------------------
# A member translates between two languages they read well (B2 or better, or native); a second
# such member, never the translator, verifies. Coordinators keep their partnership's glossary.

TRANSLATOR_LEVELS = frozenset({"B2", "C1", "C2", "native"})


def reads_language(user: User | None, code: str | None) -> bool:
    return _signed_in(user) and bool(code) and any(
        lang.language == code and lang.level in TRANSLATOR_LEVELS for lang in user.languages
    )


def can_translate(user: User | None, source: str | None, target: str | None) -> bool:
    """Write a human translation from `source` to `target` (the content's visibility aside)."""
    return (
        can_take_part(user)
        and bool(source) and bool(target) and source != target
        and reads_language(user, source) and reads_language(user, target)
    )


def translation_languages(user: User | None, source: str | None) -> list[str]:
    """The languages (UI locales, so that pages exist for them) the user may translate content
    written in `source` into: every other language they read, if they read `source` too."""
    from hub.i18n import is_supported

    if not can_take_part(user) or not reads_language(user, source):
        return []
    return [
        lang.language for lang in user.languages
        if is_supported(lang.language) and can_translate(user, source, lang.language)
    ]


def can_verify_translation(user: User | None, translation) -> bool:
    """A second bilingual member confirms a human translation (never their own)."""
    return (
        translation.origin == "human"
        and translation.verified_at is None
        and translation.translator_id != getattr(user, "id", None)
        and can_translate(user, translation.source_language, translation.language)
    )


def can_request_machine_translation(user: User | None) -> bool:
    """Machine translation costs money or server time: signed-in participants only."""
    from hub.translations.machine import machine_translation_enabled

    return machine_translation_enabled() and can_take_part(user)


def can_view_glossary(user: User | None, partnership: Partnership) -> bool:
    return can_view_partnership(user, partnership)


def can_edit_glossary(user: User | None, partnership: Partnership) -> bool:
    return partnership.is_public and can_take_part(user) and (
        is_coordinator(user, partnership) or is_admin(user)
    )

"""How moderation records read in the reader's language: audit-log actions, target types and
the facts of a snapshot. Unknown codes (from features added later) are shown as they are."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "moderation.autohide": _l("Hidden automatically (flagged by several people)"),
    "moderation.dismiss": _l("Flags dismissed"),
    "moderation.hide": _l("Hidden"),
    "moderation.restore": _l("Restored"),
    "moderation.delete": _l("Deleted"),
    "moderation.warn": _l("Author warned"),
    "moderation.suspend": _l("Author suspended"),
    "moderation.lock": _l("Thread locked"),
    "moderation.approve": _l("Post approved"),
    "moderation.reject": _l("Post rejected"),
    "forum.remove_post": _l("Post removed"),
    "forum.pin": _l("Thread pinned"),
    "forum.unpin": _l("Thread unpinned"),
    "forum.lock": _l("Thread locked"),
    "forum.unlock": _l("Thread unlocked"),
    "good_practice.create": _l("Good practice drafted"),
    "good_practice.update": _l("Good practice changed"),
    "good_practice.submit": _l("Good practice sent for review"),
    "good_practice.approve": _l("Good practice approved and published"),
    "good_practice.return": _l("Good practice sent back to draft"),
    "good_practice.withdraw": _l("Good practice withdrawn"),
    "good_practice.rework": _l("Withdrawn good practice reopened as a draft"),
    "nomination.create": _l("Nominated as a good practice"),
    "nomination.decline": _l("Nomination declined"),
    "membership.approve": _l("Join request approved"),
    "membership.decline": _l("Join request declined"),
    "membership.change_role": _l("Member's role changed"),
    "membership.remove": _l("Member removed"),
    "invitation.send": _l("Invitation sent"),
    "invitation.resend": _l("Invitation sent again"),
    "invitation.revoke": _l("Invitation revoked"),
}

TARGET_TYPE_LABELS = {
    "forum_post": _l("Post"),
    "forum_thread": _l("Thread"),
    "library_document": _l("Document"),
    "exchange_posting": _l("Exchange posting"),
    "user": _l("User"),
    "town": _l("Town"),
    "partnership": _l("Partnership"),
    "membership": _l("Membership"),
    "good_practice": _l("Good practice"),
    "nomination": _l("Nomination"),
    "invitation": _l("Invitation"),
}

FACT_LABELS = {
    "partnership": _l("Partnership"),
    "visibility": _l("Visible to"),
    "written": _l("Written"),
    "filename": _l("File"),
    "version": _l("Version"),
    "sha256": _l("SHA-256"),
    "contact": _l("Contact"),
    "department": _l("Department"),
    "town": _l("Town"),
    "languages": _l("Languages"),
    "member_since": _l("Member since"),
}

VISIBILITY_LABELS = {
    "members": _l("Partnership members"),
    "partnership": _l("Partnership members"),
    "hub": _l("Members of every partnership"),
    "public": _l("Everyone (public)"),
}

RESOLUTION_LABELS = {
    "dismissed": _l("Flags dismissed"),
    "hidden": _l("Hidden"),
    "restored": _l("Restored"),
    "deleted": _l("Deleted"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
}

DATE_FACTS = {"written", "member_since"}


def action_label(code: str) -> str:
    if code not in ACTION_LABELS:
        from hub.admin.routes import ACTION_LABELS as ADMIN_LABELS  # towns, partnerships …

        return str(ADMIN_LABELS.get(code, code))
    return str(ACTION_LABELS[code])


def target_type_label(code: str) -> str:
    return str(TARGET_TYPE_LABELS.get(code, code))


def snapshot_facts(snapshot: dict) -> list[tuple[str, str]]:
    """The snapshot's facts as (label, value) in the reader's language; empty ones left out."""
    facts = []
    for key, value in snapshot.get("facts", []):
        if not value:
            continue
        if key in DATE_FACTS:
            try:
                value = format_datetime(datetime.fromisoformat(value), "medium")
            except ValueError:
                pass
        elif key == "visibility":
            value = str(VISIBILITY_LABELS.get(value, value))
        facts.append((str(FACT_LABELS.get(key, key)), value))
    return facts

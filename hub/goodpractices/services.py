"""Writes for the good-practice library: nominations, curated entries and their review,
publication and withdrawal, and endorsements. Every curation step goes to the audit log.

Services flush, never commit (the view does).
"""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db
from hub.goodpractices.models import (
    FIELDS,
    Endorsement,
    GoodPractice,
    GoodPracticeSource,
    GoodPracticeTheme,
    GoodPracticeTown,
    Nomination,
)
from hub.library.textnorm import normalise
from hub.moderation.services import record_action
from hub.notifications.services import notify, register_kind, url_context

register_kind("good_practice.review", lambda n: _(
    "%(actor)s asks you to review the good practice “%(subject)s”",
    actor=n.actor_name, subject=n.subject))
register_kind("good_practice.published", lambda n: _(
    "%(actor)s approved the good practice “%(subject)s”: it is published",
    actor=n.actor_name, subject=n.subject))
register_kind("good_practice.returned", lambda n: _(
    "%(actor)s sent the good practice “%(subject)s” back to draft",
    actor=n.actor_name, subject=n.subject))
register_kind("good_practice.nominated", lambda n: _(
    "%(actor)s nominated “%(subject)s” as a good practice",
    actor=n.actor_name, subject=n.subject))


class CurationError(ValueError):
    """A refused step; the message is translated and meant for the user."""


def _log(actor, action: str, practice: GoodPractice, reason: str = "") -> None:
    record_action(actor, action, "good_practice", practice.id, practice.title, reason=reason,
                  partnership_id=practice.partnership_id)


def entry_path(practice: GoodPractice) -> str:
    with url_context():
        return url_for("good_practices.entry", practice_id=practice.id)


def moderators() -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.site_role.in_(("moderator", "admin")), User.deleted_at.is_(None))
        .order_by(User.id)
    ))


# --- nominations ----------------------------------------------------------------------------

def nominate(user, kind: str, obj, *, label: str, partnership_id: int | None,
             note: str = "") -> Nomination:
    """Propose a thread, post, document or placement (once: CurationError on a second time)."""
    existing = db.session.scalar(select(Nomination).where(
        Nomination.target_type == kind, Nomination.target_id == obj.id))
    if existing is not None:
        raise CurationError(_("This has already been nominated as a good practice."))
    nomination = Nomination(
        target_type=kind, target_id=obj.id, partnership_id=partnership_id, label=label[:255],
        note=(note or "").strip(), nominated_by_id=user.id, created_at=utcnow(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(nomination)
    except IntegrityError:
        raise CurationError(_("This has already been nominated as a good practice.")) from None
    record_action(user, "nomination.create", "nomination", nomination.id, nomination.label,
                  reason=nomination.note, partnership_id=partnership_id)
    with url_context():
        link = url_for("good_practices.curate")
    for moderator in moderators():
        notify(moderator, "good_practice.nominated", actor=user, subject=nomination.label,
               url=link, partnership_id=partnership_id, target_type="nomination",
               target_id=nomination.id)
    return nomination


def decline_nomination(curator, nomination: Nomination, reason: str) -> None:
    if nomination.status != "open":
        raise CurationError(_("This nomination has already been decided."))
    nomination.status = "declined"
    nomination.decided_by_id = curator.id
    nomination.decided_at = utcnow()
    nomination.decision_note = reason.strip()
    record_action(curator, "nomination.decline", "nomination", nomination.id, nomination.label,
                  reason=nomination.decision_note, partnership_id=nomination.partnership_id)
    db.session.flush()


# --- entries --------------------------------------------------------------------------------

def _apply(practice: GoodPractice, values: dict) -> None:
    practice.title = values["title"].strip()
    for name in FIELDS:
        setattr(practice, name, (values.get(name) or "").strip())
    practice.language = values["language"]
    practice.field_languages = {
        name: code for name, code in (values.get("field_languages") or {}).items()
        if code and code != practice.language
    }
    practice.partnership_id = values.get("partnership_id") or None
    themes = list(dict.fromkeys(values.get("themes") or []))
    practice.themes = [t for t in practice.themes if t.theme in themes] + [
        GoodPracticeTheme(theme=code) for code in themes if code not in practice.theme_codes
    ]
    town_ids = list(dict.fromkeys(values.get("town_ids") or []))
    kept = [t for t in practice.towns if t.town_id in town_ids]
    practice.towns = kept + [
        GoodPracticeTown(town_id=tid) for tid in town_ids if tid not in {t.town_id for t in kept}
    ]
    practice.sources = [
        GoodPracticeSource(position=i, **source)
        for i, source in enumerate(values.get("sources") or [])
    ]
    practice.search_text = normalise(" ".join(
        [practice.title] + [getattr(practice, name) for name in FIELDS]
    ))
    practice.updated_at = utcnow()


def create_entry(curator, values: dict, nomination: Nomination | None = None) -> GoodPractice:
    practice = GoodPractice(state="draft", created_by_id=curator.id,
                            last_edited_by_id=curator.id, created_at=utcnow())
    _apply(practice, values)
    db.session.add(practice)
    db.session.flush()
    if nomination is not None:
        nomination.status = "accepted"
        nomination.good_practice_id = practice.id
        nomination.decided_by_id = curator.id
        nomination.decided_at = utcnow()
    _log(curator, "good_practice.create", practice)
    db.session.flush()
    return practice


def update_entry(curator, practice: GoodPractice, values: dict) -> None:
    """Change an entry. An entry in review goes back to draft (the change needs its own
    review); a published one stays published and shows when it was updated."""
    if not permissions.can_edit_good_practice(curator, practice):
        raise CurationError(_("This entry cannot be changed in its present state."))
    _apply(practice, values)
    practice.last_edited_by_id = curator.id
    if practice.state == "in_review":
        practice.state = "draft"
        practice.submitted_by_id = None
        practice.submitted_at = None
    elif practice.state == "published":
        practice.revised_at = utcnow()
    _log(curator, "good_practice.update", practice)
    db.session.flush()


def submit(curator, practice: GoodPractice) -> None:
    if not permissions.can_submit_good_practice(curator, practice):
        raise CurationError(_("Only drafts can be sent for review."))
    practice.state = "in_review"
    practice.submitted_by_id = curator.id
    practice.submitted_at = utcnow()
    _log(curator, "good_practice.submit", practice)
    link = entry_path(practice)
    for moderator in moderators():
        if moderator.id not in {practice.created_by_id, practice.last_edited_by_id}:
            notify(moderator, "good_practice.review", actor=curator, subject=practice.title,
                   url=link, target_type="good_practice", target_id=practice.id)
    db.session.flush()


def approve(curator, practice: GoodPractice) -> None:
    """The second moderator's approval publishes the entry."""
    if practice.state != "in_review":
        raise CurationError(_("Only entries in review can be approved."))
    if not permissions.can_approve_good_practice(curator, practice):
        raise CurationError(_("A second moderator must approve: not the one who wrote, last "
                              "changed or sent the entry for review."))
    now = utcnow()
    practice.state = "published"
    practice.approved_by_id = curator.id
    if practice.published_at is None:
        practice.published_at = now
    else:
        practice.revised_at = now  # published again after being withdrawn
    _log(curator, "good_practice.approve", practice)
    link = entry_path(practice)
    for uid in {practice.created_by_id, practice.submitted_by_id} - {None, curator.id}:
        user = db.session.get(User, uid)
        if user is not None:
            notify(user, "good_practice.published", actor=curator, subject=practice.title,
                   url=link, target_type="good_practice", target_id=practice.id)
    db.session.flush()


def return_to_draft(curator, practice: GoodPractice, reason: str) -> None:
    if not permissions.can_return_good_practice(curator, practice):
        raise CurationError(_("Only entries in review can be sent back."))
    submitter = practice.submitted_by
    practice.state = "draft"
    practice.submitted_by_id = None
    practice.submitted_at = None
    _log(curator, "good_practice.return", practice, reason)
    if submitter is not None:
        notify(submitter, "good_practice.returned", actor=curator, subject=practice.title,
               url=entry_path(practice), target_type="good_practice", target_id=practice.id)
    db.session.flush()


def withdraw(curator, practice: GoodPractice, reason: str) -> None:
    if not permissions.can_withdraw_good_practice(curator, practice):
        raise CurationError(_("Only published entries can be withdrawn."))
    practice.state = "withdrawn"
    practice.withdrawn_at = utcnow()
    practice.withdrawal_reason = reason.strip()
    _log(curator, "good_practice.withdraw", practice, reason)
    db.session.flush()


def rework(curator, practice: GoodPractice) -> None:
    if not permissions.can_rework_good_practice(curator, practice):
        raise CurationError(_("Only withdrawn entries can be reopened."))
    practice.state = "draft"
    practice.submitted_by_id = None
    practice.submitted_at = None
    practice.last_edited_by_id = curator.id
    _log(curator, "good_practice.rework", practice)
    db.session.flush()


# --- endorsements ---------------------------------------------------------------------------

def endorse(user, practice: GoodPractice) -> bool:
    """"This helped us", once per person: False when the user had already endorsed it."""
    if practice.state != "published":
        raise CurationError(_("Only published good practices can be endorsed."))
    try:
        with db.session.begin_nested():
            db.session.add(Endorsement(good_practice_id=practice.id, user_id=user.id,
                                       created_at=utcnow()))
    except IntegrityError:
        return False
    return True

"""Writes for the exchange: postings through draft → (submitted →) open → closed, applications
through endorsement and decision, placements and their reports. Services flush, never commit.

State changes of applications and places are conditional UPDATEs (`WHERE status IN (…)`,
`WHERE places_taken < places`) whose row count says whether this request won: two coordinators
deciding at the same moment cannot both take the last place or decide the same application twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import update

from hub import permissions
from hub.accounts.models import User
from hub.db import utcnow
from hub.exchange import queries
from hub.exchange.models import (
    UNDECIDED,
    Application,
    Placement,
    Posting,
    PostingLanguage,
)
from hub.exchange.notices import (
    application_path,
    coordinators_of,
    posting_path,
    tell,
)
from hub.extensions import db
from hub.library import uploads
from hub.library.sniff import Refused
from hub.partnerships.models import Partnership

CV_KINDS = {"pdf", "docx", "odt", "text", "markdown"}
CV_MAX_BYTES = 10 * 1024 * 1024
POSTING_FIELDS = (
    "kind", "title", "description", "language", "format", "theme", "department", "host_town_id",
    "duration_days", "earliest_start", "latest_end", "places", "eligibility", "costs_covered",
    "deadline", "contact", "visibility",
)


class ExchangeError(Exception):
    """A refused change; `message` is translated, `field` names the form field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def refusal_message(blocker: str) -> str:
    messages = {
        "not_offer": _("Only offers take applications: please contact the authors of this "
                       "request."),
        "sign_in": _("Please sign in to apply."),
        "suspended": _("Your account is suspended: you cannot apply at the moment."),
        "unverified": _("Please confirm your e-mail address before you apply."),
        "not_member": _("Only staff of the partner towns of this partnership can apply."),
        "own_town": _("This offer comes from your own town: its staff cannot apply to it."),
        "closed": _("This offer is closed: it takes no more applications."),
        "full": _("This offer is full: every place has been taken."),
        "deadline": _("The application deadline has passed."),
        "already": _("You have already applied to this offer."),
    }
    return messages[blocker]


# --- postings -------------------------------------------------------------------------------

def _set_languages(posting: Posting, languages: dict[str, str]) -> None:
    """Change the required languages in place (never delete and re-add the same language)."""
    existing = {pl.language: pl for pl in posting.languages}
    for code, pl in existing.items():
        if code not in languages:
            posting.languages.remove(pl)
    for code, level in languages.items():
        if code in existing:
            existing[code].level = level
        else:
            posting.languages.append(PostingLanguage(language=code, level=level))


def _posting_fields(fields: dict) -> dict:
    unknown = set(fields) - set(POSTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown posting fields: {sorted(unknown)}")
    values = dict(fields)
    if values.get("host_town_id") == 0:
        values["host_town_id"] = None
    return values


def create_posting(partnership: Partnership, author: User, *, town_id: int,
                   languages: dict[str, str], **fields) -> Posting:
    """A new posting of `town_id` (the author's town), as a draft."""
    now = utcnow()
    posting = Posting(
        partnership=partnership, town_id=town_id, created_by=author, status="draft",
        created_at=now, updated_at=now, **_posting_fields(fields),
    )
    _set_languages(posting, languages)
    db.session.add(posting)
    db.session.flush()
    return posting


def update_posting(posting: Posting, *, languages: dict[str, str], **fields) -> None:
    for name, value in _posting_fields(fields).items():
        setattr(posting, name, value)
    _set_languages(posting, languages)
    posting.updated_at = utcnow()
    db.session.flush()


def submit_posting(posting: Posting, author: User) -> None:
    """Staff send their draft to their town's coordinators for approval."""
    posting.status = "submitted"
    posting.submitted_at = utcnow()
    posting.review_note = None
    db.session.flush()
    tell(coordinators_of(posting.partnership_id, posting.town_id), "exchange.posting_submitted",
          author, posting.title, posting_path(posting), posting.partnership_id,
          ("exchange_posting", posting.id))


def publish_posting(posting: Posting, coordinator: User) -> None:
    """Open the posting (a coordinator's own draft, or staff's submitted one: approval)."""
    if posting.deadline_passed():
        raise ExchangeError(
            _("The application deadline has passed: please change it before publishing."),
            field="deadline",
        )
    posting.status = "open"
    posting.opened_at = utcnow()
    posting.approved_by_id = coordinator.id
    posting.review_note = None
    db.session.flush()
    if posting.created_by is not None:
        tell([posting.created_by], "exchange.posting_published", coordinator, posting.title,
              posting_path(posting), posting.partnership_id, ("exchange_posting", posting.id))


def return_posting(posting: Posting, coordinator: User, note: str) -> None:
    posting.status = "draft"
    posting.review_note = note.strip()
    db.session.flush()
    if posting.created_by is not None:
        tell([posting.created_by], "exchange.posting_returned", coordinator, posting.title,
              posting_path(posting), posting.partnership_id, ("exchange_posting", posting.id))


def close_posting(posting: Posting, reason: str = "manual") -> None:
    posting.status = "closed"
    posting.closed_reason = reason
    posting.closed_at = utcnow()
    db.session.flush()


def reopen_posting(posting: Posting) -> None:
    posting.status = "open"
    posting.closed_reason = None
    posting.closed_at = None
    db.session.flush()


# --- applications ---------------------------------------------------------------------------

def check_cv(file_storage) -> uploads.PreparedFile | None:
    """The uploaded CV checked by its content (like library files); ExchangeError if refused."""
    if file_storage is None or not getattr(file_storage, "filename", ""):
        return None
    try:
        prepared = uploads.prepare(file_storage)
    except Refused as refusal:
        raise ExchangeError(refusal.message, field="cv") from refusal
    if prepared.sniffed.kind not in CV_KINDS:
        raise ExchangeError(
            _("“%(name)s” cannot be used as a CV: please send a PDF, DOCX, ODT or plain-text "
              "file.", name=prepared.filename),
            field="cv",
        )
    prepared.stream.seek(0, 2)
    too_large = prepared.stream.tell() > CV_MAX_BYTES
    prepared.stream.seek(0)
    if too_large:
        raise ExchangeError(_("A CV can be at most 10 MB."), field="cv")
    return prepared


def apply(posting: Posting, applicant: User, *, motivation: str, languages: dict[str, str],
          preferred_start: date | None = None, preferred_end: date | None = None,
          cv: uploads.PreparedFile | None = None) -> Application:
    """Apply to an offer. Refused (nothing stored) when the applicant may not apply."""
    blocker = permissions.apply_blocker(applicant, posting)
    if blocker is None and db.session.scalar(queries.application_of(applicant, posting)):
        blocker = "already"
    if blocker is not None:
        raise ExchangeError(refusal_message(blocker))
    town_id = permissions.membership(applicant, posting.partnership).town_id
    now = utcnow()
    application = Application(
        posting=posting, applicant=applicant, sending_town_id=town_id,
        motivation=motivation.strip(), languages=dict(languages),
        preferred_start=preferred_start, preferred_end=preferred_end, created_at=now,
    )
    if cv is not None:
        stored = uploads.store(cv)
        application.cv_sha256 = stored.sha256
        application.cv_size = stored.size
        application.cv_filename = cv.filename
        application.cv_kind = cv.sniffed.kind
        application.cv_media_type = cv.sniffed.media_type
    # A coordinator applying speaks for their own town: no one else has to endorse them.
    if permissions.is_coordinator(applicant, posting.partnership, town_id):
        application.status = "endorsed"
        application.endorsed_by_id = applicant.id
        application.endorsed_at = now
    db.session.add(application)
    db.session.flush()
    if application.status == "endorsed":
        recipients, kind = coordinators_of(posting.partnership_id, posting.town_id), "to_decide"
    else:
        recipients, kind = coordinators_of(posting.partnership_id, town_id), "applied"
    tell(recipients, f"exchange.{kind}", applicant, posting.title, application_path(application),
          posting.partnership_id, ("exchange_application", application.id))
    return application


def _transition(application: Application, from_states, to_state: str, **values) -> bool:
    """Move the application on only if it is still in one of `from_states` (one winner)."""
    result = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status.in_(tuple(from_states)))
        .values(status=to_state, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(application)
    return result.rowcount == 1


def _already_decided() -> ExchangeError:
    return ExchangeError(_("Someone has already decided on this application."))


def withdraw(application: Application, applicant: User) -> None:
    was = application.status
    if not _transition(application, UNDECIDED, "withdrawn", withdrawn_at=utcnow()):
        raise ExchangeError(_("This application has already been decided on."))
    posting = application.posting
    town = posting.town_id if was in {"endorsed", "shortlisted"} else application.sending_town_id
    tell(coordinators_of(posting.partnership_id, town), "exchange.withdrawn", applicant,
          posting.title, application_path(application), posting.partnership_id,
          ("exchange_application", application.id))


def endorse(application: Application, coordinator: User, *, endorsed: bool, note: str) -> None:
    now = utcnow()
    values = {"endorsement_note": note.strip() or None}
    if endorsed:
        values.update(endorsed_by_id=coordinator.id, endorsed_at=now)
    ok = _transition(application, ("submitted",), "endorsed" if endorsed else "refused", **values)
    if not ok:
        raise _already_decided()
    posting = application.posting
    target = ("exchange_application", application.id)
    path = application_path(application)
    kind = "exchange.endorsed" if endorsed else "exchange.not_endorsed"
    tell([application.applicant], kind, coordinator, posting.title, path,
          posting.partnership_id, target)
    if endorsed:
        tell(coordinators_of(posting.partnership_id, posting.town_id), "exchange.to_decide",
              coordinator, posting.title, path, posting.partnership_id, target)


def decide(application: Application, coordinator: User, *, decision: str,
           message: str = "") -> Placement | None:
    """Shortlist, accept or decline. Accepting takes a place; the last place closes the offer."""
    posting = application.posting
    now = utcnow()
    values = {"decided_by_id": coordinator.id, "decided_at": now,
              "decision_message": message.strip() or None}
    placement = None
    if decision == "shortlist":
        if not _transition(application, ("endorsed",), "shortlisted"):
            raise _already_decided()
    elif decision == "decline":
        if not _transition(application, ("endorsed", "shortlisted"), "declined", **values):
            raise _already_decided()
    elif decision == "accept":
        if not _transition(application, ("endorsed", "shortlisted"), "accepted", **values):
            raise _already_decided()
        take_place(posting)
        placement = _create_placement(application, posting)
    else:
        raise ValueError(decision)
    _notify_decision(application, coordinator, decision)
    return placement


def take_place(posting: Posting) -> None:
    """One place of an open offer, or ExchangeError: one atomic UPDATE decides who gets it."""
    taken = db.session.execute(
        update(Posting)
        .where(
            Posting.id == posting.id,
            Posting.status == "open",
            Posting.places_taken < Posting.places,
        )
        .values(places_taken=Posting.places_taken + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise ExchangeError(
            _("This offer is full: every place has been taken. The application stays "
              "undecided.")
        )
    db.session.execute(
        update(Posting)
        .where(Posting.id == posting.id, Posting.places_taken >= Posting.places)
        .values(status="closed", closed_reason="full", closed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.expire(posting)


def _create_placement(application: Application, posting: Posting) -> Placement:
    start = application.preferred_start or posting.earliest_start
    end = application.preferred_end or min(
        start + timedelta(days=posting.duration_days - 1), posting.latest_end
    )
    if end < start:
        end = start
    placement = Placement(
        application_id=application.id, posting_id=posting.id,
        partnership_id=posting.partnership_id, participant_id=application.applicant_id,
        sending_town_id=application.sending_town_id, host_town_id=posting.town_id,
        start_on=start, end_on=end, objectives="", created_at=utcnow(), updated_at=utcnow(),
    )
    db.session.add(placement)
    db.session.flush()
    return placement


def _notify_decision(application: Application, coordinator: User, decision: str) -> None:
    posting = application.posting
    target = ("exchange_application", application.id)
    path = application_path(application)
    kind = {"shortlist": "shortlisted", "accept": "accepted", "decline": "declined"}[decision]
    tell([application.applicant], f"exchange.{kind}", coordinator, posting.title, path,
          posting.partnership_id, target)
    if decision == "shortlist":
        return
    others = coordinators_of(posting.partnership_id, application.sending_town_id)
    others += coordinators_of(posting.partnership_id, posting.town_id)
    tell([u for u in others if u.id != application.applicant_id], f"exchange.{kind}_other",
          coordinator, posting.title, path, posting.partnership_id, target)

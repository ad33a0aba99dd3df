"""Personnel exchange: postings (offers and requests), applications, placements and reports.

A posting belongs to one partnership and one of its towns (the town whose staff wrote it; for an
offer that town hosts). Places are counted in `places_taken`, moved only by a conditional UPDATE
(`places_taken < places`), so two coordinators accepting the last place at once cannot both win.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.towns.models import Town

POSTING_KINDS = ("offer", "request")
POSTING_STATUSES = ("draft", "submitted", "open", "closed")
VISIBILITIES = ("partnership", "hub", "public")
REQUIRED_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
SPOKEN_LEVELS = (*REQUIRED_LEVELS, "native")
# submitted: waits for the sending town's coordinator; endorsed: the host sees it;
# refused: the sending coordinator did not endorse it; the rest are the host's decisions.
APPLICATION_STATUSES = (
    "submitted", "endorsed", "refused", "shortlisted", "accepted", "declined", "withdrawn"
)
UNDECIDED = ("submitted", "endorsed", "shortlisted")
REPORT_ROLES = ("participant", "host")
TITLE_MAX = 200
TEXT_MAX = 20_000


def level_rank(level: str | None) -> int:
    """A1 → 1 … C2 → 6, native → 7; unknown → 0."""
    if level == "native":
        return 7
    return REQUIRED_LEVELS.index(level) + 1 if level in REQUIRED_LEVELS else 0


class Posting(db.Model):
    __tablename__ = "exchange_posting"
    __table_args__ = (
        CheckConstraint("places >= 1", name="places_positive"),
        CheckConstraint("places_taken >= 0 AND places_taken <= places", name="places_taken_range"),
        Index("ix_exchange_posting_board", "status", "visibility", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"), index=True)
    host_town_id: Mapped[int | None] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16), default="offer")  # offer / request
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))  # the language the posting is written in
    format: Mapped[str] = mapped_column(String(24), index=True)
    theme: Mapped[str] = mapped_column(String(40), index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    duration_days: Mapped[int] = mapped_column(Integer)
    earliest_start: Mapped[date] = mapped_column(Date)
    latest_end: Mapped[date] = mapped_column(Date)
    places: Mapped[int] = mapped_column(Integer, default=1)
    places_taken: Mapped[int] = mapped_column(Integer, default=0)
    eligibility: Mapped[str] = mapped_column(Text, default="")
    costs_covered: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadline: Mapped[date] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(255), default="")
    visibility: Mapped[str] = mapped_column(String(16), default="partnership")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    review_note: Mapped[str | None] = mapped_column(String(2000))  # why it went back to draft
    closed_reason: Mapped[str | None] = mapped_column(String(16))  # manual / full
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Hidden by moderation: only its author, the coordinators and the moderators still see it.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partnership: Mapped[Partnership] = relationship()
    town: Mapped[Town] = relationship(foreign_keys=[town_id])
    host_town: Mapped[Town | None] = relationship(foreign_keys=[host_town_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    languages: Mapped[list[PostingLanguage]] = relationship(
        back_populates="posting", cascade="all, delete-orphan", order_by="PostingLanguage.id"
    )

    @property
    def places_left(self) -> int:
        return max(0, self.places - self.places_taken)

    @property
    def is_offer(self) -> bool:
        return self.kind == "offer"

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def deadline_passed(self, today: date | None = None) -> bool:
        return self.deadline < (today or utcnow().date())

    def __repr__(self) -> str:
        return f"<Posting {self.id} {self.kind} {self.status}>"


class PostingLanguage(db.Model):
    """A language the posting requires, with the minimum CEFR level (A1–C2)."""

    __tablename__ = "exchange_posting_language"
    __table_args__ = (UniqueConstraint("posting_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_posting.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(2))

    posting: Mapped[Posting] = relationship(back_populates="languages")


class Application(db.Model):
    """Someone of a partner town applies to an offer; their own coordinator endorses it first."""

    __tablename__ = "exchange_application"
    __table_args__ = (UniqueConstraint("posting_id", "applicant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_posting.id", ondelete="CASCADE"), index=True
    )
    applicant_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    sending_town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    motivation: Mapped[str] = mapped_column(Text)
    languages: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # code → level
    preferred_start: Mapped[date | None] = mapped_column(Date)
    preferred_end: Mapped[date | None] = mapped_column(Date)
    cv_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    cv_filename: Mapped[str | None] = mapped_column(String(255))
    cv_media_type: Mapped[str | None] = mapped_column(String(255))
    cv_kind: Mapped[str | None] = mapped_column(String(16))
    cv_size: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    endorsed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    endorsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    endorsement_note: Mapped[str | None] = mapped_column(String(2000))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_message: Mapped[str | None] = mapped_column(String(4000))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    posting: Mapped[Posting] = relationship()
    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id])
    sending_town: Mapped[Town] = relationship()
    endorsed_by: Mapped[User | None] = relationship(foreign_keys=[endorsed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    placement: Mapped[Placement | None] = relationship(back_populates="application")

    @property
    def is_undecided(self) -> bool:
        return self.status in UNDECIDED

    @property
    def host_sees_it(self) -> bool:
        """The host town sees an application once the sending town has endorsed it."""
        return self.endorsed_at is not None

    def __repr__(self) -> str:
        return f"<Application {self.id} {self.status}>"


class Placement(db.Model):
    """An accepted application: agreed dates, learning objectives, reports, completion."""

    __tablename__ = "exchange_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_application.id", ondelete="CASCADE"), unique=True
    )
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_posting.id", ondelete="CASCADE"), index=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    sending_town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    host_town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    objectives: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "Nominate as a good practice": the moderation queue picks nominated placements up.
    nominated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    nomination_note: Mapped[str | None] = mapped_column(String(2000))

    application: Mapped[Application] = relationship(back_populates="placement")
    posting: Mapped[Posting] = relationship()
    partnership: Mapped[Partnership] = relationship()
    participant: Mapped[User | None] = relationship(foreign_keys=[participant_id])
    sending_town: Mapped[Town] = relationship(foreign_keys=[sending_town_id])
    host_town: Mapped[Town] = relationship(foreign_keys=[host_town_id])
    reports: Mapped[list[PlacementReport]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", order_by="PlacementReport.id"
    )

    @property
    def days(self) -> int:
        """Participant-days: both the first and the last day count."""
        return (self.end_on - self.start_on).days + 1

    def has_ended(self, today: date | None = None) -> bool:
        return self.end_on < (today or utcnow().date())

    def report(self, role: str) -> PlacementReport | None:
        return next((r for r in self.reports if r.role == role), None)

    def __repr__(self) -> str:
        return f"<Placement {self.id}>"


class PlacementReport(db.Model):
    """After the end date: the participant's report and the host's evaluation (one each)."""

    __tablename__ = "exchange_placement_report"
    __table_args__ = (UniqueConstraint("placement_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_placement.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))  # participant / host
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    learned: Mapped[str] = mapped_column(Text)  # what was learned
    apply_at_home: Mapped[str] = mapped_column(Text)  # what will be applied at home
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    placement: Mapped[Placement] = relationship(back_populates="reports")
    author: Mapped[User | None] = relationship()

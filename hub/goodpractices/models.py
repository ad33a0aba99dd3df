"""The good-practice library: curated entries, their themes, towns and sources, nominations
and endorsements.

An entry's texts are columns with one source language (`language`), and a field may say it was
written in another (`field_languages`). Translations per field (target type "good_practice",
target id, field name) are for the languages feature to add; nothing here needs to change.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.towns.models import Town

STATES = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "published": _l("Published"),
    "withdrawn": _l("Withdrawn"),
}
# The entry's texts after its title, in the order they are shown.
FIELDS = {
    "summary": _l("Summary"),
    "problem": _l("The problem"),
    "approach": _l("What was done"),
    "results": _l("Results and evidence"),
    "resources": _l("Resources and cost"),
    "transferability": _l("How transferable it is"),
    "pitfalls": _l("What to watch out for"),
    "contacts": _l("Contacts"),
}
TRANSLATABLE_FIELDS = ("title", *FIELDS)
NOMINATION_TYPES = {
    "thread": _l("Thread"),
    "post": _l("Post"),
    "document": _l("Document"),
    "placement": _l("Completed placement"),
}
SOURCE_KINDS = (*NOMINATION_TYPES, "link")
TITLE_MAX = 200
SUMMARY_MAX = 1000
TEXT_MAX = 20_000


class GoodPractice(db.Model):
    __tablename__ = "good_practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    approach: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    transferability: Mapped[str] = mapped_column(Text, default="")
    pitfalls: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), index=True)  # the source language
    field_languages: Mapped[dict] = mapped_column(JSON, default=dict)  # field → language
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")  # folded texts, for search
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    last_edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    revised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # changed once published
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")

    partnership: Mapped[Partnership | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    themes: Mapped[list[GoodPracticeTheme]] = relationship(
        back_populates="good_practice", cascade="all, delete-orphan",
        order_by="GoodPracticeTheme.theme",
    )
    towns: Mapped[list[GoodPracticeTown]] = relationship(
        back_populates="good_practice", cascade="all, delete-orphan",
        order_by="GoodPracticeTown.id",
    )
    sources: Mapped[list[GoodPracticeSource]] = relationship(
        back_populates="good_practice", cascade="all, delete-orphan",
        order_by="GoodPracticeSource.position",
    )

    @property
    def theme_codes(self) -> list[str]:
        return [t.theme for t in self.themes]

    @property
    def town_list(self) -> list[Town]:
        return [t.town for t in self.towns]

    def language_of(self, field: str) -> str:
        """The language a field was written in (the entry's own, unless the field says)."""
        return (self.field_languages or {}).get(field) or self.language

    def __repr__(self) -> str:
        return f"<GoodPractice {self.id} {self.state} {self.title!r}>"


class GoodPracticeTheme(db.Model):
    __tablename__ = "good_practice_theme"
    __table_args__ = (UniqueConstraint("good_practice_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    good_practice_id: Mapped[int] = mapped_column(
        ForeignKey("good_practice.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(40), index=True)

    good_practice: Mapped[GoodPractice] = relationship(back_populates="themes")


class GoodPracticeTown(db.Model):
    __tablename__ = "good_practice_town"
    __table_args__ = (UniqueConstraint("good_practice_id", "town_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    good_practice_id: Mapped[int] = mapped_column(
        ForeignKey("good_practice.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="CASCADE"), index=True)

    good_practice: Mapped[GoodPractice] = relationship(back_populates="towns")
    town: Mapped[Town] = relationship()


class GoodPracticeSource(db.Model):
    """A source of an entry: something in the hub (which keeps its own permissions: shown as a
    link only to people who may see it) or an outside link."""

    __tablename__ = "good_practice_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    good_practice_id: Mapped[int] = mapped_column(
        ForeignKey("good_practice.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # thread/post/document/placement/link
    target_id: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(500), default="")
    label: Mapped[str] = mapped_column(String(255), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    good_practice: Mapped[GoodPractice] = relationship(back_populates="sources")


class Nomination(db.Model):
    """A thread, post, document or completed placement proposed for the library (once each)."""

    __tablename__ = "good_practice_nomination"
    __table_args__ = (UniqueConstraint("target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="SET NULL"), index=True
    )
    label: Mapped[str] = mapped_column(String(255), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    good_practice_id: Mapped[int | None] = mapped_column(
        ForeignKey("good_practice.id", ondelete="SET NULL")
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    partnership: Mapped[Partnership | None] = relationship()
    nominated_by: Mapped[User | None] = relationship(foreign_keys=[nominated_by_id])
    good_practice: Mapped[GoodPractice | None] = relationship()


class Endorsement(db.Model):
    """"This helped us": one per person and entry."""

    __tablename__ = "good_practice_endorsement"
    __table_args__ = (UniqueConstraint("good_practice_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    good_practice_id: Mapped[int] = mapped_column(
        ForeignKey("good_practice.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

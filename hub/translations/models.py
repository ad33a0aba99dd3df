"""Translations of user content (per field) and the partnerships' shared glossaries.

A translation points at its original by target type + id + field (see targets.py) and keeps the
SHA-256 of the original text it was made from: when the original is edited, the hashes differ and
the translation is shown as possibly out of date. Human and machine translations are separate
rows (`origin`), so a machine translation never overwrites a human one.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.partnerships.models import Partnership

ORIGINS = ("human", "machine")
TEXT_MAX = 50_000
TERM_MAX = 200


def source_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


class ContentTranslation(db.Model):
    __tablename__ = "content_translation"
    __table_args__ = (
        UniqueConstraint("target_type", "target_id", "field", "language", "origin",
                         name="uq_content_translation_target"),
        Index("ix_content_translation_lookup", "target_type", "language", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int] = mapped_column()
    field: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))  # the translation's language
    source_language: Mapped[str] = mapped_column(String(8))  # the original's, when translated
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(8), default="human")  # human / machine
    provider: Mapped[str | None] = mapped_column(String(32))  # machine: "deepl", "libretranslate"
    source_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the original's text
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])

    @property
    def is_machine(self) -> bool:
        return self.origin == "machine"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def is_out_of_date(self, original_text: str | None) -> bool:
        return self.source_hash != source_hash(original_text)

    def __repr__(self) -> str:
        return (f"<ContentTranslation {self.target_type}:{self.target_id}.{self.field} "
                f"{self.language} {self.origin}>")


class GlossaryTerm(db.Model):
    """One shared term of a partnership, in each of the languages it is known in."""

    __tablename__ = "glossary_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    entries: Mapped[dict] = mapped_column(JSON, default=dict)  # language code → the term
    note: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # folded entries, for search
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship()

    def entry(self, language: str) -> str:
        return (self.entries or {}).get(language, "")

    def __repr__(self) -> str:
        return f"<GlossaryTerm {self.id} {self.entries!r}>"


class MachineGlossary(db.Model):
    """A glossary kept at a machine-translation provider (DeepL) for one partnership and one
    language pair.

    Stored so that every worker process and every restart reuses one glossary instead of
    creating another at the provider, which limits glossaries per account. `fingerprint` is the
    SHA-256 of the pairs the glossary was made from: when terms change it no longer matches and
    the next machine translation replaces the glossary (see services.py). `url_hash` tells
    provider endpoints apart (DeepL Free and Pro, a test server), whose ids mean nothing to each
    other.
    """

    __tablename__ = "machine_glossary"
    __table_args__ = (
        UniqueConstraint("provider", "url_hash", "partnership_id", "source_language",
                         "target_language", name="uq_machine_glossary_scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(32))
    url_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the provider's base URL
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    source_language: Mapped[str] = mapped_column(String(8))
    target_language: Mapped[str] = mapped_column(String(8))
    fingerprint: Mapped[str] = mapped_column(String(64))
    glossary_id: Mapped[str] = mapped_column(String(128))  # the provider's id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return (f"<MachineGlossary {self.provider} p{self.partnership_id} "
                f"{self.source_language}→{self.target_language} {self.glossary_id}>")

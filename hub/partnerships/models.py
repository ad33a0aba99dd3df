"""Partnerships between towns, their members and invitations."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.towns.models import Town


class Partnership(db.Model):
    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    description_language: Mapped[str | None] = mapped_column(String(8))
    founded_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    activity_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    working_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner_towns: Mapped[list[PartnershipTown]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", order_by="PartnershipTown.id"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan"
    )
    proposed_by: Mapped[User | None] = relationship()

    @property
    def towns(self) -> list[Town]:
        return [pt.town for pt in self.partner_towns]

    @property
    def is_public(self) -> bool:
        return self.status != "proposed"

    def __repr__(self) -> str:
        return f"<Partnership {self.slug}>"


class PartnershipTown(db.Model):
    __tablename__ = "partnership_town"
    __table_args__ = (UniqueConstraint("partnership_id", "town_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"), index=True)

    partnership: Mapped[Partnership] = relationship(back_populates="partner_towns")
    town: Mapped[Town] = relationship()


class Membership(db.Model):
    """A user's place in a partnership, representing one of its towns."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "partnership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(16), default="staff")  # staff / coordinator
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending / active
    message: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    partnership: Mapped[Partnership] = relationship(back_populates="memberships")
    town: Mapped[Town] = relationship()

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == "coordinator"


class Invitation(db.Model):
    """An e-mailed, single-use, expiring invitation to join a partnership for one town."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("town.id", ondelete="RESTRICT"))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16), default="staff")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # A coordinator may take an invitation back before it is used; its link then stops working.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )

    partnership: Mapped[Partnership] = relationship()
    town: Mapped[Town] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.is_pending and self.expires_at > utcnow()

    @property
    def is_pending(self) -> bool:
        """Neither used nor revoked (it may still have expired)."""
        return self.used_at is None and self.revoked_at is None

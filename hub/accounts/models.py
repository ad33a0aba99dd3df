"""Accounts: users, the languages they speak, and single-use e-mailed tokens."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from hub.db import UTCDateTime, utcnow
from hub.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))
    town_id: Mapped[int | None] = mapped_column(ForeignKey("town.id", ondelete="SET NULL"))
    site_role: Mapped[str] = mapped_column(String(16), default="user")  # user/moderator/admin
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # E-mail for notifications: immediately / daily / weekly (digests) / never.
    notify_email: Mapped[str] = mapped_column(
        String(16), default="immediately", server_default="immediately"
    )

    town: Mapped[Town | None] = relationship()  # noqa: F821
    languages: Mapped[list[UserLanguage]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserLanguage.language"
    )

    # Flask-Login: the id carries the session version, so bumping it ends every other session
    # (including "remember me" cookies) at once.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_admin(self) -> bool:
        return self.site_role == "admin"

    @property
    def is_moderator(self) -> bool:
        return self.site_role in {"moderator", "admin"}

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @validates("email")
    def _normalize_email(self, _key: str, value: str | None) -> str:
        # Stored stripped and lower-cased everywhere, so that look-ups match in any case.
        return (value or "").strip().lower()

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserLanguage(db.Model):
    """A language the user speaks, with a CEFR level (or native)."""

    __tablename__ = "user_language"
    __table_args__ = (UniqueConstraint("user_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(8))

    user: Mapped[User] = relationship(back_populates="languages")


class AccountToken(db.Model):
    """A single-use, expiring token sent by e-mail. Only its SHA-256 is stored."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))  # verify / reset / email
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    payload: Mapped[str | None] = mapped_column(String(254))  # new address for "email"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > utcnow()

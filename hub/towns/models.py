"""Towns: the municipalities that twin."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db import UTCDateTime, utcnow
from hub.extensions import db


class Town(db.Model):
    __tablename__ = "town"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    native_name: Mapped[str] = mapped_column(String(120))
    latin_name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    region: Mapped[str | None] = mapped_column(String(120))
    population: Mapped[int | None] = mapped_column(Integer)
    official_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    website: Mapped[str | None] = mapped_column(String(255))
    timezone: Mapped[str | None] = mapped_column(String(64))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def flag(self) -> str:
        """The country's flag as regional-indicator emoji (shown beside the country name)."""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.country.upper())

    @property
    def display_name(self) -> str:
        if self.latin_name and self.latin_name != self.native_name:
            return f"{self.native_name} ({self.latin_name})"
        return self.native_name

    def __repr__(self) -> str:
        return f"<Town {self.slug}>"

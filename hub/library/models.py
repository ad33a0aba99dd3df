"""The library: folders, documents, their versions and the download log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
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

VISIBILITIES = ("members", "public")


class Folder(db.Model):
    __tablename__ = "library_folder"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("library_folder.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship()
    parent: Mapped[Folder | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Folder {self.id} {self.name!r}>"


class Document(db.Model):
    """A document of a partnership's library; its content lives in its versions.

    The current version is always the one with the highest number ("make current again" adds
    a version), so lists join it on (document_id, current_version_number).
    """

    __tablename__ = "library_document"
    __table_args__ = (
        Index("ix_library_document_listing", "partnership_id", "deleted_at", "folder_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="CASCADE"))
    folder_id: Mapped[int | None] = mapped_column(
        ForeignKey("library_folder.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(255))
    title_key: Mapped[str] = mapped_column(String(255), default="")  # normalised, for sorting
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))
    theme: Mapped[str | None] = mapped_column(String(40))
    visibility: Mapped[str] = mapped_column(String(16), default="members")  # members / public
    current_version_number: Mapped[int] = mapped_column(Integer, default=0)
    # Language versions: a translation points at its source; "may be out of date" when the
    # source got a version after the translation's own latest version or confirmation.
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("library_document.id", ondelete="SET NULL"), index=True
    )
    translation_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    search_meta: Mapped[str] = mapped_column(Text, default="")  # normalised title etc.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Hidden by moderation: only the uploader, the coordinators and the moderators still see it.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partnership: Mapped[Partnership] = relationship()
    folder: Mapped[Folder | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    translation_of: Mapped[Document | None] = relationship(remote_side=[id])
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number"
    )

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.title!r}>"


class DocumentVersion(db.Model):
    __tablename__ = "library_version"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("library_document.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))  # the original name, for display only
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # decided by content: sniff.KINDS
    media_type: Mapped[str] = mapped_column(String(120))
    change_note: Mapped[str] = mapped_column(String(500), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)  # "made current again" from n
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    town_id: Mapped[int | None] = mapped_column(
        ForeignKey("town.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    extracted_text: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str | None] = mapped_column(Text)  # normalised extracted_text
    extraction_status: Mapped[str] = mapped_column(String(16), default="none")
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="versions")
    uploaded_by: Mapped[User | None] = relationship()
    town: Mapped[Town | None] = relationship()


class DocumentDownload(db.Model):
    """Who downloaded which version when (shown to the partnership's coordinators)."""

    __tablename__ = "library_download"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("library_document.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(ForeignKey("library_version.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    inline: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    version: Mapped[DocumentVersion] = relationship()
    user: Mapped[User | None] = relationship()

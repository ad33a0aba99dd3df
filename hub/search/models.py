"""The search index: one row per indexed thing, holding its normalised text.

`SearchEntry` is the content table of the full-text index. On SQLite an FTS5 table reads it
(external content, kept in sync by triggers in the same transaction); on PostgreSQL its `tsv`
column holds the tsvector, under a GIN index. Both engine objects are made by hub/search/ddl.py.

The entry holds text, never permissions: who may see a result is decided when searching, by
joining the live rows (see hub/search/visibility.py).
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db


class SearchEntry(db.Model):
    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # a registered type: "post", "document" …
    target_id: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(8))  # of the content, for stemming
    title: Mapped[str] = mapped_column(Text, default="")  # normalised
    body: Mapped[str] = mapped_column(Text, default="")  # normalised
    # PostgreSQL only (NULL on SQLite): simple lexemes of title and body, and the stems of the
    # content's language. Written with the entry by hub/search/postgres.py.
    tsv: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))

    def __repr__(self) -> str:
        return f"<SearchEntry {self.kind} {self.target_id}>"


# The engine objects (FTS5 table, GIN index) follow the table; the index follows every flush.
from hub.search import ddl, sync  # noqa: E402,F401

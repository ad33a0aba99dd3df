"""Column types and helpers shared by the models."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import DateTime, String, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# --- case-insensitive text matching that knows more than ASCII --------------------------------
# SQLite's lower() folds only A–Z, so "θεσσαλονίκη" would not find "Θεσσαλονίκη". `folded(col)`
# lower-cases in SQL with Python's Unicode rules on SQLite (a registered function) and with
# lower() elsewhere; the dot of "İ" (U+0307 after lower-casing) is dropped on both sides so that
# "istanbul" finds "İstanbul". Compare against `fold(term)`.

def fold(text: str | None) -> str:
    return (text or "").lower().replace("\u0307", "")


class folded(FunctionElement):  # noqa: N801 - reads like the SQL function it is
    type = String()
    inherit_cache = True


@compiles(folded)
def _folded_default(element, compiler, **kw):
    return f"replace(lower({compiler.process(element.clauses, **kw)}), chr(775), '')"


@compiles(folded, "sqlite")
def _folded_sqlite(element, compiler, **kw):
    return f"hub_fold({compiler.process(element.clauses, **kw)})"


@event.listens_for(Engine, "connect")
def _register_sqlite_fold(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("hub_fold", 1, fold, deterministic=True)

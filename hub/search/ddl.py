"""The engine-specific objects of the search index, as DDL both create_all() and a migration run.

SQLite: the FTS5 table `search_fts` (external content: it reads `search_entry`) and three
triggers that keep it in step with every insert, update and delete of `search_entry`, in the same
transaction. PostgreSQL: the GIN index on `search_entry.tsv` and a larger statistics target for
that column.

An Alembic migration calls, after creating `search_entry`:

    from hub.search.ddl import create_statements, drop_statements
    for statement in create_statements(op.get_bind().dialect.name):
        op.execute(statement)

(and `drop_statements()` in downgrade, before dropping the table). Autogenerate must not see these
objects as strangers: pass `include_name=hub.search.ddl.include_name` to context.configure()
in migrations/env.py (and to the comparison in tests/core/test_migrations.py).
"""

from __future__ import annotations

from sqlalchemy import event, text

from hub.search.models import SearchEntry

FTS_TABLE = "search_fts"
GIN_INDEX = "ix_search_entry_tsv"

_SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title, body, content='search_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_fts",
]
_POSTGRES_CREATE = [
    "CREATE INDEX IF NOT EXISTS ix_search_entry_tsv ON search_entry USING gin (tsv)",
    # More lexeme statistics: the planner then sees that a rare word matches few entries
    # (and reads them through the GIN index instead of walking the table newest first).
    "ALTER TABLE search_entry ALTER COLUMN tsv SET STATISTICS 2000",
]
_POSTGRES_DROP = ["DROP INDEX IF EXISTS ix_search_entry_tsv"]


def create_statements(dialect: str) -> list[str]:
    return {"sqlite": _SQLITE_CREATE, "postgresql": _POSTGRES_CREATE}.get(dialect, [])


def drop_statements(dialect: str) -> list[str]:
    return {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}.get(dialect, [])


def create_index_objects(connection) -> None:
    for statement in create_statements(connection.dialect.name):
        connection.execute(text(statement))


def drop_index_objects(connection) -> None:
    for statement in drop_statements(connection.dialect.name):
        connection.execute(text(statement))


def include_name(name, type_, parent_names) -> bool:
    """For Alembic autogenerate: leave the FTS5 table, its shadow tables and the GIN index
    alone (they are not SQLAlchemy tables; this module makes them)."""
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    return not (type_ == "index" and name == GIN_INDEX)


@event.listens_for(SearchEntry.__table__, "after_create")
def _after_create(target, connection, **kw):
    create_index_objects(connection)


@event.listens_for(SearchEntry.__table__, "before_drop")
def _before_drop(target, connection, **kw):
    drop_index_objects(connection)

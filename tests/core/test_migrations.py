"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL.

A model change without a migration fails here: run
`flask --app hub db migrate -m "what changed"`, read the generated file, and commit it.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from hub import create_app
from hub.config import ROOT
from hub.extensions import db
from hub.search.ddl import include_name

MIGRATIONS = str(ROOT / "migrations")


@contextmanager
def app_on(database_url: str):
    """A second app bound to `database_url`, its context pushed (the test app stays untouched)."""
    other = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with other.app_context():
        try:
            yield other
        finally:
            db.session.remove()
            db.engine.dispose()


@contextmanager
def scratch_postgres_database(url: str):
    """A throw-away database beside the test database (needs the CREATEDB right)."""
    base = make_url(url)
    name = f"hub_migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def differences_after_upgrade(database_url: str) -> list:
    with app_on(database_url):
        flask_migrate.upgrade(directory=MIGRATIONS)
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name}
            )
            diff = compare_metadata(context, db.metadata)
    assert "alembic_version" in tables
    if database_url.startswith("sqlite"):
        assert "search_fts" in tables  # the full-text index the migration creates by hand
    return diff


def describe(difference) -> str:
    """('add_column', None, 'user', Column('x', …)) → 'add_column user x'."""
    if isinstance(difference, list):  # changes to one column come grouped
        return "; ".join(describe(d) for d in difference)
    operation, *args = difference
    names = [getattr(a, "name", a) for a in args if a is not None and not isinstance(a, dict)]
    return " ".join([operation, *map(str, names)])


def assert_no_differences(diff: list) -> None:
    assert diff == [], (
        "The models and the migrations disagree; write a migration with "
        '`flask --app hub db migrate -m "…"` and review it. Differences:\n'
        + "\n".join(f"  {describe(d)}" for d in diff)
    )


TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ENGINES = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL.startswith("postgresql") else [])


@pytest.mark.parametrize("engine", ENGINES)
def test_upgrade_on_empty_database_matches_models(engine, tmp_path):
    if engine == "sqlite":
        diff = differences_after_upgrade(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    else:
        with scratch_postgres_database(TEST_DATABASE_URL) as scratch:
            diff = differences_after_upgrade(scratch)
    assert_no_differences(diff)


def test_describe_difference():
    from sqlalchemy import Column, String

    column = Column("notify_email", String(16))
    assert describe(("add_column", None, "user", column)) == "add_column user notify_email"


def test_migrations_have_a_single_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}; merge them (flask db merge)"

"""Test fixtures: one app per test session, a clean database for every test.

TEST_DATABASE_URL picks the engine (SQLite in memory by default; PostgreSQL in CI's second run).
"""

from __future__ import annotations

import os
import re
import secrets
from contextlib import contextmanager

import pytest
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, select, text

from hub import create_app
from hub.extensions import db as _db
from hub.extensions import limiter
from tests import factories


def pytest_sessionstart(session):
    """Compile the catalogues when a .po is newer than its .mo (`make test` does it too), so
    that a plain `pytest` tests the translations as they are written."""
    from pathlib import Path

    translations = Path(__file__).resolve().parent.parent / "translations"
    stale = [
        po for po in translations.glob("*/LC_MESSAGES/messages.po")
        if not po.with_suffix(".mo").exists()
        or po.stat().st_mtime > po.with_suffix(".mo").stat().st_mtime
    ]
    if stale:
        from babel.messages.frontend import CommandLineInterface

        CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(translations)])


class HubClient(FlaskClient):
    """A test client that sends a valid CSRF token with every form, unless csrf=False."""

    def _csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        return URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token").dumps(raw)

    def _with_token(self, kwargs: dict, csrf: bool) -> dict:
        if csrf:
            data = kwargs.get("data")
            if data is None:
                data = {}
            if isinstance(data, dict) and "csrf_token" not in data:
                data = {**data, "csrf_token": self._csrf_token()}
            kwargs["data"] = data
        return kwargs

    def open(self, *args, **kwargs):
        # Requests reuse the test's app context (see _clean), so they would share `g`: the
        # signed-in user, the Babel locale and per-request caches would leak from one request
        # (or client) to the next. Give every request a fresh `g`, as in production.
        from flask import g

        for key in list(g):
            g.pop(key)
        return super().open(*args, **kwargs)

    def post(self, *args, csrf: bool = True, **kwargs):
        return super().post(*args, **self._with_token(kwargs, csrf))

    def htmx_get(self, url: str, *, boosted: bool = False, **kwargs):
        headers = {"HX-Request": "true", **({"HX-Boosted": "true"} if boosted else {})}
        return self.get(url, headers={**headers, **kwargs.pop("headers", {})}, **kwargs)

    def htmx_post(self, url: str, **kwargs):
        headers = {"HX-Request": "true", **kwargs.pop("headers", {})}
        return self.post(url, headers=headers, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": os.environ.get("TEST_DATABASE_URL", "sqlite://"),
            "HUB_STORAGE_DIR": str(tmp_path_factory.mktemp("files")),
        }
    )
    app.test_client_class = HubClient
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean(app):
    """Every test starts with empty tables, fresh rate limits and its own app context."""
    ctx = app.app_context()
    ctx.push()
    limiter.reset()
    yield
    _db.session.rollback()
    _db.session.remove()
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as conn:
        # DELETE, children first: on PostgreSQL a TRUNCATE of every table rewrites each of them
        # (about 0.3 s a test), while deleting the few rows a test wrote costs next to nothing.
        for table in tables:
            conn.execute(table.delete())
        if conn.dialect.name == "postgresql":
            # Ids start at 1 again in every test, as they do on SQLite.
            conn.execute(text(
                "SELECT setval(c.oid, 1, false) FROM pg_class c "
                "WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace"
            ))
    ctx.pop()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app) -> HubClient:
    return app.test_client()


@pytest.fixture
def own_storage_dir(app, tmp_path):
    """Stored files go to this test's own temporary directory (for tests that upload)."""
    previous = app.config["HUB_STORAGE_DIR"]
    app.config["HUB_STORAGE_DIR"] = str(tmp_path / "files")
    yield tmp_path / "files"
    app.config["HUB_STORAGE_DIR"] = previous


@pytest.fixture
def buffered_client(app) -> HubClient:
    """A test client that reads responses whole, so that files sent by the hub are closed."""
    test_client = app.test_client()
    unbuffered = test_client.open

    def open_buffered(*args, **kwargs):
        kwargs.setdefault("buffered", True)
        return unbuffered(*args, **kwargs)

    test_client.open = open_buffered
    return test_client


@pytest.fixture
def make_user(app):
    def make(*args, **kwargs):
        user = factories.user(*args, **kwargs)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def make_town(app):
    def make(*args, **kwargs):
        town = factories.town(*args, **kwargs)
        _db.session.commit()
        return town

    return make


@pytest.fixture
def make_partnership(app):
    def make(*args, **kwargs):
        p = factories.partnership(*args, **kwargs)
        _db.session.commit()
        return p

    return make


@pytest.fixture
def make_membership(app):
    def make(*args, **kwargs):
        m = factories.membership(*args, **kwargs)
        _db.session.commit()
        return m

    return make


@pytest.fixture
def login_as(client):
    """Sign the test client in as `user` (or sign out with None) without going through /login."""

    def login(user):
        with client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
        return user

    return login


@pytest.fixture
def outbox(app):
    """The e-mails queued so far, oldest first."""
    from hub.outbox.models import OutboxMessage

    def messages(to: str | None = None):
        stmt = select(OutboxMessage).order_by(OutboxMessage.id)
        if to:
            stmt = stmt.where(OutboxMessage.recipient == to)
        _db.session.expire_all()
        return list(_db.session.scalars(stmt))

    return messages


@pytest.fixture
def count_queries(app):
    """`with count_queries() as q: ...` then `q.count` is the number of SQL statements run."""

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting():
        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE")):
                counter.count += 1
                counter.statements.append(statement)

        engine = _db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


def link_from(body: str, path_prefix: str) -> str:
    """The first link in an e-mail body whose path starts with `path_prefix` (as a local path)."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", body)
    assert match, f"no link to {path_prefix} in:\n{body}"
    return match.group(1)

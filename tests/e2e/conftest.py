"""Browser tests: the hub served on a free local port, driven by Debian's Chromium via Playwright.

Playwright cannot download its own browser on these machines, so the tests launch
/usr/bin/chromium (`make test` installs it). A missing browser fails the tests, never skips them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from werkzeug.serving import make_server

from hub import create_app, demo
from hub.config import ROOT
from hub.extensions import db, limiter

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium waits on connections that this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-results"


@contextmanager
def served_hub(folder: Path, *seeds: Callable[[], object], name: str) -> Iterator[str]:
    """The hub with the demo data (and what `seeds` add) on a SQLite file in `folder`, served
    from a background thread; yields its base URL and shuts it down afterwards."""
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'hub.sqlite3'}",
            "HUB_STORAGE_DIR": str(folder / "files"),
        }
    )
    with app.app_context():
        db.create_all()
        demo.load()
        for seed in seeds:
            seed()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base_url = f"http://127.0.0.1:{server.port}"
    app.config["HUB_BASE_URL"] = base_url
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory) -> Iterator[str]:
    """The hub with the demo data, on a SQLite file, served from a background thread."""
    if not (ROOT / "static" / "vendor" / "htmx.min.js").exists():
        pytest.fail("static/vendor/htmx.min.js is missing: run `make vendor` (make test does it)")
    with served_hub(tmp_path_factory.mktemp("e2e"), name="hub-e2e-server") as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(`make test` installs it, or `apt-get install chromium`)."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _record_console_error(message: ConsoleMessage, errors: list[str]) -> None:
    url = (message.location or {}).get("url", "")
    if message.type == "error" and not url.endswith("/favicon.ico"):
        errors.append(f"console: {message.text} ({url})")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser: Browser, hub_server: str) -> Iterator[Page]:
    """A fresh browser profile (no cookies) per test; JavaScript errors fail the test."""
    limiter_was_enabled = limiter.enabled
    limiter.enabled = False  # many sign-ins from one address; the limits have their own tests
    context = browser.new_context(base_url=hub_server, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", lambda message: _record_console_error(message, errors))
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.passed:
            assert not errors, "JavaScript errors on the page:\n" + "\n".join(errors)
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            shot = Path(ARTIFACTS / f"{request.node.name}.png")
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failed page: {shot}")  # noqa: T201
        context.close()
        limiter.enabled = limiter_was_enabled

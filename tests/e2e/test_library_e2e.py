"""The library in a real browser: drop a file, watch the progress bar, find the file by its text.

Uses the shared Chromium (`browser` from conftest.py) but its own server: the uploads go to a
temporary file store, and the upload's answer is held back a moment so that the finished
progress bar can be seen before the browser follows the redirect.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from hub import create_app, demo
from hub.extensions import db, limiter
from hub.library import samples

pytestmark = pytest.mark.e2e

SECRET_WORD = "Yağmursuyu"
UNIQUE_TEXT = f"{SECRET_WORD} hasadı Görükle pilot mahallesinde başladı"


class SlowUploadAnswers:
    """WSGI middleware: answer library uploads only after a pause (the body is already in)."""

    def __init__(self, app, pause: float = 1.5) -> None:
        self.app = app
        self.pause = pause

    def __call__(self, environ, start_response):
        result = self.app(environ, start_response)
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"].endswith("/library/upload"):
            time.sleep(self.pause)
        return result


@pytest.fixture(scope="module")
def library_server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("library-e2e")
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
        db.session.commit()
    server = make_server("127.0.0.1", 0, SlowUploadAnswers(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="library-e2e", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def library_page(browser: Browser, library_server: str) -> Iterator[Page]:
    was_enabled = limiter.enabled
    limiter.enabled = False
    context = browser.new_context(base_url=library_server, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
        assert not errors, errors
    finally:
        context.close()
        limiter.enabled = was_enabled


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(demo.PASSWORD)
    form.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.locator("header")).to_contain_text("Mehmet Öztürk")
    # Mehmet reads English (nothing else uses this server): the words checked here are English.
    expect(page.locator("html")).to_have_attribute("lang", "en")


def _drop_file(page: Page, selector: str, content: bytes, name: str, mime: str) -> None:
    """Drop a file on the element, as dragging it from the desktop does."""
    page.evaluate(
        """([selector, data, name, mime]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            const zone = document.querySelector(selector);
            const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
            zone.dispatchEvent(new DragEvent("dragenter", init));
            zone.dispatchEvent(new DragEvent("drop", init));
        }""",
        [selector, base64.b64encode(content).decode(), name, mime],
    )


def test_upload_with_progress_bar_then_find_by_text_inside(library_page: Page):
    page = library_page
    _sign_in(page, "staff.tr@demo.twinning.example")
    page.goto("/p/nilufer-darmstadt/library")
    page.get_by_role("link", name="Upload documents").click()
    expect(page.locator("h1")).to_have_text("Upload documents")

    # Record what the status line says while the file goes up.
    page.evaluate("""() => {
        window.__statuses = [];
        const status = document.querySelector("[data-upload-status]");
        new MutationObserver(() => window.__statuses.push(status.textContent))
            .observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    # A few megabytes, so that the browser reports progress on the way.
    padding = " ".join(hashlib.sha256(str(n).encode()).hexdigest() for n in range(60_000))
    content = samples.docx([UNIQUE_TEXT, padding])
    _drop_file(
        page,
        "[data-dropzone]",
        content,
        "Yağmursuyu raporu.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    expect(page.locator("[data-file-list]")).to_contain_text("Yağmursuyu raporu.docx")
    expect(page.locator("input[name=title]")).to_have_attribute("placeholder", "Yağmursuyu raporu")

    page.get_by_role("button", name="Upload", exact=True).click()

    bar = page.locator(".upload-progress progress")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("data-done", "1")  # the whole body went up
    assert bar.evaluate("p => p.value") == 100
    expect(page.locator("[data-upload-status]")).to_contain_text("Upload complete")
    statuses = page.evaluate("window.__statuses")
    assert any(re.search(r"Uploading: \d+\s?%", s) for s in statuses), statuses

    # The server's answer arrives: the browser goes to the new document.
    page.wait_for_url(re.compile(r"/p/nilufer-darmstadt/library/documents/\d+$"))
    expect(page.locator("h1")).to_have_text("Yağmursuyu raporu")
    expect(page.locator("#flashes")).to_contain_text("1 document uploaded.")

    # Search for a word that is only inside the file, typing like a person (htmx live search).
    page.goto("/p/nilufer-darmstadt/library")
    page.evaluate("window.__marker = 1")
    page.locator("#library-q").press_sequentially("yagmursuyu", delay=30)
    results = page.locator("#library-results")
    expect(results).to_contain_text("1 document found in the whole library.")
    expect(results).to_contain_text("Yağmursuyu raporu")
    expect(results).to_contain_text("Görükle pilot mahallesinde")  # the snippet
    assert page.evaluate("window.__marker") == 1, "the search reloaded the whole page"
    page.wait_for_url(re.compile(r"[?&]q=yagmursuyu"))


def test_upload_without_javascript(browser: Browser, library_server: str, tmp_path):
    context = browser.new_context(
        base_url=library_server, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    try:
        _sign_in(page, "staff.tr@demo.twinning.example")
        page.goto("/p/nilufer-darmstadt/library/upload")
        file = tmp_path / "Çalıştay notları.md"
        file.write_text("# Notlar\n\nBisiklet yolları konuşuldu.\n", encoding="utf-8")
        page.locator("input[type=file]").set_input_files(str(file))
        page.get_by_role("button", name="Upload", exact=True).click()
        expect(page.locator("h1")).to_have_text("Çalıştay notları")
        expect(page.locator(".text-preview")).to_contain_text("Bisiklet yolları konuşuldu.")
    finally:
        context.close()

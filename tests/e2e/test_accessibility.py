"""WCAG 2.2 AA in a real browser: axe-core on every main page, as a visitor, a member of staff
and a moderator, in Turkish, English and Greek, and again after the main htmx swaps.

One browser context per person and language visits the pages one after the other; every
violation found is listed before the test fails, so one run shows all there is to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from hub.extensions import limiter
from tests.e2e.a11y_helpers import (
    P,
    axe_violations,
    browser_context,
    first_link,
    sign_in,
    switch_language,
    watch_errors,
)
from tests.e2e.conftest import served_hub

pytestmark = pytest.mark.e2e

# Pages everybody may open.
PUBLIC_PAGES = [
    "/",
    "/partnerships",
    "/partnerships?country=GR",
    "/towns",
    "/towns/nilufer",
    "/forum",
    "/exchange",
    "/good-practices",
    "/search?q=bisiklet",
    "/p/nilufer-darmstadt",
    "/this-page-does-not-exist",
]
VISITOR_PAGES = ["/login", "/register", "/reset-password"]

# The staff member in each language, and the workspace they work in.
STAFF = {
    "en": ("staff.tr", "/p/nilufer-darmstadt"),
    "tr": ("coordinator.tr", "/p/nilufer-darmstadt"),
    "el": ("giorgos.papadopoulos", "/p/karsiyaka-thessaloniki"),
}
LANGUAGES = ["tr", "en", "el"]


def _visit_all(page: Page, paths: list[str | None]) -> list[str]:
    found: list[str] = []
    for path in dict.fromkeys(p for p in paths if p):  # each once, in order
        response = page.goto(path)
        assert response is not None
        if response.status >= 500:
            found.append(f"{path}: status {response.status}")
            continue
        found.extend(axe_violations(page))
    return found


def _exists(page: Page, path: str) -> bool:
    response = page.request.get(path)
    return response.status != 404


def _public_detail_pages(page: Page) -> list[str]:
    return [
        first_link(page, "/forum", r"/forum/\d+$"),
        first_link(page, "/exchange", r"/exchange/\d+$"),
        first_link(page, "/good-practices", r"^/good-practices/\d+$"),
        first_link(page, f"{P}", r"/library/documents/\d+$"),
    ]


def _workspace_pages(page: Page, workspace: str) -> list[str]:
    pages = [
        workspace,
        f"{workspace}/library",
        first_link(page, f"{workspace}/library", r"/library/documents/\d+$"),
        f"{workspace}/library/upload",
        f"{workspace}/forum",
        first_link(page, f"{workspace}/forum", r"/forum/\d+$"),
        f"{workspace}/forum/new",
        f"{workspace}/exchange",
        first_link(page, f"{workspace}/exchange", r"/exchange/\d+$"),
        f"{workspace}/members",
    ]
    page.goto(f"{workspace}/exchange/indicators")
    placements = page.locator("main a[href*='/exchange/placements/']")
    if placements.count():
        pages.append(placements.first.get_attribute("href"))
    pages.append(first_link(page, f"{workspace}/exchange/applications", r"/placements/\d+$"))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_pages(browser: Browser, hub_server: str, language: str):
    with browser_context(browser, hub_server, locale=language) as context:
        page = context.new_page()
        errors = watch_errors(page)
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        paths = PUBLIC_PAGES + VISITOR_PAGES + _public_detail_pages(page)
        found = _visit_all(page, paths)
    assert not found, "\n".join(found)
    assert not errors, errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages(browser: Browser, hub_server: str, language: str):
    name, workspace = STAFF[language]
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        sign_in(page, name, language=language)
        expect(page.locator("html")).to_have_attribute("lang", language)
        paths = _workspace_pages(page, workspace) + [
            "/", "/account", "/notifications", "/search?q=atık", "/exchange",
            "/this-page-does-not-exist",
        ]
        found = _visit_all(page, paths)
    assert not found, "\n".join(found)
    assert not errors, errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_pages(browser: Browser, hub_server: str, language: str):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        sign_in(page, "moderator", language=language)
        try:
            paths = ["/moderation", "/moderation/log", "/good-practices/curate", "/"]
            paths += PUBLIC_PAGES + _public_detail_pages(page)
            found = _visit_all(page, paths)
        finally:
            if language != "en":
                switch_language(page, "en")
    assert not found, "\n".join(found)
    assert not errors, errors


def test_after_htmx_swaps_as_a_visitor_in_greek(browser: Browser, hub_server: str):
    """Filters that replace the results in place, and a form sent back with its errors."""
    with browser_context(browser, hub_server, locale="el") as context:
        page = context.new_page()
        errors = watch_errors(page)
        found: list[str] = []

        page.goto("/partnerships")
        page.evaluate("window.__marker = 1")
        page.locator("main form select[name=country]").select_option("GR")
        page.wait_for_url(re.compile(r"country=GR"))
        expect(page.locator("#partnership-results")).not_to_contain_text("Nilüfer – Darmstadt")
        found += axe_violations(page)

        assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"

        page.goto("/towns")
        page.locator("#town-q").fill("Θεσσ")
        expect(page.locator("#town-results")).to_contain_text("Θεσσαλονίκη")
        expect(page.locator("#town-results")).not_to_contain_text("Darmstadt")
        found += axe_violations(page)

        page.goto("/exchange")
        page.evaluate("window.__marker = 1")
        page.locator("main form select[name=kind]").select_option("offer")
        page.wait_for_url(re.compile(r"kind=offer"))
        found += axe_violations(page)
        assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"

        # A form with mistakes comes back (422) with its errors focused and tied to the fields.
        page.goto("/register")
        form = page.locator("main form").filter(has=page.locator("input[name=password]"))
        form.locator("input[name=email]").fill("όχι-διεύθυνση")
        form.locator("button[type=submit], input[type=submit]").first.click()
        expect(page.locator("main .form-summary")).to_be_focused()
        invalid = page.locator("main [aria-invalid=true]")
        expect(invalid.first).to_be_visible()
        ids = invalid.evaluate_all("els => els.map(e => e.getAttribute('aria-describedby'))")
        for described in ids:
            assert described and any(page.locator(f"#{i}").count() for i in described.split())
        found += axe_violations(page)
    assert not found, "\n".join(found)
    assert not errors, errors


def test_after_htmx_swaps_as_staff_in_turkish(browser: Browser, hub_server: str):
    """The forum's filter and live preview, the notification tabs, the reply's refusal."""
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        sign_in(page, "coordinator.tr", language="tr")
        found: list[str] = []

        page.goto(f"{P}/forum")
        page.locator("main form select[name=theme]").select_option("environment")
        page.wait_for_url(re.compile(r"theme=environment"))
        found += axe_violations(page)

        page.goto(first_link(page, f"{P}/forum", r"/forum/\d+$"))
        page.locator("#reply-submit").click()
        expect(page.locator("#reply-box .form-summary")).to_be_focused()
        found += axe_violations(page)
        page.locator("#reply-body").fill("**Önizleme** çalışıyor mu?")
        expect(page.locator("#reply-preview strong")).to_have_text("Önizleme")
        found += axe_violations(page)

        page.goto("/notifications")
        tabs = page.locator("main nav.tabs a")
        tabs.nth(1).click()
        expect(tabs.nth(1)).to_have_attribute("aria-current", "page")
        expect(tabs.nth(0)).not_to_have_attribute("aria-current", "page")
        found += axe_violations(page)
    assert not found, "\n".join(found)
    assert not errors, errors


def test_loading_and_failed_requests_are_shown_and_announced(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server, locale="tr") as context:
        page = context.new_page()
        page.goto("/partnerships")
        results = page.locator("#partnership-results")
        select = page.locator("main form select[name=country]")

        # While the answer is on its way: a loading bar, and the region marked busy.
        held = []
        page.route(re.compile(r"/partnerships\?"), lambda route: held.append(route))
        select.select_option("GR")
        expect(page.locator("html")).to_have_class(re.compile(r"\bis-loading\b"))
        expect(page.locator(".loading-bar")).to_be_visible()
        expect(results).to_have_attribute("aria-busy", "true")
        held[0].continue_()
        expect(page.locator("html")).not_to_have_class(re.compile(r"\bis-loading\b"))
        expect(results).not_to_have_attribute("aria-busy", "true")
        page.unroute(re.compile(r"/partnerships\?"))

        # The server fails: a translated message appears at the top and is read out (alert).
        message = page.locator("body").get_attribute("data-error-message")
        assert message and "server" not in message.lower()  # Turkish, not English
        page.route(
            re.compile(r"/partnerships\?"),
            lambda route: route.fulfill(status=500, body="", content_type="text/html"),
        )
        select.select_option("TR")
        error = page.locator("#request-error")
        expect(error).to_have_attribute("role", "alert")
        expect(error).to_contain_text(message)
        expect(error).to_be_visible()
        assert not axe_violations(page)
        error.get_by_role("button").click()
        expect(error).to_be_empty()
        page.unroute(re.compile(r"/partnerships\?"))

        # The network fails: the other message.
        page.route(re.compile(r"/partnerships\?"), lambda r: r.abort("internetdisconnected"))
        select.select_option("DE")
        expect(error).to_contain_text(page.locator("body").get_attribute("data-network-message"))
        expect(error).to_be_visible()
        page.unroute(re.compile(r"/partnerships\?"))

        # The next request that works takes the message away.
        select.select_option("")
        expect(error).to_be_empty()
        expect(results).to_contain_text("Nilüfer – Darmstadt")


def test_confirmation_dialog_is_keyboard_friendly(browser: Browser, hub_server: str):
    """hx-confirm opens a modal dialog: focus starts on Cancel, Escape cancels and gives the
    focus back; nothing is sent unless the person confirms."""
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        sign_in(page, "staff.tr", language="en")
        page.goto(P)
        leave = page.get_by_role("button", name="Leave partnership")
        sent = []
        page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
        leave.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("#confirm-dialog")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
        expect(dialog.get_by_role("button", name="Leave partnership")).to_be_visible()
        assert not axe_violations(page), axe_violations(page)
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(leave).to_be_focused()
        leave.press("Enter")
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Cancel").press("Enter")
        expect(dialog).to_be_hidden()
        expect(leave).to_be_focused()
        assert not [u for u in sent if u.endswith("/leave")], "the form was sent without consent"


@pytest.fixture(scope="module")
def curated_server(tmp_path_factory) -> Iterator[str]:
    """The demo data plus the demo flags and good practices (the moderation queue has work)."""
    from hub.goodpractices.demo import seed_good_practices
    from hub.moderation.demo import seed_moderation

    was_enabled = limiter.enabled
    limiter.enabled = False
    try:
        with served_hub(tmp_path_factory.mktemp("a11y-curated"), seed_moderation,
                        seed_good_practices, name="a11y-curated") as base_url:
            yield base_url
    finally:
        limiter.enabled = was_enabled


@pytest.mark.parametrize("language", LANGUAGES)
def test_good_practices_and_moderation_queue_with_content(
    browser: Browser, curated_server: str, language: str
):
    found: list[str] = []
    with browser_context(browser, curated_server, locale=language) as context:
        page = context.new_page()
        errors = watch_errors(page)
        entry = first_link(page, "/good-practices", r"^/good-practices/\d+$")
        assert entry, "the demo good practices are missing"
        found += _visit_all(page, ["/good-practices", entry, f"{entry}/print"])

        sign_in(page, "moderator", language=language)
        page.goto("/moderation")
        expect(page.locator("main .queue-item").first).to_be_visible()
        item = first_link(page, "/moderation", r"^/moderation/items/")
        found += _visit_all(page, [
            "/moderation", item, "/moderation/log", "/good-practices/curate", entry,
        ])
    assert not found, "\n".join(found)
    assert not errors, errors

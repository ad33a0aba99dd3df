"""WCAG 2.2 AA in a real browser: axe-core on every main page, as a visitor, a member of staff
and a moderator, in Turkish, English and Greek, and again after the main htmx swaps.

One browser context per person and language visits the pages one after the other; every
violation found is listed before the test fails, so one run shows all there is to fix.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.a11y_helpers import (
    P,
    axe_violations,
    browser_context,
    first_link,
    sign_in,
    switch_language,
    watch_errors,
)

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
    page.goto(f"{workspace}/exchange/applications")
    if page.locator("main a[href*='/exchange/placements/']").count():
        pages.append(page.locator("main a[href*='/exchange/placements/']").first.get_attribute("href"))
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
        sign_in(page, name)
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
        sign_in(page, "moderator")
        try:
            if language != "en":
                switch_language(page, language)
            paths = ["/moderation", "/moderation/log", "/good-practices/curate", "/"]
            paths += PUBLIC_PAGES + _public_detail_pages(page)
            found = _visit_all(page, paths)
        finally:
            if language != "en":
                switch_language(page, "en")
    assert not found, "\n".join(found)
    assert not errors, errors

"""Shared helpers of the accessibility, keyboard and responsive browser tests.

axe-core comes from npm (package.json devDependencies, `make vendor` runs `npm ci`); it is served
to the page from the hub's own origin through a Playwright route, so the page's Content Security
Policy (`script-src 'self'`) stays in force while axe runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from hub.config import ROOT
from hub.demo import PASSWORD, email_for

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__test__/axe.min.js"  # never served by the hub: the browser context answers it
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

P = "/p/nilufer-darmstadt"


@contextmanager
def browser_context(
    browser: Browser, base_url: str, *, locale: str = "en-GB", **options
) -> Iterator[BrowserContext]:
    """A fresh profile that can run axe and records JavaScript errors in `context.errors`."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make vendor` (it runs `npm ci`)")
    context = browser.new_context(base_url=base_url, locale=locale, **options)
    context.set_default_timeout(10_000)
    context.route(
        re.compile(re.escape(AXE_PATH) + "$"),
        lambda route: route.fulfill(path=AXE, content_type="text/javascript; charset=utf-8"),
    )
    try:
        yield context
    finally:
        context.close()


def watch_errors(page: Page) -> list[str]:
    """JavaScript errors and CSP refusals on the page (an error status is checked elsewhere)."""
    errors: list[str] = []

    def console(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console: {message.text}")

    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", console)
    return errors


def sign_in(page: Page, name: str, language: str | None = None) -> None:
    """Sign in with a demo account (`name` is the part of the e-mail before @); with `language`,
    make sure the interface speaks it (other tests may have changed the account's language)."""
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(email_for(name))
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^[^?]*/$"))
    expect(page.locator("header form[action='/logout']")).to_have_count(1)
    if language and page.locator("html").get_attribute("lang") != language:
        switch_language(page, language)


def switch_language(page: Page, code: str) -> None:
    """Use the footer's language switcher (for a signed-in person it changes the profile)."""
    page.locator("#language-select").select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)


def axe_violations(page: Page, include: str | None = None) -> list[str]:
    """Run axe on the page (or the part `include` selects); one line per violating node."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_PATH)
    violations = page.evaluate(
        """async ([tags, include]) => {
            const result = await window.axe.run(include ? { include: [include] } : document, {
                runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " — " +
                    (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 300)),
            }));
        }""",
        [WCAG_TAGS, include],
    )
    where = page.url.removeprefix(page.evaluate("location.origin"))
    lines = []
    for v in violations:
        for node in v["nodes"]:
            lines.append(f"{where} [{v['id']}] {v['help']}: {node}")
    return lines


def first_link(page: Page, url: str, pattern: str) -> str | None:
    """The path of the first link on `url` whose href matches `pattern` (a regular expression)."""
    page.goto(url)
    hrefs = page.locator("main a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        if re.search(pattern, href or ""):
            return href.split("#")[0]
    return None

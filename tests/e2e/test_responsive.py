"""A 320 px wide phone: no page scrolls sideways, and every control is at least 24 × 24 px.

Also a look at a few things a small screen changes: the header's "Menu" button folds the
navigation away and opens it again, with the keyboard as well as with a tap.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.a11y_helpers import P, browser_context, first_link, sign_in, watch_errors

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}

VISITOR_PAGES = [
    "/", "/partnerships", "/towns", "/towns/thessaloniki", "/forum", "/exchange",
    "/good-practices", "/login", "/register", "/p/karsiyaka-thessaloniki", "/no-such-page",
]

# Elements wider than the screen, and controls smaller than 24 × 24 px (a checkbox or radio
# button inside its label counts as the label's size; links inside running text are exempt).
MEASURE = """() => {
    const width = document.documentElement.clientWidth;
    const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (typeof el.className === "string" && el.className.trim()
            ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        const scrolls = el.closest(".table-wrap, .visually-hidden, pre, .snapshot");
        if (box.width && box.right > width + 1 && !scrolls) {
            wide.push(name(el) + " right=" + Math.round(box.right));
        }
    }
    const small = [];
    const controls = "button, input:not([type=hidden]), select, textarea, summary, " +
        "nav a, .pagination a, .tabs a, .actions a, a.button";
    for (const el of document.querySelectorAll(controls)) {
        const style = getComputedStyle(el);
        const away = el.closest("[hidden], dialog:not([open]), .visually-hidden");
        if (style.visibility === "hidden" || away) continue;
        let box = el.getBoundingClientRect();
        if (!box.width && !box.height) continue;
        const label = el.closest("label");
        if (label && el.matches("input[type=checkbox], input[type=radio]")) {
            box = label.getBoundingClientRect();
        }
        if (box.width < 24 || box.height < 24) {
            small.push(name(el) + " " + Math.round(box.width) + "×" + Math.round(box.height) +
                " " + (el.textContent || el.value || "").trim().slice(0, 30));
        }
    }
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8), small };
}"""


def _check(page: Page, paths: list[str | None]) -> list[str]:
    problems = []
    for path in dict.fromkeys(p for p in paths if p):
        page.goto(path)
        found = page.evaluate(MEASURE)
        if found["scroll"] > found["width"]:
            problems.append(f"{path}: scrolls sideways ({found['scroll']} px): {found['wide']}")
        if found["small"]:
            problems.append(f"{path}: controls under 24 × 24 px: {found['small']}")
    return problems


def test_visitor_pages_fit_a_320px_screen(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server, **PHONE) as context:
        page = context.new_page()
        errors = watch_errors(page)
        paths = VISITOR_PAGES + [
            first_link(page, "/forum", r"/forum/\d+$"),
            first_link(page, "/exchange", r"/exchange/\d+$"),
            first_link(page, "/good-practices", r"^/good-practices/\d+$"),
        ]
        problems = _check(page, paths)
    assert not problems, "\n".join(problems)
    assert not errors, errors


def test_workspace_pages_fit_a_320px_screen(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server, **PHONE) as context:
        page = context.new_page()
        errors = watch_errors(page)
        sign_in(page, "coordinator.tr")
        paths = [
            P, f"{P}/library", first_link(page, f"{P}/library", r"/library/documents/\d+$"),
            f"{P}/library/upload", f"{P}/forum", first_link(page, f"{P}/forum", r"/forum/\d+$"),
            f"{P}/forum/new", f"{P}/exchange", first_link(page, f"{P}/exchange", r"/exchange/\d+$"),
            f"{P}/exchange/new", f"{P}/exchange/indicators", f"{P}/members", "/account",
            "/notifications", "/search?q=kompost",
        ]
        problems = _check(page, paths)
    assert not problems, "\n".join(problems)
    assert not errors, errors


def test_menu_button_folds_the_navigation_on_a_phone(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server, **PHONE) as context:
        page = context.new_page()
        page.goto("/")
        toggle = page.locator(".nav-toggle")
        menu = page.locator("#site-menu")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_hidden()

        toggle.tap()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(menu.get_by_role("link", name="Partnerships")).to_be_visible()

        # Keyboard: Escape closes the menu and gives focus back to its button.
        menu.get_by_role("link", name="Partnerships").focus()
        page.keyboard.press("Escape")
        expect(menu).to_be_hidden()
        expect(toggle).to_be_focused()
        page.keyboard.press("Enter")
        expect(menu).to_be_visible()

        # Boosted navigation draws a new header with the menu folded again.
        menu.get_by_role("link", name="Towns").click()
        page.wait_for_url("**/towns")
        expect(page.locator(".nav-toggle")).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#site-menu")).to_be_hidden()


def test_desktop_shows_the_navigation_without_a_menu_button(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server, viewport={"width": 1280, "height": 800}) as context:
        page = context.new_page()
        page.goto("/")
        expect(page.locator(".nav-toggle")).to_be_hidden()
        expect(page.locator("#site-menu").get_by_role("link", name="Partnerships")).to_be_visible()

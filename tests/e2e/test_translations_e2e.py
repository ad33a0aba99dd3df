"""Translated content and the glossary in a real browser, as a Turkish reader of the demo.

Ayşe (coordinator.tr) reads Turkish; Jürgen wrote the first post of the youth-council thread in
German, Deniz translated it into Turkish and Anna verified the translation (hub/translations/
demo.py). She sees the Turkish text with its label, can show the German original in place and go
back, with the mouse or the keyboard; the glossary term in the post explains itself in a tooltip
on hover and on focus, which Escape dismisses.
"""

from __future__ import annotations

import re

import pytest
from babel import Locale
from playwright.sync_api import Browser, Locator, Page, expect

from hub.translations.demo import JUGENDRAT, TRANSLATIONS
from tests.e2e.a11y_helpers import P, axe_violations, browser_context, sign_in, watch_errors
from tests.e2e.test_keyboard import FOCUS_VISIBLE, tab_to
from tests.helpers import said_by_template

pytestmark = pytest.mark.e2e

TR = "tr"
TITLE_TR = next(t.text for t in TRANSLATIONS if t.target_type == "thread" and t.find == JUGENDRAT)
GERMAN_START = "Darmstadt möchte einen"
TURKISH_START = "Darmstadt bir"


def language(code: str) -> str:
    """A language's name as the Turkish interface writes it (hub.i18n.language_name)."""
    return Locale.parse(code).get_display_name(TR)


def open_translated_thread(page: Page) -> Locator:
    """Sign Ayşe in with a Turkish interface, open the thread; return its first post's field."""
    sign_in(page, "coordinator.tr", language=TR)
    page.goto(f"{P}/forum")
    # The list shows the Turkish title where lists translate titles, else the German one.
    title = re.compile(f"^({re.escape(TITLE_TR)}|{re.escape(JUGENDRAT)})")
    page.locator("main a").filter(has_text=title).first.click()
    page.wait_for_url(re.compile(r"/forum/\d+$"))
    expect(page.locator("h1")).to_have_text(TITLE_TR)
    expect(page.locator("h1")).to_have_attribute("lang", TR)
    return page.locator("#posts .post").first.locator(".translated")


def show_original(region: Locator) -> Locator:
    return region.get_by_role("link", name=said_by_template(TR, "Show original"))


def show_translation(region: Locator) -> Locator:
    return region.get_by_role("link", name=said_by_template(
        TR, "Show the translation into %(language)s", language=language(TR)))


def expect_translation(page: Page, region: Locator) -> None:
    text = region.locator(".post-body")
    expect(text).to_have_attribute("lang", TR)
    expect(text).to_contain_text(TURKISH_START)
    note = region.locator(".translation-note")
    expect(note).to_contain_text(said_by_template(TR, "Verified translation"))
    expect(note).to_contain_text(said_by_template(
        TR, "Translated from %(language)s by %(translator)s, verified by %(verifier)s.",
        language=language("de"), translator="Deniz Arslan", verifier="Anna Schäfer"))
    expect(show_original(region)).to_be_visible()


def expect_original(page: Page, region: Locator) -> None:
    text = region.locator(".post-body")
    expect(text).to_have_attribute("lang", "de")
    expect(text).to_contain_text(GERMAN_START)
    expect(text).not_to_contain_text(TURKISH_START)
    expect(region.locator(".translation-note")).to_contain_text(
        said_by_template(TR, "Original in %(language)s.", language=language("de")))
    expect(show_translation(region)).to_be_visible()


def expect_announced(page: Page, message: str) -> None:
    live = page.locator("#live-region")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_contain_text(message)


def test_show_the_original_and_the_translation_again_with_the_mouse(
    browser: Browser, hub_server: str
):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        region = open_translated_thread(page)
        expect_translation(page, region)
        assert not axe_violations(page), axe_violations(page)
        page.evaluate("window.__marker = 1")  # gone if the browser loads a whole new page

        show_original(region).click()
        expect_original(page, region)
        expect(show_translation(region)).to_be_focused()  # not lost to <body>
        expect_announced(page, said_by_template(
            TR, "Original in %(language)s.", language=language("de")))
        assert not axe_violations(page), axe_violations(page)

        show_translation(region).click()
        expect_translation(page, region)
        expect(show_original(region)).to_be_focused()
        expect_announced(page, said_by_template(TR, "Verified translation"))
        assert page.evaluate("window.__marker") == 1, "showing the original reloaded the page"
    assert not errors, errors


def test_show_the_original_and_the_translation_again_with_the_keyboard(
    browser: Browser, hub_server: str
):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        region = open_translated_thread(page)
        page.evaluate("window.__marker = 1")

        tab_to(page, show_original(region))
        page.keyboard.press("Enter")
        expect_original(page, region)
        toggle = show_translation(region)
        expect(toggle).to_be_focused()
        assert toggle.evaluate(FOCUS_VISIBLE), "the focused link shows no visible focus"
        expect_announced(page, said_by_template(
            TR, "Original in %(language)s.", language=language("de")))

        page.keyboard.press("Enter")  # the focus is on the link that goes back
        expect_translation(page, region)
        expect(show_original(region)).to_be_focused()
        expect_announced(page, said_by_template(TR, "Verified translation"))
        assert page.evaluate("window.__marker") == 1, "the toggle reloaded the page"
        assert not axe_violations(page), axe_violations(page)
    assert not errors, errors


def test_glossary_term_explains_itself_on_hover_and_focus_and_escape_hides_it(
    browser: Browser, hub_server: str
):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        region = open_translated_thread(page)
        term = region.locator(".post-body .term").first
        expect(term).to_have_text(re.compile("gençlik meclisi", re.IGNORECASE))
        tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
        expect(tip).to_have_attribute("role", "tooltip")
        page.mouse.move(0, 0)  # where the click on the thread's link left it may be the term
        expect(tip).to_be_hidden()
        # The other languages' words for the term, announced as the term's description.
        expect(term).to_have_accessible_description(re.compile("Jugendrat.*youth council"))

        # Hover: shown, and stays while the pointer moves onto the tooltip (WCAG 1.4.13).
        term.hover()
        expect(tip).to_be_visible()
        expect(tip).to_contain_text(f"{language('de')}: Jugendrat")
        expect(tip).to_contain_text(f"{language('en')}: youth council")
        assert not axe_violations(page), axe_violations(page)
        tip.hover()
        expect(tip).to_be_visible()
        # Escape dismisses it without moving the pointer; it comes back on the next hover.
        term.hover()
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        assert term.evaluate("el => el.matches(':hover')"), "the pointer moved"
        page.mouse.move(0, 0)
        term.hover()
        expect(tip).to_be_visible()
        page.mouse.move(0, 0)
        expect(tip).to_be_hidden()

        # Keyboard: focus shows it; Escape hides it and the focus stays on the term.
        tab_to(page, term)
        expect(tip).to_be_visible()
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        expect(term).to_be_focused()
        page.keyboard.press("Tab")
        expect(tip).to_be_hidden()
        page.keyboard.press("Shift+Tab")
        expect(term).to_be_focused()
        expect(tip).to_be_visible()
    assert not errors, errors

"""Keyboard only: sign in, reply in a thread, upload a document and filter a list without a
mouse. Every step moves with Tab and types or presses keys; each control reached shows a visible
focus indicator.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from hub.demo import PASSWORD, email_for
from tests.e2e.a11y_helpers import (
    P,
    axe_violations,
    browser_context,
    switch_language,
    watch_errors,
)

pytestmark = pytest.mark.e2e

MAX_TABS = 80

FOCUS_VISIBLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return el.matches(":focus-visible") && (outline || style.boxShadow !== "none");
}"""


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab until `target` has the focus; fail when it cannot be reached."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if target.evaluate("el => el === document.activeElement"):
            assert target.evaluate(FOCUS_VISIBLE), "the focused control shows no visible focus"
            return
        page.keyboard.press(key)
    raise AssertionError(f"{target} cannot be reached with {key}")


def keyboard_sign_in(page: Page, name: str, language: str | None = "en") -> None:
    page.goto("/login")
    page.keyboard.press("Tab")  # the first stop is the skip link
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    tab_to(page, form.locator("input[name=email]"))
    page.keyboard.type(email_for(name))
    tab_to(page, form.locator("input[name=password]"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/$"))
    if language and page.locator("html").get_attribute("lang") != language:  # another test
        switch_language(page, language)


def test_sign_in_with_the_keyboard_and_see_errors_tied_to_the_fields(
    browser: Browser, hub_server: str
):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        # A wrong password first: the message is shown, announced and tied to the form.
        page.goto("/login")
        form = page.locator("main form").filter(has=page.locator("input[name=password]"))
        tab_to(page, form.locator("input[name=email]"))
        page.keyboard.type(email_for("staff.tr"))
        page.keyboard.press("Tab")
        expect(form.locator("input[name=password]")).to_be_focused()
        page.keyboard.type("not the password")
        page.keyboard.press("Enter")
        alert = page.locator("main [role=alert]").first
        expect(alert).to_be_visible()
        assert not axe_violations(page), axe_violations(page)
        # An empty e-mail field: its error is tied to it with aria-describedby.
        email = page.locator("main form input[name=email]").first
        email.focus()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.press("Enter")
        expect(email).to_have_attribute("aria-invalid", "true")
        described = email.get_attribute("aria-describedby") or ""
        assert any(
            page.locator(f"#{i}.field-errors").count() for i in described.split()
        ), described

        keyboard_sign_in(page, "staff.tr", language=None)
        expect(page.locator("header")).to_contain_text("Mehmet Öztürk")
        expect(page.locator("#flashes")).not_to_be_empty()
    assert not errors, errors


def test_reply_with_the_keyboard(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        keyboard_sign_in(page, "staff.tr")
        page.goto(f"{P}/forum")
        thread = page.locator("main .thread-title a").first
        tab_to(page, thread)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/forum/\d+$"))
        expect(page.locator("main")).to_be_focused()  # boosted navigation: focus on the content
        page.evaluate("window.__marker = 1")

        # An empty reply: the error is shown, announced and focused; nothing is posted.
        posts = page.locator("#posts .post")
        before = posts.count()
        tab_to(page, page.locator("#reply-submit"))
        page.keyboard.press("Enter")
        summary = page.locator("#reply-box .form-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        assert not axe_violations(page), axe_violations(page)
        expect(posts).to_have_count(before)

        text = f"Klavyeyle yazılmış yanıt {time.time_ns()} — ğüşıöç"
        tab_to(page, page.locator("#reply-body"))
        page.keyboard.type(text)
        tab_to(page, page.locator("#reply-submit"))
        page.keyboard.press("Enter")
        expect(posts).to_have_count(before + 1)
        expect(posts.last).to_contain_text(text)
        expect(page.locator("#live-region")).not_to_be_empty()
        expect(page.locator("#reply-body")).to_be_focused()  # ready for the next reply
        assert page.evaluate("window.__marker") == 1, "the reply reloaded the page"
        assert not axe_violations(page), axe_violations(page)
    assert not errors, errors


def test_upload_with_the_keyboard(browser: Browser, hub_server: str, tmp_path):
    upload = tmp_path / "Klavye notları.md"
    upload.write_text("# Notlar\n\nSadece klavye ile yüklendi.\n", encoding="utf-8")
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        # Playwright turns on file-chooser interception without waiting for Chromium to confirm
        # it; a listener added now has it on long before the key press below (without it, the
        # press can win the race and the chooser is never reported).
        page.on("filechooser", lambda _chooser: None)
        errors = watch_errors(page)
        keyboard_sign_in(page, "staff.tr")
        page.goto(f"{P}/library")
        tab_to(page, page.get_by_role("link", name="Upload documents"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/library/upload$"))

        # Wait for what happens after the boosted navigation: hub.js moves focus to <main>, and
        # upload.js enhances the form (drop zone, file list). Tabbing before that races them.
        expect(page.locator("#main")).to_be_focused()
        expect(page.locator("form[data-upload][data-enhanced]")).to_have_count(1)
        chooser_input = page.locator("main input[type=file]")
        tab_to(page, chooser_input)
        expect(chooser_input).to_be_focused()
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Enter")
        chooser.value.set_files(str(upload))
        expect(page.locator("[data-file-list]")).to_contain_text("Klavye notları.md")

        tab_to(page, page.locator("main input[name=title]"))
        page.keyboard.type("Klavye notları")
        tab_to(page, page.get_by_role("button", name="Upload", exact=True))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/library/documents/\d+$"))
        expect(page.locator("h1")).to_have_text("Klavye notları")
        expect(page.locator("#flashes")).to_contain_text("uploaded")
        assert not axe_violations(page), axe_violations(page)
    assert not errors, errors


def test_filter_the_library_with_the_keyboard(browser: Browser, hub_server: str):
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        keyboard_sign_in(page, "staff.tr")
        page.goto(f"{P}/library")
        page.evaluate("window.__marker = 1")
        tab_to(page, page.locator("#library-q"))
        page.keyboard.type("kompost")
        results = page.locator("#library-results")
        expect(results).to_contain_text("Kompost tesisi")
        page.wait_for_url(re.compile(r"[?&]q=kompost"))
        assert page.evaluate("window.__marker") == 1, "the filter reloaded the page"
        expect(page.locator("#library-q")).to_be_focused()  # typing goes on where it was
        assert not axe_violations(page), axe_violations(page)
    assert not errors, errors


def test_flag_and_work_the_moderation_queue_with_the_keyboard(browser: Browser, hub_server: str):
    note = f"Konu dışı — klavye {time.time_ns()}"
    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        # A citizen flags a post of a public discussion.
        keyboard_sign_in(page, "citizen")
        page.goto("/forum")
        tab_to(page, page.locator("main .thread-title a").first)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/forum/\d+$"))
        tab_to(page, page.locator("#posts .post").first.get_by_role("link", name="Flag"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/moderation/flag/"))
        tab_to(page, page.locator("main input[name=reason]").first)
        page.keyboard.press("Space")
        expect(page.locator("main input[name=reason]").first).to_be_checked()
        tab_to(page, page.locator("main textarea[name=note]"))
        page.keyboard.type(note)
        tab_to(page, page.locator("main form [type=submit]"))
        page.keyboard.press("Enter")
        expect(page.locator("#flashes")).not_to_be_empty()
    assert not errors, errors

    with browser_context(browser, hub_server) as context:
        page = context.new_page()
        errors = watch_errors(page)
        keyboard_sign_in(page, "moderator")
        page.goto("/moderation")
        item = page.locator("main .queue-item").filter(has_text=note)
        expect(item).to_have_count(1)
        assert not axe_violations(page), axe_violations(page)
        tab_to(page, item.locator("textarea"))
        page.keyboard.type("Konu dışı değil; bayrak kaldırıldı.")
        tab_to(page, item.get_by_role("button", name="Dismiss the flags"))
        page.keyboard.press("Enter")
        settled = page.locator(f"#{item.get_attribute('id')}")
        expect(settled.locator(".flash-success")).to_be_visible()
        expect(settled.locator("form")).to_have_count(0)
        # The button that had the focus is gone: the focus is on the updated item, not lost.
        expect(settled).to_be_focused()
        assert not axe_violations(page), axe_violations(page)
    assert not errors, errors

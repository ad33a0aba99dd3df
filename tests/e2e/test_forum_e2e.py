"""The forum in a real browser: a reply appears without a reload, and someone else reading the
same thread sees "1 new reply" appear, then shows it."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_browser import sign_in as fill_sign_in
from tests.e2e.test_browser import use_language
from tests.helpers import said_in_text

pytestmark = pytest.mark.e2e

POLL_WAIT_MS = 25_000  # the thread page polls every 15 s


def sign_in(page: Page, email: str, language: str) -> None:
    """Sign in, and make sure the interface speaks `language` (the words checked are in it)."""
    fill_sign_in(page, email)
    page.wait_for_url(re.compile(r"^[^?]*/$"))  # signed in: back on the home page
    use_language(page, language)


def start_thread(page: Page, title: str) -> str:
    page.goto("/p/nilufer-darmstadt/forum/new")
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=body]").fill("Biyoatık ihalesinde **kalite kontrolü** nasıl?")
    page.locator("select[name=theme]").select_option("environment")
    page.locator("input[name=visibility][value=members]").check()
    page.locator("input[name=submit]").click()
    page.wait_for_url(re.compile(r"/p/nilufer-darmstadt/forum/\d+$"))
    return page.url


def test_reply_appears_in_place_and_others_see_new_reply(page: Page, browser: Browser,
                                                          hub_server: str):
    sign_in(page, "coordinator.tr@demo.twinning.example", "tr")  # Ayşe reads Turkish
    url = start_thread(page, f"Kalite kontrolü {time.time_ns()}")
    expect(page.locator(".post-body strong")).to_have_text("kalite kontrolü")

    other = browser.new_context(base_url=hub_server, locale="de-DE")
    try:
        reader = other.new_page()
        sign_in(reader, "coordinator.de@demo.twinning.example", "de")  # Jürgen reads German
        reader.goto(url)
        expect(reader.locator("#posts .post")).to_have_count(1)
        reader.evaluate("window.__marker = 1")

        # The live preview renders while typing (debounced).
        page.evaluate("window.__marker = 1")
        box = page.locator("#reply-body")
        box.fill("Bizde **haftalık** kontrol var.")
        expect(page.locator("#reply-preview .post-body strong")).to_have_text("haftalık")

        page.locator("#reply-submit").click()
        expect(page.locator("#posts .post")).to_have_count(2)
        expect(page.locator("#posts")).to_contain_text("Bizde haftalık kontrol var.")
        expect(page.locator("#reply-body")).to_have_value("")  # the form was reset
        expect(page.locator("#live-region")).to_contain_text(
            said_in_text("tr", "Your reply has been posted.")
        )
        assert page.evaluate("window.__marker") == 1, "the reply reloaded the page"

        banner = reader.locator("#new-replies")
        one_new = said_in_text("de", "%(num)s new reply — show", "%(num)s new replies — show", 1)
        expect(banner).to_contain_text(one_new, timeout=POLL_WAIT_MS)
        banner.get_by_role("link").click()
        expect(reader.locator("#posts .post")).to_have_count(2)
        expect(reader.locator("#posts")).to_contain_text("Bizde haftalık kontrol var.")
        expect(banner).not_to_contain_text(one_new)
        expect(banner.get_by_role("link")).to_have_count(0)  # nothing more to show
        assert reader.evaluate("window.__marker") == 1, "showing the reply reloaded the page"
    finally:
        other.close()

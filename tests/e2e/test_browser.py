"""What a person does in a real browser: sign in, switch language, filter partnerships."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from hub.demo import PASSWORD

pytestmark = pytest.mark.e2e


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("input[name=remember]").check()
    form.locator("button[type=submit], input[type=submit]").first.click()


def use_language(page: Page, code: str) -> None:
    """Make the interface speak `code`. The demo accounts are shared by the browser tests and
    the switcher changes a signed-in person's profile, so a test that reads the interface's
    words says which language it expects instead of relying on what earlier tests left."""
    if page.locator("html").get_attribute("lang") != code:
        page.locator("#language-select").select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_staff_signs_in_and_switches_the_interface_to_turkish(page: Page):
    sign_in(page, "staff.tr@demo.twinning.example")

    main = page.locator("main")
    expect(main).to_contain_text("Nilüfer – Darmstadt")
    assert urlsplit(page.url).path == "/"
    expect(page.locator("header")).to_contain_text("Mehmet Öztürk")
    use_language(page, "en")  # Mehmet's profile says English, unless another test changed it
    try:
        # The footer's switcher submits itself when the selection changes.
        page.locator("#language-select").select_option(label="Türkçe")

        expect(page.locator("html")).to_have_attribute("lang", "tr")
        expect(page.locator("#language-select")).to_have_value("tr")
        expect(main).to_contain_text("Nilüfer – Darmstadt")
        expect(page.locator("header")).to_contain_text("Mehmet Öztürk")
    finally:
        use_language(page, "en")  # leave the shared demo account as the other tests expect it


def test_partnership_filter_updates_the_results_in_place(page: Page):
    page.goto("/partnerships")
    results = page.locator("#partnership-results")
    expect(results).to_contain_text("Nilüfer – Darmstadt")
    expect(results).to_contain_text("Karşıyaka – Thessaloniki")

    page.evaluate("window.__marker = 1")  # gone if the browser loads a whole new page
    page.locator("main form select[name=country]").select_option("GR")

    page.wait_for_url(re.compile(r"/partnerships\?(.*&)?country=GR(&|$)"))
    expect(results).to_contain_text("Karşıyaka – Thessaloniki")
    expect(results).not_to_contain_text("Nilüfer – Darmstadt")
    expect(results).not_to_contain_text("Çankaya – Lyon – Kraków")
    assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"

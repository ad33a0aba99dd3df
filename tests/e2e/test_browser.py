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


def test_staff_signs_in_and_switches_the_interface_to_turkish(page: Page):
    sign_in(page, "staff.tr@demo.twinning.example")

    main = page.locator("main")
    expect(main).to_contain_text("Nilüfer – Darmstadt")
    assert urlsplit(page.url).path == "/"
    expect(page.locator("header")).to_contain_text("Mehmet Öztürk")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The footer's switcher submits itself when the selection changes.
    page.locator("#language-select").select_option(label="Türkçe")

    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.locator("#language-select")).to_have_value("tr")
    expect(main).to_contain_text("Nilüfer – Darmstadt")
    expect(page.locator("header")).to_contain_text("Mehmet Öztürk")


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

"""The personnel exchange in a real browser: Darmstadt offers a place, a colleague from Nilüfer
applies, Nilüfer's coordinator endorses, Darmstadt's coordinator accepts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from hub.demo import PASSWORD, email_for

pytestmark = pytest.mark.e2e
P = "/p/nilufer-darmstadt"
TITLE = "Hospitation im Grünflächenamt — yeşil alanlar"


def sign_in(page: Page, name: str) -> None:
    page.context.clear_cookies()
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(email_for(name))
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/$"))


def test_offer_apply_endorse_accept(page: Page):
    today = date.today()

    # Darmstadt's coordinator publishes an offer.
    sign_in(page, "coordinator.de")
    page.goto(f"{P}/exchange/new")
    form = page.locator("form.posting-form")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("textarea[name=description]").fill("Zwei Wochen im **Grünflächenamt**.")
    form.locator("select[name=format]").select_option("job_shadowing")
    form.locator("select[name=theme]").select_option("environment")
    form.locator("input[name=earliest_start]").fill((today + timedelta(days=40)).isoformat())
    form.locator("input[name=latest_end]").fill((today + timedelta(days=80)).isoformat())
    form.locator("input[name=duration_days]").fill("10")
    form.locator("input[name=places]").fill("1")
    form.locator("input[name=deadline]").fill((today + timedelta(days=20)).isoformat())
    form.locator("select[name='languages-0-language']").select_option("en")
    form.locator("select[name='languages-0-level']").select_option("B1")
    form.locator("button[name=action][value=publish]").click()
    page.wait_for_url(re.compile(rf"{P}/exchange/\d+$"))
    expect(page.locator("h1")).to_have_text(TITLE)

    # A colleague from Nilüfer finds it with the board's live filter and applies.
    sign_in(page, "staff.tr")
    page.goto(f"{P}/exchange")
    page.evaluate("window.__marker = 1")
    page.locator("form.exchange-filters select[name=format]").select_option("job_shadowing")
    page.wait_for_url(re.compile(r"format=job_shadowing"))
    results = page.locator("#posting-results")
    expect(results).to_contain_text(TITLE)
    assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"
    results.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(rf"{P}/exchange/\d+$"))
    page.locator("main a[href$='/apply']").click()
    page.wait_for_url(re.compile(r"/apply$"))
    page.locator("textarea[name=motivation]").fill("Nilüfer'de yeşil alan yönetimini "
                                                    "geliştirmek istiyorum.")
    # The spoken languages are filled in from the profile.
    expect(page.locator("select[name='languages-0-language']")).not_to_have_value("")
    page.locator("form.application-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{P}/exchange/applications/\d+$"))
    application_url = page.url

    # Nilüfer's coordinator endorses.
    sign_in(page, "coordinator.tr")
    page.goto(application_url)
    page.locator("input[name=decision][value=endorse]").check()
    page.locator("form[action$='/endorse'] button[type=submit]").click()
    page.wait_for_url(application_url)
    expect(page.locator("input[name=decision][value=endorse]")).to_have_count(0)

    # Darmstadt's coordinator accepts: the placement exists, the offer is full.
    sign_in(page, "coordinator.de")
    page.goto(application_url)
    page.locator("input[name=decision][value=accept]").check()
    page.locator("form[action$='/decide'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{P}/exchange/placements/\d+$"))
    expect(page.locator("main")).to_contain_text("Mehmet Öztürk")

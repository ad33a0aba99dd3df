"""Moderation in a real browser: a moderator works the queue (row updates in place, a refused
action keeps what was typed, the audit log shows the work), the same without JavaScript, and a
citizen flags a post and endorses a good practice.

Its own server: the demo data plus the demo flags and good practices, changed by these tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from hub import demo
from hub.extensions import limiter
from hub.goodpractices.demo import seed_good_practices
from hub.moderation.demo import seed_moderation
from tests.e2e.conftest import served_hub

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def moderation_server(tmp_path_factory) -> Iterator[str]:
    with served_hub(tmp_path_factory.mktemp("moderation-e2e"), seed_moderation,
                    seed_good_practices, name="moderation-e2e") as base_url:
        yield base_url


def _context(browser: Browser, base_url: str, *, javascript: bool = True):
    context = browser.new_context(base_url=base_url, locale="en-GB",
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def open_page(browser: Browser, moderation_server: str):
    """`open_page(javascript=True)`: a fresh profile; JavaScript errors fail the test."""
    was_enabled = limiter.enabled
    limiter.enabled = False
    contexts, errors = [], []

    def make(javascript: bool = True) -> Page:
        context = _context(browser, moderation_server, javascript=javascript)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        # Refused input answers 422 on purpose: the browser logs it, which is no error here.
        page.on("console", lambda m: errors.append(m.text) if m.type == "error"
                and not m.text.startswith("Failed to load resource") else None)
        return page

    try:
        yield make
        assert not errors, errors
    finally:
        for context in contexts:
            context.close()
        limiter.enabled = was_enabled


def sign_in(page: Page, name: str) -> None:
    page.goto("/login")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=email]").fill(demo.email_for(name))
    form.locator("input[name=password]").fill(demo.PASSWORD)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^[^?]*/$"))
    # The demo moderator, admin and citizen read English: the words checked here are English.
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_moderator_works_the_queue(open_page):
    page = open_page()
    sign_in(page, "moderator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(page.locator("h1")).to_have_text("Moderation queue")
    page.goto("/moderation")  # a full load: htmx has set the rows' forms up when it ends
    items = page.locator("article.queue-item")
    expect(items).to_have_count(3)
    # Katarzyna reads Polish: the Polish reply comes first, its language clearly marked.
    first = items.first
    expect(first).to_contain_text("Amélie")
    expect(first).to_contain_text("Written in Polish")
    expect(first).to_contain_text("A language you read")
    row_id = first.get_attribute("id")

    # Without a reason the action is refused in place, and the chosen rule stays chosen.
    first.locator("select").select_option("personal_data")
    first.get_by_role("button", name="Hide", exact=True).click()
    row = page.locator(f"#{row_id}")
    expect(row.locator(".form-summary")).to_contain_text("Please correct the marked fields.")
    expect(row.locator("select")).to_have_value("personal_data")
    expect(page).to_have_url(re.compile(r"/moderation$"))

    row.locator("textarea").fill("Numer telefonu osoby prywatnej — dane osobowe.")
    row.get_by_role("button", name="Hide", exact=True).click()
    expect(row).to_contain_text("Settled: Hidden.")
    expect(row).to_contain_text("Done: Hidden.")
    expect(row.locator("button")).to_have_count(0)
    expect(page.locator("article.queue-item")).to_have_count(3)  # nothing reloaded

    # The advertisement was hidden automatically: delete it for good.
    advert = page.locator("article.queue-item").filter(has_text="baklava")
    expect(advert).to_contain_text("Hidden")
    advert.locator("textarea").fill("Reklam, konu dışı.")
    advert.get_by_role("button", name="Delete", exact=True).click()
    expect(advert).to_contain_text("Settled: Deleted.")

    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("h1")).to_have_text("Audit log")
    log = page.locator("#log-results")
    expect(log).to_contain_text("Numer telefonu osoby prywatnej")
    expect(log).to_contain_text("Hidden automatically (flagged by several people)")
    page.locator("#action").select_option("moderation.delete")
    page.get_by_role("button", name="Filter").click()
    expect(log.locator("tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"action=moderation.delete"))


def test_the_queue_works_without_javascript(open_page):
    page = open_page(javascript=False)
    sign_in(page, "admin")
    page.goto("/moderation?type=document")
    item = page.locator("article.queue-item")
    expect(item).to_have_count(1)
    item.locator("textarea").fill("Rapor hâlâ geçerli; tarih açıklamaya eklendi.")
    item.get_by_role("button", name="Dismiss the flags").click()
    page.wait_for_url(re.compile(r"/moderation$"))
    expect(page.locator("#flashes")).to_contain_text("Done: Flags dismissed.")


def test_citizen_flags_a_post_and_endorses_a_good_practice(open_page):
    page = open_page()
    sign_in(page, "citizen")
    page.goto("/forum")
    page.get_by_role("link", name="Jugendrat gründen: Wie hat Nilüfer angefangen?").click()
    first_post = page.locator("article.post").first
    first_post.get_by_role("link", name="Flag").click()
    expect(page.locator("h1")).to_have_text("Flag for the moderators")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator(".field-errors")).to_contain_text("Please choose why you flag this.")
    page.get_by_label("Off-topic").check()
    page.get_by_label("Anything the moderators should know (optional)").fill("Konu dışı.")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator("#flashes")).to_contain_text("The moderators will review")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Good practices").click()
    expect(page.locator("#practice-results")).to_contain_text("5 good practices")
    page.goto("/good-practices")  # a full load: htmx has set the filters up when it ends
    page.locator("#practice-theme").select_option("crisis_management")  # htmx updates the list
    expect(page.locator("#practice-results")).to_contain_text("1 good practice")
    expect(page).to_have_url(re.compile(r"theme=crisis_management"))
    page.get_by_role("link", name="A joint earthquake drill for the schools of two towns").click()
    box = page.locator("#endorse-box")
    box.get_by_role("button", name="This helped us").click()
    expect(box).to_contain_text("1 person says: this helped us.")
    expect(box).to_contain_text("You have endorsed this good practice.")

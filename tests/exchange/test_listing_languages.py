"""Languages on the exchange lists: titles in the reader's language when a translation exists
(marked as such), the language a posting is written in shown and filterable, `lang` right, and
no translation of a posting the reader may not see."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from hub.extensions import db
from hub.i18n import language_name
from hub.translations import services as translations
from hub.translations.targets import get_target
from tests.exchange.conftest import finish
from tests.exchange.helpers import P, text
from tests.helpers import said_by_template

GERMAN = "Hospitation im Umweltamt"
TURKISH = "Çevre dairesinde iş başında gözlem"


def name_of(code: str, locale: str) -> str:
    with force_locale(locale):
        return language_name(code)


def translate(posting, language: str, title: str, translator, *, origin: str = "human"):
    """A translation of the posting's title (human by default), committed."""
    target = get_target("posting")
    row = translations.save_translation(target, posting, "title", language, title, translator)
    row.origin = origin
    return finish(row)


def translated_mark(locale: str, source: str) -> str:
    return said_by_template(locale, "Translated from %(language)s",
                            language=name_of(source, locale))


@pytest.fixture
def german(world, make_posting):
    """An offer Darmstadt wrote in German, open to the hub, with a Turkish title translation."""
    posting = make_posting(title=GERMAN, language="de", town=world.darmstadt,
                           author=world.sending_coordinator, visibility="hub",
                           languages={"en": "B1"})
    translate(posting, "tr", TURKISH, world.host_staff)
    return posting


@pytest.fixture
def turkish(make_posting):
    """An offer written in Turkish that requires German (its content language is not German)."""
    return make_posting(title="Bütçe stajı", language="tr", languages={"de": "B2"},
                        visibility="hub")


@pytest.mark.parametrize("url", [f"{P}/exchange", "/exchange"])
def test_turkish_reader_sees_the_turkish_title_marked_as_translated(client, login_as, world,
                                                                   german, url):
    login_as(world.host_staff)  # Turkish interface
    body = text(client.get(url))
    # The mark follows the link, outside the link's name.
    assert f'lang="tr">{TURKISH}</a> <span class="badge badge-translated"' in body
    assert GERMAN not in body
    assert translated_mark("tr", "de") in body
    assert "de → tr" in body
    # The card still says what the posting was written in, in the reader's language.
    assert f'<dd class="posting-language">{name_of("de", "tr")}</dd>' in body


@pytest.mark.parametrize("url", [f"{P}/exchange", "/exchange"])
def test_reader_of_the_original_language_sees_the_original(client, login_as, world, german,
                                                           url):
    login_as(world.sending_staff)  # German interface
    body = text(client.get(url))
    assert f'lang="de">{GERMAN}</a>' in body
    assert TURKISH not in body and "badge-translated" not in body
    assert f'<dd class="posting-language">{name_of("de", "de")}</dd>' in body


def test_reader_without_a_translation_sees_the_original_with_its_lang(client, world, german,
                                                                      make_posting):
    public = make_posting(title="Öffentliche Hospitation", language="de", town=world.darmstadt,
                          author=world.sending_coordinator, visibility="public")
    assert public.id
    body = text(client.get("/exchange", headers={"Accept-Language": "el"}))
    assert 'lang="de">Öffentliche Hospitation</a>' in body
    assert "badge-translated" not in body
    assert '<html lang="el"' in body


def test_a_machine_translation_is_marked_as_one(client, login_as, world, german, make_posting):
    other = make_posting(title="Stadtplanung vor Ort", language="de", town=world.darmstadt,
                         author=world.sending_coordinator, visibility="hub")
    translate(other, "tr", "Yerinde şehir planlaması", world.host_staff, origin="machine")
    login_as(world.host_staff)
    body = text(client.get(f"{P}/exchange"))
    assert 'lang="tr">Yerinde şehir planlaması</a>' in body
    assert said_by_template("tr", "Machine translation from %(language)s",
                            language=name_of("de", "tr")) in body


def titles(body: str) -> set[str]:
    return {t for t in (GERMAN, TURKISH, "Bütçe stajı") if t in body}


@pytest.mark.parametrize("query, expected", [
    ("written_in=de", {GERMAN}),
    ("written_in=tr", {"Bütçe stajı"}),
    ("written_in=el", set()),
    ("language=de", {"Bütçe stajı"}),  # requires German: another filter
    ("written_in=de&language=de", set()),
    ("written_in=xx", {GERMAN, "Bütçe stajı"}),  # unknown: ignored
    ("written_in=%3Cscript%3E", {GERMAN, "Bütçe stajı"}),
])
@pytest.mark.parametrize("base", [f"{P}/exchange", "/exchange"])
def test_filter_by_the_language_written_in(client, login_as, world, german, turkish, base,
                                           query, expected):
    login_as(world.sending_staff)
    page = client.get(f"{base}?{query}")
    assert page.status_code == 200 and "<html" in text(page)
    assert titles(text(page)) == expected
    fragment = client.htmx_get(f"{base}?{query}")
    assert fragment.status_code == 200
    body = text(fragment)
    assert "<html" not in body and 'id="posting-results"' in body
    assert titles(body) == expected
    assert "HX-Request" in fragment.headers["Vary"]


def test_filter_form_offers_the_written_in_choice(client, login_as, world, german):
    login_as(world.host_staff)
    body = text(client.get(f"{P}/exchange?written_in=de"))
    assert 'name="written_in"' in body and 'hx-get="/p/nilufer-darmstadt/exchange"' in body
    assert said_by_template("tr", "Written in") in body
    assert said_by_template("tr", "Required languages") in body
    assert f'<option selected value="de">{name_of("de", "tr")}</option>' in body


@pytest.mark.parametrize("url", [f"{P}/exchange", "/exchange"])
def test_query_count_is_flat_with_translated_titles(client, login_as, world, make_posting,
                                                    count_queries, url):
    """3 and 30 postings, all with a Turkish title translation: the same number of queries."""
    for n in range(33):
        posting = make_posting(title=f"Angebot {n}", language="de", town=world.darmstadt,
                               author=world.sending_coordinator,
                               theme="environment" if n < 3 else "good_governance",
                               languages={"en": "B1", "de": "A2"},
                               visibility="hub" if n % 2 else "public")
        translate(posting, "tr", f"Teklif {n}", world.host_staff)
    login_as(world.host_staff)
    client.get(url)  # warm up (first-request work)
    counts = {}
    for theme, shown in (("environment", 3), ("good_governance", 20)):
        db.session.remove()  # a fresh session, as every real request has
        with count_queries() as counter:
            body = text(client.get(f"{url}?theme={theme}"))
        assert body.count("badge-translated") == shown, theme
        counts[shown] = counter.count
    assert counts[3] == counts[20], counts


def test_translation_of_a_partnership_only_posting_never_reaches_outsiders(
    client, login_as, world, make_posting, make_user
):
    private = make_posting(title=GERMAN, language="de", town=world.darmstadt,
                           author=world.sending_coordinator, visibility="partnership")
    public = make_posting(title="Öffentliche Hospitation", language="de", town=world.darmstadt,
                          author=world.sending_coordinator, visibility="public")
    translate(private, "tr", TURKISH, world.host_staff)
    translate(public, "tr", "Herkese açık gözlem", world.host_staff)
    outsider = make_user(display_name="Elif Kaya", locale="tr")
    urls = ["/exchange", f"{P}/exchange", P, f"{P}/exchange?written_in=de"]
    for reader in (None, outsider, world.other_staff):
        login_as(reader)
        for url in urls:
            response = client.get(url, headers={"Accept-Language": "tr"})
            assert response.status_code == 200, (reader, url)
            body = text(response)
            assert TURKISH not in body and GERMAN not in body, (reader, url)
    login_as(outsider)  # the public one is there, translated: the list did render translations
    body = text(client.get("/exchange"))
    assert 'lang="tr">Herkese açık gözlem</a>' in body
    login_as(world.host_staff)  # a member sees it
    assert TURKISH in text(client.get(f"{P}/exchange"))


def test_workspace_card_and_public_profile_show_translated_titles(client, login_as, world,
                                                                 german, make_posting):
    public = make_posting(title="Öffentliche Hospitation", language="de", town=world.darmstadt,
                          author=world.sending_coordinator, visibility="public")
    translate(public, "tr", "Herkese açık gözlem", world.host_staff)
    login_as(world.host_staff)
    workspace = text(client.get(P))
    assert f'lang="tr">{TURKISH}</a>' in workspace
    assert translated_mark("tr", "de") in workspace
    login_as(None)
    profile = text(client.get(P, headers={"Accept-Language": "tr"}))
    assert 'lang="tr">Herkese açık gözlem</a>' in profile
    assert translated_mark("tr", "de") in profile
    assert TURKISH not in profile  # the hub-only posting is not on the public profile


def test_applications_list_shows_the_offer_in_the_readers_language(client, login_as, world,
                                                                   make_posting,
                                                                   make_application):
    offer = make_posting(title="Bütçe stajı", language="tr")
    translate(offer, "de", "Praktikum in der Haushaltsabteilung", world.sending_staff)
    make_application(offer, status="endorsed")
    login_as(world.sending_staff)  # German interface: "My applications"
    body = text(client.get(f"{P}/exchange/applications"))
    assert 'lang="de">Praktikum in der Haushaltsabteilung</a>' in body
    assert translated_mark("de", "tr") in body
    assert "Bütçe stajı" not in body
    login_as(world.host_coordinator)  # Turkish, "Waiting for your decision": the original
    body = text(client.get(f"{P}/exchange/applications"))
    assert 'lang="tr">Bütçe stajı</a>' in body and "badge-translated" not in body


def test_the_posting_page_shows_the_translated_title_as_its_heading(client, login_as, world,
                                                                    german):
    url = f"{P}/exchange/{german.id}"
    heading = f"tr-posting-{german.id}-title-heading"
    login_as(world.host_staff)  # Turkish interface
    body = text(client.get(url))
    assert f'aria-labelledby="{heading}"' in body
    assert f'<h1 id="{heading}" lang="tr">{TURKISH}</h1>' in body
    assert f"<title>{TURKISH} ·" in body
    assert f'<li aria-current="page">{TURKISH}</li>' in body
    assert said_by_template("tr", "Show original") in body

    login_as(world.sending_staff)  # German interface: the original
    body = text(client.get(url))
    assert f'<h1 id="{heading}" lang="de">{GERMAN}</h1>' in body
    assert TURKISH not in body

"""Translating into any language one reads, and reading a translation in another language.

The rule of the picker: a signed-in participant who reads the original's language (B2 or
better) may translate it into every *other* language they read that well. With two or more such
languages the note offers a "Translate into [language] [Translate]" form, with exactly one a plain
link, with none nothing. Everyone who may see a field may read any of its translations
(`?language=xx`); the note lists them as "Also translated into: …".
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from hub.extensions import db as _db
from hub.forum import services as forum
from hub.forum.models import Post
from hub.translations import services
from hub.translations.targets import get_target
from tests import factories
from tests.helpers import said_by_template

GERMAN = "Wie haben Sie die Ausschreibung vorbereitet? Der Gemeinderat hat im FEBRUAR entschieden."
ENGLISH = "How did you prepare the tender specification? The city council decided in FEBRUARY."
GREEK = "Πώς ετοιμάσατε τη διακήρυξη;"


@pytest.fixture
def polyglot(world):
    """Elif: Turkish native, English C1, German B2, Greek A2 (too little to translate) — staff."""
    user = factories.user(display_name="Elif Demir",
                          languages={"tr": "native", "en": "C1", "de": "B2", "el": "A2"})
    factories.membership(user, world.p)
    _db.session.commit()
    return user


@pytest.fixture
def polish_coordinator(world):
    """Agnieszka: pages in English, reads Polish, German and Greek well, English only at B1."""
    user = factories.user(display_name="Agnieszka Nowak",
                          languages={"pl": "native", "de": "C1", "el": "C2", "en": "B1"})
    _db.session.commit()
    return user


def translate(post: Post, language: str, text: str, translator) -> None:
    services.save_translation(get_target("post"), post, "body", language, text, translator)
    _db.session.commit()


def picker(page: str, post: Post) -> str | None:
    """The target-language form of the post's body, or None."""
    action = f'action="/translations/post/{post.id}/body/translate"'
    match = re.search(r"<form " + re.escape(action) + r".*?</form>", page, re.S)
    return match.group(0) if match else None


def options(form: str) -> list[str]:
    return re.findall(r'<option value="([a-z]+)"', form)


def show_url(post: Post, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/translations/post/{post.id}/body" + (f"?{query}" if query else "")


def href(url: str) -> str:
    """A link to `url` as the page writes it (ampersands escaped)."""
    return 'href="{}"'.format(url.replace("&", "&amp;"))


# --- the picker ----------------------------------------------------------------------------

def test_a_member_reading_two_other_languages_gets_a_labelled_picker(world, client, login_as,
                                                                     polyglot):
    login_as(polyglot)
    page = client.get(world.thread_url()).get_data(as_text=True)
    form = picker(page, world.post)
    assert form is not None and 'method="get"' in form
    # The UI language (English) first, then German; never Greek (A2) nor Turkish (the original).
    assert options(form) == ["en", "de"]
    select_id = re.search(r'<select id="([^"]+)" name="language"', form).group(1)
    assert f'<label for="{select_id}">{said_by_template("en", "Translate into")}</label>' in form
    assert said_by_template("en", "Translate") + "</button>" in form
    assert 'type="submit"' in form


def test_a_polish_coordinator_translates_a_german_post_into_polish_or_greek(
    world, client, login_as, polish_coordinator
):
    thread = forum.create_thread(world.p, world.coordinator, title="Jugendrat",
                                 body="Wir gründen einen Jugendrat.", theme="environment",
                                 language="de", visibility="public")
    _db.session.commit()
    post = _db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    login_as(polish_coordinator)
    page = client.get(world.thread_url(thread)).get_data(as_text=True)
    form = picker(page, post)
    assert form is not None
    # English (the UI) is not offered: she reads it at B1 only. By name: Greek, Polish.
    assert options(form) == ["el", "pl"]
    response = client.get(f"/translations/post/{post.id}/body/translate?language=pl")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/translations/post/{post.id}/body/pl/edit")


@pytest.mark.parametrize("who", ["visitor", "citizen", "coordinator"])
def test_no_translation_offer_for_those_who_do_not_read_the_original(world, client, login_as,
                                                                      who):
    """Zofia reads no Turkish; Jürgen reads Turkish at A2 only; visitors translate nothing."""
    login_as(None if who == "visitor" else getattr(world, who))
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert picker(page, world.post) is None
    assert f"/translations/post/{world.post.id}/body/" not in page


def test_one_possible_language_keeps_the_single_link(world, client, login_as):
    login_as(world.translator)  # Turkish and English
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert picker(page, world.post) is None
    link = f'<a href="{world.edit_url(world.post, "en")}">'
    assert link + said_by_template("en", "Translate into %(language)s", language="English") in page


def test_a_post_in_the_ui_language_can_be_translated_into_the_others(world, client, login_as,
                                                                      polyglot):
    """An English post read with English pages: Elif may translate it into Turkish or German."""
    forum.add_reply(world.thread, world.translator, body="We did it with the council.",
                    language="en")
    _db.session.commit()
    reply = _db.session.scalars(
        select(Post).where(Post.thread_id == world.thread.id).order_by(Post.id.desc())
    ).first()
    login_as(polyglot)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert options(picker(page, reply)) == ["de", "tr"]  # German, Turkish by name


def test_improving_the_ui_translation_and_the_picker_side_by_side(world, client, login_as, db,
                                                                  polyglot):
    translate(world.post, "en", ENGLISH, world.translator)
    login_as(polyglot)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert f'<a href="{world.edit_url(world.post, "en")}">Improve the translation</a>' in page
    assert options(picker(page, world.post)) == ["en", "de"]


# --- the route behind the picker -----------------------------------------------------------

@pytest.mark.parametrize("language, status", [
    ("de", 303), ("en", 303),  # read well enough
    ("el", 403),  # Greek only at A2
    ("pl", 403),  # not read at all
    ("tr", 403),  # the original's language
    ("xx", 404), ("", 404),  # not a language of the hub
])
def test_choosing_a_language(world, client, login_as, polyglot, language, status):
    login_as(polyglot)
    url = f"/translations/post/{world.post.id}/body/translate?language={language}"
    response = client.get(url)
    assert response.status_code == status
    if status == 303:
        assert response.headers["Location"].endswith(world.edit_url(world.post, language))


def test_choosing_with_htmx_redirects_the_browser(world, client, login_as, polyglot):
    login_as(polyglot)
    response = client.htmx_get(f"/translations/post/{world.post.id}/body/translate?language=de",
                               boosted=True)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].endswith(world.edit_url(world.post, "de"))


def test_choosing_asks_visitors_to_sign_in(world, client):
    response = client.get(f"/translations/post/{world.post.id}/body/translate?language=en")
    assert response.status_code == 303 and "/login" in response.headers["Location"]


def test_choosing_on_private_content_is_404_for_outsiders(world, client, login_as, db):
    private_post = db.session.scalar(select(Post).where(Post.thread_id == world.private.id))
    outsider = factories.user(languages={"tr": "native", "en": "C2", "de": "C1"})
    db.session.commit()
    login_as(outsider)
    url = f"/translations/post/{private_post.id}/body/translate?language=en"
    assert client.get(url).status_code == 404
    assert client.get(world.edit_url(private_post, "de")).status_code == 404


# --- the edit page in a language other than the UI's ------------------------------------

def test_translating_into_a_language_other_than_the_ui(world, client, login_as, db, polyglot):
    login_as(polyglot)
    form = client.get(world.edit_url(world.post, "de"))
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert said_by_template("en", "Original (%(language)s)", language="Turkish") in html
    assert 'lang="tr" hx-disable><p>İhale şartnamesini' in html
    assert 'lang="de"' in html  # the text area is marked as German
    switch = picker(html, world.post)
    assert switch is not None and '<option value="de" selected>' in switch
    assert options(switch) == ["en", "de"]

    response = client.post(world.edit_url(world.post, "de"), data={"text": GERMAN})
    assert response.status_code == 303

    # English pages show the original (no English translation) and offer the German one.
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert 'lang="tr" hx-disable><p>İhale şartnamesini' in page
    assert href(show_url(world.post, language="de")) in page

    shown = client.get(show_url(world.post, language="de")).get_data(as_text=True)
    assert f'lang="de" hx-disable><p>{GERMAN}' in shown
    assert said_by_template("en", "Translated from %(language)s by %(translator)s.",
                            language="Turkish", translator="Elif Demir") in shown
    assert said_by_template("en", "You are reading the translation into %(language)s.",
                            language="German") in shown
    # "Show original" keeps the chosen language, so that the way back leads to German again.
    assert href(show_url(world.post, language="de", show="original")) in shown
    original = client.get(show_url(world.post, language="de", show="original"))
    html = original.get_data(as_text=True)
    assert 'lang="tr" hx-disable><p>İhale şartnamesini' in html
    assert said_by_template("en", "Show the translation into %(language)s",
                            language="German") in html
    assert href(show_url(world.post, language="de")) in html


def test_the_ui_language_translation_does_not_say_it_is_in_another_language(
    world, client, login_as, db
):
    translate(world.post, "en", ENGLISH, world.translator)
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert f'lang="en" hx-disable><p>{ENGLISH}' in page
    assert said_by_template("en", "You are reading the translation into %(language)s.",
                            language="English") not in page


# --- "Also translated into" -------------------------------------------------------------------

def test_other_translations_are_listed_and_link_to_their_language(world, client, login_as, db,
                                                                  polyglot):
    translate(world.post, "en", ENGLISH, world.translator)
    translate(world.post, "de", GERMAN, polyglot)
    greek_reader = factories.user(languages={"tr": "native", "el": "C2"})
    db.session.commit()
    translate(world.post, "el", GREEK, greek_reader)

    login_as(world.coordinator)  # English pages: English shown, German and Greek listed
    page = client.get(world.thread_url()).get_data(as_text=True)
    listed = re.search(r'<p class="translation-others">(.*?)</p>', page, re.S).group(1)
    assert said_by_template("en", "Also translated into:") in listed
    links = re.findall(r'<a href="([^"]+)"[^>]*lang="([a-z]+)" hreflang="\2">([^<]+)</a>', listed)
    assert links == [
        (show_url(world.post, language="de"), "de", "Deutsch"),
        (show_url(world.post, language="el"), "el", "Ελληνικά"),
    ]

    # Readers in the original's language see every translation listed.
    world.verifier.locale = "tr"
    db.session.commit()
    login_as(world.verifier)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert ENGLISH not in page and GERMAN not in page
    listed = re.search(r'<p class="translation-others">(.*?)</p>', page, re.S).group(1)
    assert said_by_template("tr", "Also translated into:") in listed
    assert re.findall(r'hreflang="([a-z]+)"', listed) == ["de", "en", "el"]  # by own name

    # Reading the Greek one lists the others, the UI language's among them.
    shown = client.get(show_url(world.post, language="el")).get_data(as_text=True)
    listed = re.search(r'<p class="translation-others">(.*?)</p>', shown, re.S).group(1)
    assert re.findall(r'hreflang="([a-z]+)"', listed) == ["de", "en"]


def test_no_list_without_other_translations(world, client, login_as, db):
    translate(world.post, "en", ENGLISH, world.translator)
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert said_by_template("en", "Also translated into:") not in page


def test_thread_title_in_another_language_keeps_its_heading_level(world, client, login_as, db,
                                                                  polyglot):
    services.save_translation(get_target("thread"), world.thread, "title", "de",
                              "Ausschreibung der Müllabfuhr", polyglot)
    db.session.commit()
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    url = f"/translations/thread/{world.thread.id}/title?level=1&amp;language=de"
    assert f'href="{url}"' in page
    title = client.htmx_get(url.replace("&amp;", "&")).get_data(as_text=True)
    heading = f"tr-thread-{world.thread.id}-title-heading"
    assert f'<h1 id="{heading}" lang="de">Ausschreibung der Müllabfuhr</h1>' in title


# --- ?language= on the show route -------------------------------------------------------------

def test_language_works_with_and_without_htmx(world, client, login_as, db, polyglot):
    translate(world.post, "de", GERMAN, polyglot)
    fragment = client.htmx_get(show_url(world.post, language="de"))  # a visitor: public thread
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert f'id="tr-post-{world.post.id}-body"' in html
    assert f'lang="de" hx-disable><p>{GERMAN}' in html
    assert "HX-Request" in fragment.headers["Vary"]
    page = client.get(show_url(world.post, language="de"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in html
    assert f'lang="de" hx-disable><p>{GERMAN}' in html


def test_language_must_be_a_language_of_the_hub(world, client):
    assert client.get(show_url(world.post, language="xx")).status_code == 404
    assert client.htmx_get(show_url(world.post, language="<b>")).status_code == 404


def test_private_content_is_404_for_outsiders_in_any_language(world, client, login_as, db,
                                                              polyglot):
    private_post = db.session.scalar(select(Post).where(Post.thread_id == world.private.id))
    translate(private_post, "de", "Vertrauliches Haushaltsgespräch.", polyglot)
    login_as(world.citizen)
    assert client.get(show_url(private_post, language="de")).status_code == 404
    assert client.htmx_get(show_url(private_post, language="de")).status_code == 404
    assert client.get(show_url(private_post, language="xx")).status_code == 404
    login_as(None)
    assert client.get(show_url(private_post, language="de")).status_code == 404
    login_as(world.verifier)  # a member reads it
    assert client.get(show_url(private_post, language="de")).status_code == 200


# --- one query per kind, however many posts ---------------------------------------------------

def _thread_with_translated_posts(world, polyglot, replies: int) -> None:
    for n in range(replies):
        forum.add_reply(world.thread, world.verifier, body=f"Cevap {n}", language="tr")
    _db.session.commit()
    for post in _db.session.scalars(select(Post).where(Post.thread_id == world.thread.id)):
        translate(post, "en", f"Reply {post.id}", world.translator)
        translate(post, "de", f"Antwort {post.id}", polyglot)


def test_the_languages_of_a_page_of_posts_load_in_one_query(world, client, login_as, db,
                                                            count_queries, polyglot):
    from tests.forum.conftest import measure_page

    _thread_with_translated_posts(world, polyglot, 4)  # 5 posts
    login_as(polyglot)  # the picker and the list of other languages on every post
    few = measure_page(client, db, count_queries, world.thread_url())
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert page.count('<p class="translation-others">') == 5
    _thread_with_translated_posts(world, polyglot, 20)  # 25 posts
    many = measure_page(client, db, count_queries, world.thread_url())
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert page.count('<p class="translation-others">') == 25
    assert many == few

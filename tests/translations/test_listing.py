"""Translated titles in lists: `listed_text` itself, and the forum lists and the workspace home
that use it. A Turkish reader sees the Turkish title of a German thread, marked as a translation;
a German reader sees the original; a private thread's translation never reaches outsiders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import render_template_string
from flask_babel import force_locale

from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db as _db
from hub.forum import services as forum
from hub.forum.models import Thread
from hub.goodpractices.models import GoodPractice
from hub.i18n import language_name
from hub.partnerships.models import Partnership
from hub.translations import listing, services
from hub.translations.models import ContentTranslation, source_hash
from hub.translations.present import forget_loaded
from hub.translations.targets import get_target
from tests import factories
from tests.helpers import said_by_template

TITLE_DE = "Jugendrat: wie fangen wir an?"
TITLE_TR = "Gençlik meclisi: nasıl başlarız?"
MACHINE_TR = "Gençlik konseyi: nasıl başlıyoruz?"
SECRET_DE = "Haushaltsentwurf für 2026"
SECRET_TR = "2026 bütçe taslağı"


@dataclass
class Scene:
    p: object
    turkish: object  # Ayşe: staff in Nilüfer, Turkish UI, reads German (the translator)
    german: object  # Jürgen: coordinator in Darmstadt, German UI
    outsider: object  # Elif: Turkish UI, reads German, no membership
    public: Thread
    private: Thread

    @property
    def forum(self) -> str:
        return f"/p/{self.p.slug}/forum"

    @property
    def home(self) -> str:
        return f"/p/{self.p.slug}"

    def link(self, thread: Thread, text: str, language: str) -> str:
        """A thread's link in a list, with the title and its `lang`."""
        return f'href="{self.forum}/{thread.id}" lang="{language}">{text}</a>'


def translate(thread: Thread, text: str, translator, language: str = "tr") -> ContentTranslation:
    return services.save_translation(get_target("thread"), thread, "title", language, text,
                                     translator)


def machine(thread: Thread, text: str, language: str = "tr") -> ContentTranslation:
    row = ContentTranslation(target_type="thread", target_id=thread.id, field="title",
                             language=language, source_language=thread.language, text=text,
                             origin="machine", provider="libretranslate",
                             source_hash=source_hash(thread.title))
    _db.session.add(row)
    _db.session.flush()
    return row


@pytest.fixture
def scene(app) -> Scene:
    nilufer = factories.town("Nilüfer", latin_name="Nilufer", country="TR", slug="nilufer")
    darmstadt = factories.town("Darmstadt", country="DE", slug="darmstadt",
                               official_languages=["de"])
    p = factories.partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt",
                              slug="nilufer-darmstadt")
    turkish = factories.user(display_name="Ayşe Yılmaz", locale="tr",
                             languages={"tr": "native", "de": "C1"})
    german = factories.user(display_name="Jürgen Schäfer", locale="de",
                            languages={"de": "native", "tr": "A2"})
    outsider = factories.user(display_name="Elif Demir", locale="tr",
                              languages={"tr": "native", "de": "B2"})
    for u in (turkish, german, outsider):
        u.created_at = utcnow() - timedelta(days=30)
    factories.membership(turkish, p, nilufer)
    factories.membership(german, p, darmstadt, role="coordinator")
    public = forum.create_thread(p, german, title=TITLE_DE, body="Wir gründen einen Jugendrat.",
                                 theme="good_governance", language="de", visibility="public")
    private = forum.create_thread(p, german, title=SECRET_DE, body="Nur für Mitglieder.",
                                  theme="good_governance", language="de", visibility="members")
    translate(public, TITLE_TR, turkish)
    translate(private, SECRET_TR, turkish)
    _db.session.commit()
    return Scene(p, turkish, german, outsider, public, private)


def listed(obj, *, reader: str, kind: str = "thread", field: str = "title"):
    """`listed_text` as a reader with the `reader` locale gets it, in a fresh request."""
    forget_loaded()
    with force_locale(reader):
        return listing.listed_text(kind, obj, field)


def badge(locale: str, original: str, *, machine: bool = False) -> str:
    """The visually hidden words of the mark beside a translated title."""
    with force_locale(locale):
        name = language_name(original)
    msgid = "Machine translation from %(language)s" if machine else "Translated from %(language)s"
    return f'<span class="visually-hidden">{said_by_template(locale, msgid, language=name)}</span>'


# --- listed_text --------------------------------------------------------------------------


def test_a_reader_of_the_original_language_sees_the_original(scene):
    # A German "translation" left over from when the thread was wrongly marked Turkish.
    translate(scene.public, "Jugendrat — alte Übersetzung", scene.turkish, language="de")
    _db.session.commit()
    shown = listed(scene.public, reader="de")
    assert (shown.text, shown.language, shown.original_language) == (TITLE_DE, "de", "de")
    assert not shown.is_translation and shown.translation is None
    assert listed(scene.public, reader="tr").text == TITLE_TR


def test_without_a_translation_into_the_readers_language_the_original_shows(scene):
    shown = listed(scene.public, reader="fr")
    assert (shown.text, shown.language, shown.original_language) == (TITLE_DE, "de", "de")
    assert not shown.is_translation and not shown.is_machine
    assert str(shown) == TITLE_DE


def test_the_translation_into_the_readers_language_shows_with_its_origin(scene):
    shown = listed(scene.public, reader="tr")
    assert (shown.text, shown.language, shown.original_language) == (TITLE_TR, "tr", "de")
    assert shown.is_translation and not shown.is_machine
    assert shown.translation.translator_id == scene.turkish.id


def test_a_human_translation_is_preferred_to_a_machine_one(scene):
    machine(scene.public, MACHINE_TR)
    _db.session.commit()
    shown = listed(scene.public, reader="tr")
    assert shown.text == TITLE_TR and not shown.is_machine
    _db.session.delete(shown.translation)
    _db.session.commit()
    shown = listed(scene.public, reader="tr")
    assert (shown.text, shown.language) == (MACHINE_TR, "tr")
    assert shown.is_translation and shown.is_machine


def test_a_blank_translation_does_not_stand_in_for_the_title(scene):
    human = listed(scene.public, reader="tr").translation
    human.text = "   "
    machine(scene.public, MACHINE_TR)
    _db.session.commit()
    assert listed(scene.public, reader="tr").text == MACHINE_TR


def test_a_verified_translation_comes_before_an_unverified_one(scene, monkeypatch):
    # The schema keeps one human and one machine row per language; the ranking still decides
    # between rows alike but for their verification (newer unverified vs older verified).
    def row(row_id: int, text: str, verified: bool) -> ContentTranslation:
        return ContentTranslation(id=row_id, target_type="thread", target_id=scene.public.id,
                                  field="title", language="tr", source_language="de", text=text,
                                  origin="human", source_hash="",
                                  verified_at=utcnow() if verified else None)

    rows = [row(2, "Doğrulanmamış başlık", False), row(1, "Doğrulanmış başlık", True)]
    monkeypatch.setattr(listing, "_loaded", lambda target, target_id, language: rows)
    assert listed(scene.public, reader="tr").text == "Doğrulanmış başlık"
    rows.reverse()
    assert listed(scene.public, reader="tr").text == "Doğrulanmış başlık"


def test_a_translation_of_another_field_is_not_the_title(scene):
    practice = GoodPractice(title="Jugendbeteiligung", summary="Junge Menschen entscheiden mit.",
                            language="de", state="published", partnership_id=scene.p.id)
    _db.session.add(practice)
    _db.session.flush()
    services.save_translation(get_target("good_practice"), practice, "summary", "tr",
                              "Gençler birlikte karar veriyor.", scene.turkish)
    _db.session.commit()
    shown = listed(practice, reader="tr", kind="good_practice")
    assert shown.text == "Jugendbeteiligung" and not shown.is_translation


def test_a_field_that_is_not_translatable_is_refused(scene):
    with pytest.raises(KeyError):
        listed(scene.public, reader="tr", field="theme")


MACROS = '{% from "translations/_macros.html" import listed, listed_badge %}'


def render(source: str, reader: str, **context) -> str:
    forget_loaded()
    with force_locale(reader):
        return render_template_string(MACROS + source, **context)


def test_the_mark_says_where_a_title_was_translated_from(scene):
    html = render('{{ listed("thread", t, "title") }}', "tr", t=scene.public)
    assert html.startswith(f'<span lang="tr">{TITLE_TR}</span> <span class="badge '
                           'badge-translated"')
    assert '<span aria-hidden="true">de → tr</span>' in html
    assert badge("tr", "de") in html


def test_a_machine_translation_is_marked_as_one(scene):
    machine(scene.public, "Jugendrat: comment commençons-nous ?", language="fr")
    _db.session.commit()
    html = render('{{ listed("thread", t, "title") }}', "fr", t=scene.public)
    assert html.startswith('<span lang="fr">Jugendrat: comment commençons-nous ?</span>')
    assert badge("fr", "de", machine=True) in html


def test_an_original_has_no_mark(scene):
    assert render('{{ listed("thread", t, "title") }}', "de", t=scene.public) == (
        f'<span lang="de">{TITLE_DE}</span>')
    assert render('{{ listed("thread", t, "title") }}', "fr", t=scene.public) == (
        f'<span lang="de">{TITLE_DE}</span>')
    assert render('[{{ listed_badge(listed_text("thread", t, "title")) }}]', "de",
                  t=scene.public) == "[]"


# --- the lists ----------------------------------------------------------------------------


def page(client, login_as, user, url: str) -> str:
    login_as(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assert_turkish_title(scene, html: str, thread: Thread, original: str, translated: str) -> None:
    assert scene.link(thread, translated, "tr") + " " + (
        '<span class="badge badge-translated"') in html
    assert original not in html


def assert_original_title(scene, html: str, thread: Thread, original: str,
                          translated: str) -> None:
    assert scene.link(thread, original, "de") in html
    assert translated not in html


def test_workspace_forum_lists_titles_in_the_readers_language(scene, client, login_as):
    html = page(client, login_as, scene.turkish, scene.forum)
    assert_turkish_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert_turkish_title(scene, html, scene.private, SECRET_DE, SECRET_TR)
    assert badge("tr", "de") in html
    html = page(client, login_as, scene.german, scene.forum)
    assert_original_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert_original_title(scene, html, scene.private, SECRET_DE, SECRET_TR)
    assert "badge-translated" not in html


def test_the_filtered_list_fragment_is_translated_too(scene, client, login_as):
    login_as(scene.turkish)
    response = client.htmx_get(f"{scene.forum}?language=de")
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert_turkish_title(scene, html, scene.public, TITLE_DE, TITLE_TR)


def test_hub_wide_public_forum_lists_titles_in_the_readers_language(scene, client, login_as):
    html = page(client, login_as, scene.outsider, "/forum")
    assert_turkish_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert badge("tr", "de") in html
    html = page(client, login_as, scene.german, "/forum")
    assert_original_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert "badge-translated" not in html


def test_workspace_home_lists_titles_in_the_readers_language(scene, client, login_as):
    html = page(client, login_as, scene.turkish, scene.home)
    assert_turkish_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert_turkish_title(scene, html, scene.private, SECRET_DE, SECRET_TR)
    assert badge("tr", "de") in html
    html = page(client, login_as, scene.german, scene.home)
    assert_original_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert_original_title(scene, html, scene.private, SECRET_DE, SECRET_TR)
    assert "badge-translated" not in html


def test_public_profile_lists_public_titles_in_the_readers_language(scene, client, login_as):
    html = page(client, login_as, scene.outsider, scene.home)  # not a member: the profile
    assert_turkish_title(scene, html, scene.public, TITLE_DE, TITLE_TR)
    assert badge("tr", "de") in html


@pytest.mark.parametrize("who", ["visitor", "outsider"])
@pytest.mark.parametrize("url", ["{forum}", "/forum", "{home}", "/search?q=Haushaltsentwurf",
                                 "/search?q=taslağı"])
def test_a_private_threads_translation_never_reaches_outsiders(scene, client, login_as, who,
                                                                url):
    login_as(None if who == "visitor" else scene.outsider)
    response = client.get(url.format(forum=scene.forum, home=scene.home),
                          headers={"Accept-Language": "tr"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert SECRET_TR not in html and SECRET_DE not in html
    assert 'lang="tr"' in html  # the page is Turkish: a translation would have been shown
    if not url.startswith("/search"):
        assert TITLE_TR in html  # the public thread is listed, translated


def test_members_find_the_private_thread_by_its_translation(scene, client, login_as):
    """The same search as in the test above, by a member: the outsiders' empty result is the
    permission's doing, not the query's."""
    html = page(client, login_as, scene.turkish, "/search?q=taslağı")
    assert f'lang="tr">{SECRET_TR.replace("taslağı", "<mark>taslağı</mark>")}</a>' in html


def measure(client, count_queries, url: str) -> int:
    """SQL statements of one GET of `url` as production runs it: with an empty session.

    (measure_page of the forum tests only expires the test's objects; the translations' batch
    reads the id of every object of the kind in the session, and an expired thread outside the
    page would be refreshed one by one: a cost of the shared test session, not of the page.)"""
    client.get(url)  # pending jobs run first
    _db.session.expunge_all()
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize("url", ["{forum}", "/forum"])
def test_translated_lists_run_the_same_queries_for_3_and_30_threads(scene, client, login_as,
                                                                     count_queries, url):
    url = url.format(forum=scene.forum)
    ids = scene.p.id, scene.german.id, scene.turkish.id
    login_as(scene.turkish)

    def add(n: int) -> None:
        p, german, turkish = (_db.session.get(model, pk)
                              for model, pk in zip((Partnership, User, User), ids, strict=True))
        for i in range(n):
            thread = forum.create_thread(p, german, title=f"Thema {i} {n}", body="Text",
                                         theme="good_governance", language="de",
                                         visibility="public")
            translate(thread, f"Konu {i} {n}", turkish)
        _db.session.commit()

    add(1)  # three threads, all translated
    few = measure(client, count_queries, url)
    add(27)  # thirty
    html = client.get(url).get_data(as_text=True)
    assert "Konu 26 27" in html and "Thema 26 27" not in html
    assert measure(client, count_queries, url) == few

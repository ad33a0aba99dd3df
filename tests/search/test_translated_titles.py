"""Search results show titles as lists do: in the reader's language when a translation exists,
marked as one, with `lang` saying which language the title is in."""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from hub.extensions import db
from hub.forum.models import Post
from hub.i18n import language_name
from hub.translations import services
from hub.translations.targets import get_target
from tests import factories
from tests.helpers import said_by_template
from tests.search import helpers


def translate(kind: str, obj, text: str, translator) -> None:
    services.save_translation(get_target(kind), obj, "title", "tr", text, translator)


def translated_from_german(locale: str) -> str:
    with force_locale(locale):
        name = language_name("de")
    return said_by_template(locale, "Translated from %(language)s", language=name)


def items(world):
    """A German thread (with a post), posting and good practice, their titles in Turkish."""
    thread = helpers.thread(world.p, "Jugendrat in Köln", language="de",
                            body="Jugendarbeit im Stadtteil")
    posting = helpers.posting(world.p, "Hospitation beim Jugendamt", language="de")
    practice = helpers.practice("Jugendhaushalt", language="de", partnership=world.p)
    translate("thread", thread, "Köln'de gençlik meclisi", world.staff)
    translate("posting", posting, "Gençlik dairesinde staj", world.staff)
    translate("good_practice", practice, "Gençlik bütçesi", world.staff)
    db.session.commit()
    return thread, posting, practice


def reader(world, locale: str):
    user = factories.user(locale=locale)
    factories.membership(user, world.p)
    db.session.commit()
    return user


def test_a_turkish_reader_sees_translated_titles(world, client, login_as):
    thread, posting, practice = items(world)
    login_as(reader(world, "tr"))
    response = client.get("/search", query_string={"q": "gençlik"})
    assert set(helpers.results(response)) == {
        helpers.key(thread), helpers.key(posting), helpers.key(practice)}
    html = response.get_data(as_text=True)
    badge = '</a> <span class="badge badge-translated"'
    for text in ("Köln&#39;de <mark>gençlik</mark> meclisi",
                 "<mark>Gençlik</mark> dairesinde staj", "<mark>Gençlik</mark> bütçesi"):
        assert f'lang="tr">{text}{badge}' in html, text
    assert translated_from_german("tr") in html
    assert "Jugendrat in Köln" not in html and "Jugendhaushalt" not in html


def test_a_post_result_shows_its_threads_translated_title(world, client, login_as):
    thread, _posting, _practice = items(world)
    login_as(reader(world, "tr"))
    response = client.get("/search", query_string={"q": "Jugendarbeit"})
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    assert helpers.results(response) == [helpers.key(post)]
    html = response.get_data(as_text=True)
    assert 'lang="tr">Köln&#39;de gençlik meclisi</a> <span class="badge badge-translated"' in html
    assert '<p class="search-snippet" lang="de"><mark>Jugendarbeit</mark>' in html


def test_a_reader_of_the_original_sees_the_original_titles(world, client, login_as):
    thread, posting, practice = items(world)
    login_as(reader(world, "de"))
    response = client.get("/search", query_string={"q": "gençlik"})  # found by translation
    assert len(helpers.results(response)) == 3
    html = response.get_data(as_text=True)
    for title in ("Jugendrat in Köln", "Hospitation beim Jugendamt", "Jugendhaushalt"):
        assert f'lang="de">{title}</a></h2>' in html, title
    assert "badge-translated" not in html
    assert not any(word in html for word in ("meclisi", "dairesinde", "bütçesi"))


def test_translated_titles_cost_no_statement_per_result(world, client, login_as, count_queries):
    login_as(reader(world, "tr"))

    def add(numbers) -> None:
        for n in numbers:
            thread = helpers.thread(world.p, f"Sonne {n}", language="de")
            posting = helpers.posting(world.p, f"Sonne {n}", language="de")
            translate("thread", thread, f"Güneş {n}", world.staff)
            translate("posting", posting, f"Güneş {n}", world.staff)
        db.session.commit()

    def statements(expected_results: int) -> int:
        client.get("/search?q=sonne")  # warm up
        with count_queries() as counter:
            response = client.get("/search?q=sonne")
        assert len(helpers.results(response)) == expected_results
        assert response.get_data(as_text=True).count("badge-translated") == expected_results
        return counter.count

    add(range(2))
    few = statements(4)
    add(range(2, 20))
    assert statements(20) == few

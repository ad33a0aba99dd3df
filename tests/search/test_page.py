"""The /search page: the search box everywhere, results as you type (htmx) and without
JavaScript, filters, pages, snippets, and a fixed number of statements per page."""

from __future__ import annotations

from datetime import timedelta

from hub.db import utcnow
from hub.extensions import db
from tests.helpers import said, said_by_template
from tests.search import helpers


def test_every_page_has_a_labelled_search_box(client):
    html = client.get("/").get_data(as_text=True)
    label = said("en", "Search the hub")
    assert (f'<form class="site-search" role="search" aria-label="{label}" action="/search" '
            'method="get">') in html
    assert f'<label for="site-search-q" class="visually-hidden">{said("en", "Search the hub")}' \
        in html
    assert 'id="site-search-q" name="q"' in html


def test_the_empty_search_page_invites_a_search(client):
    response = client.get("/search")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'role="search"' in html and 'id="search-q"' in html
    assert 'hx-trigger="submit, change, input changed delay:300ms from:#search-q"' in html
    assert 'hx-push-url="true"' in html
    assert said_by_template("en", "Type a word or two above: the search looks through "
                            "everything on the hub that you may open.") in html


def test_htmx_gets_the_results_only_and_a_plain_request_the_page(world, client):
    t = helpers.thread(world.p, "Kent bahçeleri")
    db.session.commit()
    page = client.get("/search?q=bahceleri")
    fragment = client.htmx_get("/search?q=bahceleri")
    boosted = client.htmx_get("/search?q=bahceleri", boosted=True)
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]
    assert "<html" in page.get_data(as_text=True)
    assert "<html" in boosted.get_data(as_text=True)
    fragment_html = fragment.get_data(as_text=True)
    assert "<html" not in fragment_html and 'id="search-q"' not in fragment_html
    assert helpers.results(fragment) == helpers.results(page) == [helpers.key(t)]


def test_snippets_are_escaped_and_matches_marked(world, client):
    helpers.thread(world.p, "<script>alert(1)</script> Zeytin hasadı",
                   body="Bu yıl **zeytin** hasadı <img src=x onerror=alert(2)> erken başladı.")
    db.session.commit()
    html = client.get("/search?q=ZEYTİN").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Zeytin</mark> hasadı" in html
    assert "Bu yıl <mark>zeytin</mark> hasadı &lt;img src=x onerror=alert(2)&gt;" in html


def test_a_document_snippet_comes_from_the_text_inside_the_file(world, client):
    filler = "Giriş bölümü. " * 2000
    d = helpers.document(world.p, "Yıllık rapor", visibility="public",
                         text=filler + "Kompost tesisi Nilüfer'de açıldı. " + filler)
    db.session.commit()
    html = client.get("/search?q=kompost").get_data(as_text=True)
    assert helpers.RESULT.findall(html) == [helpers.key(d)]
    assert "<mark>Kompost</mark> tesisi Nilüfer&#39;de açıldı." in html


def test_results_of_every_kind_link_to_their_pages(world, client):
    keyword = "Yeşilvadi"
    items = {
        "partnership": world.p, "town": world.p.towns[0],
        "thread": helpers.thread(world.p, keyword),
        "post": helpers.post(helpers.thread(world.p, "Konu"), keyword),
        "document": helpers.document(world.p, keyword, visibility="public"),
        "posting": helpers.posting(world.p, keyword),
        "good_practice": helpers.practice(keyword),
    }
    world.p.description = keyword
    world.p.towns[0].region = keyword
    db.session.commit()
    html = client.get(f"/search?q={keyword}").get_data(as_text=True)
    assert sorted(helpers.RESULT.findall(html)) == sorted(helpers.key(o) for o in items.values())
    slug = world.p.slug
    for href in (f"/p/{slug}", "/towns/izmir", f"/p/{slug}/forum/{items['thread'].id}",
                 f"/p/{slug}/forum/{items['post'].thread_id}/posts/{items['post'].id}",
                 f"/p/{slug}/library/documents/{items['document'].id}",
                 f"/p/{slug}/exchange/{items['posting'].id}",
                 f"/good-practices/{items['good_practice'].id}"):
        assert f'href="{href}"' in html, href


def test_filters(world, find):
    old = helpers.thread(world.p, "Su yönetimi", created_at=utcnow() - timedelta(days=90),
                         theme="environment", language="tr")
    german = helpers.thread(world.other_p, "Su und Wasser", language="de", theme="research")
    document = helpers.document(world.p, "Su raporu", visibility="public", theme="research")
    practice = helpers.practice("Su tasarrufu", themes=("research",), partnership=world.p)
    db.session.commit()
    k = helpers.key
    assert set(find("su")) == {k(old), k(german), k(document), k(practice)}
    assert set(find("su", type="thread")) == {k(old), k(german)}
    assert set(find("su", partnership=world.p.slug)) == {k(old), k(document), k(practice)}
    assert set(find("su", theme="research")) == {k(german), k(document), k(practice)}
    assert set(find("su", language="de")) == {k(german)}
    assert set(find("su", period="month")) == {k(german), k(document), k(practice)}
    assert find("su", partnership="no-such-partnership", type="thread") != []  # ignored


def test_the_type_filter_keeps_the_counts_of_every_kind(world, client):
    helpers.thread(world.p, "Bisiklet yolları")
    helpers.document(world.p, "Bisiklet planı", visibility="public")
    db.session.commit()
    html = client.get("/search?q=bisiklet&type=document").get_data(as_text=True)
    assert len(helpers.RESULT.findall(html)) == 1
    assert said("en", "%(num)s result.", "%(num)s results.", 1) in html
    assert 'href="/search?q=bisiklet&amp;type=thread"' in html
    assert 'href="/search?q=bisiklet"' in html  # everything: 2


def test_newest_first(world, find):
    older = helpers.thread(world.p, "Park park park", created_at=utcnow() - timedelta(days=5))
    newer = helpers.thread(world.p, "Park", created_at=utcnow())
    db.session.commit()
    assert find("park", sort="newest") == [helpers.key(newer), helpers.key(older)]


def test_pages(world, client, find):
    threads = [helpers.thread(world.p, f"Zeytin {n}") for n in range(25)]
    db.session.commit()
    first, second = find("zeytin"), find("zeytin", page=2)
    assert len(first) == 20 and len(second) == 5
    assert set(first) | set(second) == {helpers.key(t) for t in threads}
    assert find("zeytin", page=99) == second  # past the end: the last page
    assert find("zeytin", page="abc") == first
    html = client.get("/search?q=zeytin").get_data(as_text=True)
    assert 'rel="next"' in html and 'hx-target="#search-results"' in html


def test_statements_per_page_do_not_grow_with_the_results(world, client, login_as,
                                                          count_queries):
    login_as(world.staff)

    def add(numbers):
        for n in numbers:
            t = helpers.thread(world.p, f"Güneş {n}", visibility="members" if n % 2 else "public")
            helpers.post(t, f"güneş paneli {n}")
            helpers.document(world.p, f"Güneş {n}")
            helpers.posting(world.p, f"Güneş {n}")
        db.session.commit()

    def statements(expected_results: int) -> int:
        client.get("/search?q=gunes")  # warm up
        with count_queries() as counter:
            response = client.get("/search?q=gunes")
        assert len(helpers.results(response)) == expected_results
        return counter.count

    # The user, memberships, partnership choices, the search (+ stems on PostgreSQL), one
    # statement per kind on the page (four kinds here), and one per kind of translatable title
    # (the titles' translations into the reader's language: threads, postings): never one per
    # result.
    bound = 4 + (1 if helpers.engine() == "postgresql" else 0) + 4 + 2
    add(range(2))
    assert statements(8) <= bound
    add(range(2, 40))
    assert statements(20) <= bound


def test_a_very_broad_search_ranks_its_newest_matches_and_says_more_than(world, client,
                                                                        monkeypatch):
    from hub.search import service

    monkeypatch.setattr(service, "CANDIDATES", 5)
    threads = [helpers.thread(world.p, f"Ortak kelime {n}") for n in range(8)]
    db.session.commit()
    html = client.get("/search?q=ortak").get_data(as_text=True)
    found = helpers.RESULT.findall(html)
    assert len(found) == 6 and set(found) <= {helpers.key(t) for t in threads}
    assert helpers.key(threads[-1]) in found and helpers.key(threads[0]) not in found
    assert said("en", "More than %(num)s result.", "More than %(num)s results.", 5) in html
    assert 'class="count"' not in html


def test_the_window_of_a_broad_search_holds_only_what_the_viewer_may_open(world, client,
                                                                          login_as, monkeypatch):
    """Newer private matches do not push public ones out, nor show in the count."""
    from hub.search import service

    monkeypatch.setattr(service, "CANDIDATES", 5)
    public = [helpers.thread(world.p, f"Ortak kelime {n}") for n in range(3)]
    for n in range(10):
        helpers.thread(world.p, f"Ortak kelime gizli {n}", visibility="members")
    db.session.commit()
    html = client.get("/search?q=ortak").get_data(as_text=True)
    assert sorted(helpers.RESULT.findall(html)) == sorted(helpers.key(t) for t in public)
    assert said("en", "%(num)s result.", "%(num)s results.", 3) in html
    login_as(world.staff)
    member_html = client.get("/search?q=ortak").get_data(as_text=True)
    assert said("en", "More than %(num)s result.", "More than %(num)s results.", 5) in member_html

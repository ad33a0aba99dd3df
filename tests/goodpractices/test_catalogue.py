"""The public catalogue: filters, search, htmx; entry pages, print, Atom feed; endorsements;
sources that keep their own permissions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sqlalchemy import func, select

from hub.extensions import db
from hub.goodpractices.models import Endorsement
from hub.towns.models import Town
from tests import factories


def test_filters_and_search(client, world, entry):
    youth = entry()
    greek_town = factories.town("Θεσσαλονίκη", latin_name="Thessaloniki", country="GR",
                                official_languages=["el"])
    db.session.commit()
    drill = entry(title="Σεισμική άσκηση στα σχολεία", summary="Κοινή άσκηση εκκένωσης.",
                  language="el", themes=["crisis_management"], town_ids=[greek_town.id],
                  partnership_id=None)
    entry("draft", title="Taslak: görünmemeli")
    html = client.get("/good-practices").get_data(as_text=True)
    assert "2 good practices" in html and "Taslak" not in html
    cases = {
        "theme=crisis_management": drill, "country=GR": drill, "country=TR": youth,
        f"town={greek_town.id}": drill, "language=tr": youth,
        "q=SEİSMİK": None, "q=σεισμικη": drill, "q=ΣΕΙΣΜΙΚΉ": drill,
        "q=gençlik meclisi": youth, "q=GENÇLİK": youth, "q=genclik": youth,
    }
    for query, expected in cases.items():
        html = client.get(f"/good-practices?{query}").get_data(as_text=True)
        if expected is None:
            assert "No good practice matches" in html, query
            continue
        assert "1 good practice" in html, query
        assert f"/good-practices/{expected.id}\"" in html, query
    fragment = client.htmx_get("/good-practices?theme=crisis_management").get_data(as_text=True)
    assert "<html" not in fragment and 'id="practice-results"' in fragment
    assert "Σεισμική άσκηση" in fragment
    nothing = client.get("/good-practices?theme=bogus&country=1&town=x&language=zz")
    assert nothing.status_code == 200 and "2 good practices" in nothing.get_data(as_text=True)


def test_entry_print_and_feed(client, world, entry):
    practice = entry(contacts="Ayşe Yılmaz <ayse@example.org>")
    page = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
    for text in ("The problem", "What was done", "Results and evidence", "Resources and cost",
                 "How transferable it is", "What to watch out for", "Contacts",
                 "Nilüfer (Nilufer)", "Nilüfer – Darmstadt", "Good governance"):
        assert text in page, text
    assert 'lang="tr"' in page
    printable = client.get(f"/good-practices/{practice.id}/print").get_data(as_text=True)
    assert "Okullardan ve kulüplerden" in printable and "site-header" not in printable
    feed = client.get("/good-practices/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.get_data())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [practice.title]
    assert entries[0].find("a:id", ns).text == f"http://hub.test/good-practices/{practice.id}"


def test_endorse_once(client, login_as, world, entry):
    practice = entry()
    url = f"/good-practices/{practice.id}/endorse"
    login_as(None)
    assert client.post(url).status_code == 303  # to the sign-in page
    page = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
    assert "Sign in to say that this helped you." in page
    login_as(world.citizen)
    response = client.htmx_post(url)
    assert response.status_code == 200
    assert "1 person says: this helped us." in response.get_data(as_text=True)
    response = client.post(url, follow_redirects=True)
    assert "You have already endorsed this good practice." in response.get_data(as_text=True)
    login_as(world.staff)
    assert client.post(url).status_code == 303
    assert client.post(url, csrf=False).status_code == 400
    assert db.session.scalar(select(func.count(Endorsement.id))) == 2
    draft = entry("draft", title="Taslak")
    assert client.post(f"/good-practices/{draft.id}/endorse").status_code == 404


def test_private_sources_are_linked_only_for_those_who_may_see_them(client, login_as, world,
                                                                  entry):
    practice = entry(sources=[
        {"kind": "thread", "target_id": world.private.id, "url": "", "label": "İç yazışma"},
        {"kind": "thread", "target_id": world.public.id, "url": "", "label": ""},
        {"kind": "link", "target_id": None, "url": "https://example.org/r.pdf", "label": "Rapor"},
    ])
    private_url = f"/p/{world.p.slug}/forum/{world.private.id}"
    for user, sees in ((None, False), (world.citizen, False), (world.staff, True)):
        login_as(user)
        html = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
        assert (private_url in html) == sees
        assert ("İç yazışma" in html) == sees
        assert ("for its members only" in html) == (not sees)
        assert "Gençlik meclisi nasıl kurulur?" in html  # the public thread, by its title
        assert "https://example.org/r.pdf" in html


def test_towns_are_named_in_their_own_script(client, world, entry):
    town = db.session.scalar(select(Town).where(Town.slug == "nilufer"))
    practice = entry(town_ids=[town.id])
    assert "Nilüfer" in client.get(f"/good-practices/{practice.id}").get_data(as_text=True)

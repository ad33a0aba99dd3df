"""The partnerships' glossaries: kept by coordinators, searchable, shown where terms occur."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub.translations.glossary import mark_terms
from hub.translations.models import GlossaryTerm
from tests import factories

TERM = {"term_tr": "belediye meclisi", "term_de": "Gemeinderat", "term_en": "city council"}


def url(world, suffix: str = "") -> str:
    return f"/p/{world.p.slug}/glossary{suffix}"


def terms(db) -> list[GlossaryTerm]:
    db.session.expire_all()
    return list(db.session.scalars(select(GlossaryTerm)))


def add(world, db, **entries) -> GlossaryTerm:
    term = GlossaryTerm(partnership_id=world.p.id, entries=entries,
                        search_text=" ".join(entries.values()).casefold())
    db.session.add(term)
    db.session.commit()
    return term


def test_coordinator_adds_a_term_everyone_reads_it(world, client, login_as, db):
    login_as(world.coordinator)
    page = client.get(url(world)).get_data(as_text=True)
    assert "Add a term" in page and 'lang="tr"' in page
    response = client.post(url(world), data={**TERM, "note": "Seçilmiş meclis."})
    assert response.status_code == 303
    (term,) = terms(db)
    assert term.entries == {"tr": "belediye meclisi", "de": "Gemeinderat", "en": "city council"}
    login_as(None)
    page = client.get(url(world)).get_data(as_text=True)
    assert '<span lang="de">Gemeinderat</span>' in page and "Seçilmiş meclis." in page
    assert "Add a term" not in page


def test_a_term_needs_two_languages(world, client, login_as, db):
    login_as(world.coordinator)
    response = client.post(url(world), data={"term_tr": "belediye meclisi"})
    assert response.status_code == 422
    assert "Give the term in at least two languages." in response.get_data(as_text=True)
    assert terms(db) == []


@pytest.mark.parametrize("who, status", [("visitor", 303), ("citizen", 403), ("translator", 403)])
def test_only_coordinators_edit_the_glossary(world, client, login_as, db, who, status):
    term = add(world, db, tr="ilçe", de="Bezirk")
    login_as(None if who == "visitor" else getattr(world, who))
    assert client.post(url(world), data=TERM).status_code == status
    assert client.post(url(world, f"/{term.id}/delete")).status_code == status
    assert client.get(url(world, f"/{term.id}/edit")).status_code == status
    assert len(terms(db)) == 1


def test_coordinator_edits_and_removes_a_term(world, client, login_as, db):
    term = add(world, db, tr="ilçe", de="Bezirk")
    login_as(world.coordinator)
    edit = url(world, f"/{term.id}/edit")
    assert 'value="Bezirk"' in client.get(edit).get_data(as_text=True)
    assert client.post(edit, data={"term_tr": "ilçe", "term_de": ""}).status_code == 422
    assert client.post(edit, data={"term_tr": "ilçe", "term_en": "district"}).status_code == 303
    assert terms(db)[0].entries == {"tr": "ilçe", "en": "district"}
    assert client.post(url(world, f"/{term.id}/delete")).status_code == 303
    assert terms(db) == []


def test_terms_of_another_partnership_or_a_proposal_are_not_found(world, client, login_as, db):
    other = factories.partnership(name="Çankaya – Lyon", slug="cankaya-lyon")
    proposal = factories.partnership(name="Kadıköy – Chania", slug="kadikoy-chania",
                                     status="proposed")
    db.session.commit()
    term = add(world, db, tr="ilçe", de="Bezirk")
    login_as(world.coordinator)
    assert client.get(f"/p/{other.slug}/glossary/{term.id}/edit").status_code in {403, 404}
    assert client.get(f"/p/{proposal.slug}/glossary").status_code == 404
    assert client.get("/p/nowhere/glossary").status_code == 404


def test_glossary_is_searchable_with_and_without_htmx(world, client, db):
    add(world, db, **{"tr": "belediye meclisi", "de": "Gemeinderat"})
    add(world, db, **{"tr": "ilçe", "de": "Bezirk"})
    page = client.get(url(world, "?q=GEMEINDERAT")).get_data(as_text=True)
    assert "Gemeinderat" in page and "Bezirk" not in page
    fragment = client.htmx_get(url(world, "?q=bez"))
    html = fragment.get_data(as_text=True)
    assert "<html" not in html and "Bezirk" in html and "Gemeinderat" not in html
    assert "No term matches" in client.get(url(world, "?q=xyz")).get_data(as_text=True)


def test_hub_wide_glossary_lists_visible_partnerships_terms(world, client, db):
    add(world, db, tr="belediye meclisi", de="Gemeinderat")
    proposal = factories.partnership(name="Kadıköy – Chania", slug="kadikoy-chania",
                                     status="proposed")
    db.session.add(GlossaryTerm(partnership_id=proposal.id,
                                entries={"tr": "gizli", "el": "μυστικό"}, search_text="gizli"))
    db.session.commit()
    page = client.get("/glossary").get_data(as_text=True)
    assert "Gemeinderat" in page and "Nilüfer – Darmstadt" in page
    assert "μυστικό" not in page
    assert db.session.scalar(select(func.count()).select_from(GlossaryTerm)) == 2


def test_terms_in_posts_get_an_accessible_tooltip(world, client, db):
    add(world, db, tr="belediye meclisi", de="Gemeinderat", en="city council")
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert '<span class="term" tabindex="0" aria-describedby="term-tip-' in page
    assert ">Belediye meclisi</span>" in page
    assert 'role="tooltip"' in page and "German: Gemeinderat" in page


def test_marking_touches_only_text_outside_links_and_code(world, db):
    term = add(world, db, tr="meclis", de="Rat")
    html = ('<p>Meclis &amp; <a href="/x">meclis</a> <code>meclis</code></p>'
            "<pre><code>meclis</code></pre><p>meclis meclisi</p>")
    marked = str(mark_terms(html, [term]))
    assert marked.count('class="term"') == 1  # the first free occurrence only
    assert marked.startswith('<p><span class="term" tabindex="0"')
    assert '<a href="/x">meclis</a>' in marked and "<code>meclis</code>" in marked
    assert "meclisi</p>" in marked  # not inside another word
    assert mark_terms("<p>Nothing here</p>", []) == "<p>Nothing here</p>"

"""Translations are found with what they translate, glossary terms are results of their own —
and both only where the viewer may open the original or the partnership."""

from __future__ import annotations

from sqlalchemy import delete

from hub.extensions import db
from hub.translations.models import ContentTranslation, GlossaryTerm, source_hash
from tests.search import helpers


def translate(kind: str, obj, field: str, text: str, language: str = "tr",
              origin: str = "human") -> ContentTranslation:
    t = ContentTranslation(target_type=kind, target_id=obj.id, field=field, language=language,
                           source_language="de", text=text, origin=origin,
                           source_hash=source_hash(getattr(obj, field)))
    db.session.add(t)
    db.session.flush()
    return t


def test_a_turkish_query_finds_a_german_post_through_its_translation(world, find):
    post = helpers.post(helpers.thread(world.p, "Abfall", language="de"),
                        "Die Biotonne wird zweimal pro Woche geleert.", language="de")
    db.session.commit()
    assert find("çöp") == []
    translation = translate("post", post, "body", "Organik çöp kutusu haftada iki kez boşaltılır.")
    translate("post", post, "body", "The organic bin is emptied twice a week.", language="en",
              origin="machine")
    db.session.commit()
    assert find("çöp") == [helpers.key(post)]
    assert find("cop kutusu") == [helpers.key(post)]
    assert find("emptied") == [helpers.key(post)]
    translation.text = "Organik atık kutusu"
    db.session.commit()
    assert find("çöp") == [] and find("atık") == [helpers.key(post)]
    db.session.delete(translation)
    db.session.commit()
    assert find("atık") == []


def test_a_translation_is_found_only_where_its_original_may_be_opened(world, find):
    private = helpers.document(world.p, "Haushaltsplan", description="Entwurf", language="de")
    thread = helpers.thread(world.p, "Interne Planung", visibility="members", language="de")
    translate("document", private, "description", "Bütçe taslağı gizli")
    translate("thread", thread, "title", "İç planlama gizli")
    db.session.commit()
    for viewer in (None, world.citizen, world.other_staff, world.moderator):
        assert find("gizli", as_=viewer) == []
    assert set(find("gizli", as_=world.staff)) == {helpers.key(private), helpers.key(thread)}


def test_glossary_terms_are_results_of_approved_partnerships(world, client, find):
    term = GlossaryTerm(partnership=world.p, entries={"tr": "Belediye meclisi",
                                                      "de": "Stadtrat"},
                        note="Seçilmiş yerel meclis")
    proposed = GlossaryTerm(partnership=world.proposal, entries={"tr": "Belediye encümeni"})
    db.session.add_all([term, proposed])
    db.session.commit()
    assert find("stadtrat") == [helpers.key(term)]
    assert find("encumeni") == []
    html = client.get("/search?q=stadtrat").get_data(as_text=True)
    assert f'href="/p/{world.p.slug}/glossary#term-{term.id}"' in html
    assert "Belediye meclisi / <mark>Stadtrat</mark>" in html
    assert find("stadtrat", type="glossary_term", partnership=world.p.slug) == [helpers.key(term)]
    db.session.execute(delete(GlossaryTerm).where(GlossaryTerm.id == term.id))
    db.session.commit()
    assert find("stadtrat") == []

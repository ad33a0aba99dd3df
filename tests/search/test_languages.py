"""Matching ignores case and diacritics the way each language expects, on both engines."""

from __future__ import annotations

import pytest

from hub.extensions import db
from hub.search.normalise import normalise
from tests.search import helpers

GROUPS = {
    "istanbul": ["istanbul", "İstanbul", "ISTANBUL"],
    "isik": ["ışık", "Işık", "IŞIK", "isik"],
    "koln": ["Köln", "koln", "KÖLN"],
    "strasse": ["Straße", "strasse", "STRASSE"],
    "thessaloniki": ["Θεσσαλονίκη", "θεσσαλονικη", "ΘΕΣΣΑΛΟΝΊΚΗ"],
    "ecole": ["École", "ecole", "ÉCOLE"],
}


@pytest.mark.parametrize("group", GROUPS)
def test_every_spelling_normalises_to_one_form(group):
    assert len({normalise(form) for form in GROUPS[group]}) == 1


def _content(kind: str, world, form: str):
    text = f"Toplantı notları: {form} ve çevresi"
    if kind == "thread":
        return helpers.thread(world.p, text)
    if kind == "post":
        return helpers.post(helpers.thread(world.p, "Notlar"), text)
    return helpers.document(world.p, "Rapor", text=text, visibility="public")


@pytest.mark.parametrize("kind", ["thread", "post", "document"])
def test_each_spelling_finds_every_other(world, find, kind):
    made = {group: [_content(kind, world, form) for form in forms]
            for group, forms in GROUPS.items()}
    db.session.commit()
    keys = {group: {helpers.key(obj) for obj in objs} for group, objs in made.items()}
    for group, forms in GROUPS.items():
        for form in forms:
            found = set(find(form, type=kind))
            assert found == keys[group], (form, found)


def test_greek_final_sigma_and_tonos(world, find):
    t = helpers.thread(world.p, "Δήμος Θεσσαλονίκης", language="el")
    db.session.commit()
    assert find("ΔΗΜΟΣ") == [helpers.key(t)]
    assert find("δημος") == [helpers.key(t)]


def test_cyrillic_and_polish_letters(world, find):
    t = helpers.thread(world.p, "Пловдив и Łódź: общински съвет", language="bg")
    db.session.commit()
    assert find("ПЛОВДИВ") == [helpers.key(t)]
    assert find("lodz") == [helpers.key(t)]


def test_turkish_inflection_is_found_by_stemming_on_postgresql(world, find):
    """PostgreSQL stems Turkish content and queries ("belediyeleri" finds "belediye", and the
    other way round). SQLite's FTS5 has no stemmer for Turkish: there a word finds the same
    word only (test_sqlite_finds_words_not_their_inflections)."""
    if helpers.engine() != "postgresql":
        pytest.skip("engine-specific: stemming needs PostgreSQL's 'turkish' configuration; "
                    "SQLite FTS5 has no Turkish stemmer (see the SQLite test beside this one)")
    base = helpers.thread(world.p, "Belediye meclisi toplandı", language="tr")
    inflected = helpers.thread(world.p, "Belediyelerin ortak projesi", language="tr")
    db.session.commit()
    assert set(find("belediyeleri")) == {helpers.key(base), helpers.key(inflected)}
    assert set(find("belediye")) == {helpers.key(base), helpers.key(inflected)}


def test_sqlite_finds_words_not_their_inflections(world, find):
    """The documented limit of the default engine: no stemming on SQLite."""
    if helpers.engine() != "sqlite":
        pytest.skip("engine-specific: PostgreSQL stems (see the test above)")
    base = helpers.thread(world.p, "Belediye meclisi toplandı", language="tr")
    helpers.thread(world.p, "Belediyelerin ortak projesi", language="tr")
    db.session.commit()
    assert find("belediye") == [helpers.key(base)]
    assert find("belediyeleri") == []


def test_postgresql_has_the_configurations_it_uses(db):
    if helpers.engine() != "postgresql":
        pytest.skip("engine-specific: PostgreSQL text-search configurations")
    from hub.search.postgres import CONFIGS, PostgresSearch

    available = PostgresSearch().configs(db.session.connection())
    assert available["tr"] == "turkish" and available["de"] == "german"
    assert set(available) <= set(CONFIGS)
    assert "bg" not in available  # no Bulgarian configuration: simple matching only

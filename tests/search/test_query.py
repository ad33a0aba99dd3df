"""Operators people expect, and malformed queries that are repaired or explained, never a 500."""

from __future__ import annotations

import pytest

from hub.extensions import db
from hub.search.query import MAX_CHARS, MAX_ITEMS, parse
from hub.search.sqlite_fts import match_expression
from tests.helpers import said
from tests.search import helpers


def test_words_phrases_or_and_exclusions():
    q = parse('belediye "Sıfır Atık" -plastik istanbul OR İzmir')
    assert [[i.words for i in c] for c in q.clauses] == [
        [("belediye",)], [("sifir", "atik")], [("istanbul",), ("izmir",)]
    ]
    assert [i.words for i in q.excluded] == [("plastik",)]
    assert q.describe() == 'belediye "sifir atik" istanbul OR izmir -plastik'
    assert q.wanted_words == ["belediye", "sifir", "atik", "istanbul", "izmir"]


@pytest.mark.parametrize("raw, understood, problem", [
    ('"unclosed phrase', '"unclosed phrase"', None),
    ("OR", "", "no_words"),
    ("a OR", "a", None),
    ("OR a", "a", None),
    ("a OR OR b", "a OR b", None),
    ("a -b OR c", "a c -b", None),
    ("-", "", "no_words"),
    ("- a", "a", None),
    ("-only -excluded", "-only -excluded", "only_excluded"),
    ('""', "", "no_words"),
    ("'; DROP TABLE search_entry; --", 'drop table "search entry"', None),
    ("title:foo NEAR(a b) * ^x", '"title foo" "near a" b x', None),
    ("a AND b NOT c", "a and b not c", None),
    ("(((", "", "no_words"),
    ("“curly” «quotes»", "curly quotes", None),
    ("e-mail", '"e mail"', None),
    ("a\x00b", "a b", None),
    ("🙂 ☃", "", "no_words"),
    ("", "", "empty"),
    ("   ", "", "empty"),
])
def test_malformed_input_is_repaired_or_explained(raw, understood, problem):
    q = parse(raw)
    assert q.describe() == understood
    assert q.problem == problem


def test_length_and_number_of_items_are_bounded():
    long = parse("a" * 10_000)
    assert long.notes == ["shortened"] and long.problem == "no_words"
    assert len(long.raw) == MAX_CHARS
    many = parse(" ".join(f"k{n}" for n in range(50)))
    assert many.notes == ["too_many"]
    assert len(many.clauses) == MAX_ITEMS


def test_the_fts5_expression_quotes_every_word():
    q = parse('belediye "sıfır atık" -plastik a OR b')
    assert match_expression(q) == (
        '("belediye" AND "sifir atik" AND ("a" OR "b")) NOT "plastik"'
    )


@pytest.mark.parametrize("raw", [
    '"unclosed', "OR", "-", "- OR -", "x" * 10_000, "'; DROP TABLE search_entry; --",
    "title:foo NEAR(a b) * ^x", '"', "(((", "a AND", "NOT", "NEAR", "*", "a*", "^a",
    "\\", "%_%", "{col}: x", "a:b:c", "-\"\"", "\x00", "🙂", "İ" * 300, "ı " * 3000,
    "a " * 5000, "select * from user", "<script>alert(1)</script>",
])
def test_malformed_queries_never_fail(world, client, raw):
    helpers.thread(world.p, "İzmir select from user script alert")
    db.session.commit()
    response = client.get("/search", query_string={"q": raw})
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


def test_only_excluded_words_are_explained(client):
    html = client.get("/search?q=-plastik").get_data(as_text=True)
    assert said("en", "Add at least one word to look for: words with a minus in front are only "
                "left out of the results.") in html


def test_a_search_without_words_is_explained(client):
    html = client.get("/search?q=%2A%2A%2A").get_data(as_text=True)
    assert said("en", "There is nothing to look for in this search: type at least one word of "
                "letters or digits.") in html


def test_a_very_long_search_is_cut_and_says_so(world, client):
    t = helpers.thread(world.p, "Zeytinyağı")
    db.session.commit()
    html = client.get("/search", query_string={"q": "zeytinyagi " + "x" * 10_000}
                      ).get_data(as_text=True)
    assert said("en", "Your search was very long: only its first character was used.",
                "Your search was very long: only its first %(num)s characters were used.",
                MAX_CHARS) in html
    assert helpers.RESULT.findall(html) == [helpers.key(t)]


def test_operators(world, find):
    both = helpers.thread(world.p, "Sıfır atık ve geri dönüşüm")
    apart = helpers.thread(world.p, "Atık toplama sıfır maliyetle")
    plastic = helpers.thread(world.p, "Atık plastik")
    other = helpers.thread(world.p, "Kompost")
    db.session.commit()
    k = helpers.key
    assert set(find("atık")) == {k(both), k(apart), k(plastic)}
    assert find('"sıfır atık"') == [k(both)]
    assert set(find("sifir atik")) == {k(both), k(apart)}
    assert set(find("atik -plastik")) == {k(both), k(apart)}
    assert set(find("plastik OR kompost")) == {k(plastic), k(other)}
    assert set(find("atik plastik OR kompost")) == {k(plastic)}
    assert find('atik -"sifir atik" -plastik') == [k(apart)]

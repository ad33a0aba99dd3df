"""What a person types into the search box, read the way they expect, whatever they type.

    belediye "sıfır atık" -plastik    words and phrases, all wanted; -word leaves out
    istanbul OR izmir                 either one (OR in capitals, between two wanted items)

Nothing a person types can reach a database as syntax: the parser keeps only the words of the
normalised text (letters and digits), and each engine writes its own query from them. Broken
input is repaired rather than refused — an unclosed quote closes at the end, a lone `-` or `OR`
is dropped, punctuation, SQL and FTS syntax are just separators — and what remains is bounded
(MAX_CHARS characters, MAX_ITEMS words or phrases). `problem` says why there is nothing to look
for (then the page explains), `notes` what was cut (then the page says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hub.search.normalise import normalise, words

MAX_CHARS = 256
MAX_ITEMS = 12
MAX_PHRASE_WORDS = 12
MAX_WORD_CHARS = 64
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_DASHES = ("-", "−", "–", "—")  # noqa: RUF001 - a minus as people type it on any keyboard


@dataclass(frozen=True)
class Item:
    """A word or a phrase: its normalised words, and the case-folded text for stemmers."""

    words: tuple[str, ...]
    text: str  # keep-marks form, for PostgreSQL's stemmers

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class Query:
    raw: str = ""
    clauses: list[list[Item]] = field(default_factory=list)  # all wanted; inside: any one
    excluded: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "shortened", "too_many"
    problem: str | None = None  # "empty", "only_excluded", "no_words"

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def wanted_words(self) -> list[str]:
        """Every word looked for (for highlighting), without repeats."""
        seen: dict[str, None] = {}
        for clause in self.clauses:
            for item in clause:
                seen.update(dict.fromkeys(item.words))
        return list(seen)

    def describe(self) -> str:
        """The query as it was understood, in the same syntax (for the search box)."""
        def show(item: Item) -> str:
            return f'"{" ".join(item.words)}"' if item.is_phrase else item.words[0]

        parts = [" OR ".join(show(i) for i in clause) for clause in self.clauses]
        parts += ["-" + show(i) for i in self.excluded]
        return " ".join(parts)


@dataclass
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False
    operator: bool = False


def _tokens(raw: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, length = 0, len(raw)
    while position < length:
        char = raw[position]
        if char.isspace():
            position += 1
            continue
        negated = char in _DASHES and position + 1 < length and not raw[position + 1].isspace()
        if negated:
            position += 1
            char = raw[position]
        if char == '"':
            end = raw.find('"', position + 1)
            end = length if end < 0 else end  # an unclosed quote closes at the end
            tokens.append(_Token(raw[position + 1:end], quoted=True, negated=negated))
            position = end + 1
            continue
        end = position
        while end < length and not raw[end].isspace() and raw[end] != '"':
            end += 1
        text = raw[position:end]
        tokens.append(_Token(text, negated=negated, operator=(text == "OR" and not negated)))
        position = end
    return tokens


def _item(token: _Token) -> Item | None:
    found = [w for w in words(normalise(token.text)) if len(w) <= MAX_WORD_CHARS]
    if not found:
        return None
    found = found[:MAX_PHRASE_WORDS]
    kept = " ".join(w for w in words(normalise(token.text, keep_marks=True))
                    if len(w) <= MAX_WORD_CHARS)
    return Item(tuple(found), kept)


def parse(raw: str | None) -> Query:
    raw = _CONTROL.sub(" ", raw or "").translate(_QUOTES).strip()
    query = Query()
    if len(raw) > MAX_CHARS:
        raw = raw[:MAX_CHARS]
        query.notes.append("shortened")
    query.raw = raw
    if not raw:
        query.problem = "empty"
        return query
    pending_or = last_wanted = False
    count = 0
    for token in _tokens(raw):
        if token.operator:  # joins the wanted items on both sides; anywhere else dropped
            pending_or = last_wanted
            continue
        item = _item(token)
        if item is None:
            continue  # punctuation only: a separator
        if count == MAX_ITEMS:
            query.notes.append("too_many")
            break
        count += 1
        if token.negated:
            query.excluded.append(item)
        elif pending_or:
            query.clauses[-1].append(item)
        else:
            query.clauses.append([item])
        pending_or, last_wanted = False, not token.negated
    if not query.clauses:
        query.problem = "only_excluded" if query.excluded else "no_words"
    return query

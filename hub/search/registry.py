"""The kinds of things the search knows, in one small registry.

A feature makes its content searchable by registering a `SearchType` (the built-in ones are in
hub/search/kinds.py; a glossary or a translations module would add theirs the same way):

- `texts(connection, ids)`: the text to index for each of these rows, as `IndexText` (title,
  body, language). Rows it does not return are taken out of the index.
- `watch`: the models whose changes re-index rows of this type, with the columns that matter
  and how to find the ids (a document is re-indexed when a version of it changes).
- `branch(hits, viewer)`: the hits of this type that the viewer may open, joined to the live
  rows (never to anything stored in the index), with the columns its filters use.
- `present(ids, viewer, marker)`: the results of a page — title, link, snippet — loaded in one
  statement, each checked once more with the permission functions of hub/permissions.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

MAX_BODY_CHARS = 100_000  # indexed per row (PostgreSQL's tsvector holds at most 1 MB)


@dataclass(frozen=True)
class IndexText:
    title: str
    body: str
    language: str | None = None


@dataclass(frozen=True)
class Watch:
    """Changes of `columns` of a model re-index the rows `ids(obj)` of the watching type;
    `id_column` is the same in SQL (for bulk UPDATE and DELETE statements)."""

    columns: frozenset[str]
    ids: Callable[[Any], int | None]
    id_column: Any


@dataclass
class Branch:
    """The visible hits of one type: `stmt` selects (kind, target_id, score, at) from the hits;
    each filter is a function of the chosen value returning a condition, None when the type
    has no such property (a filter on it then leaves the type out)."""

    stmt: Any
    partnership: Callable[[int], Any] | None = None
    theme: Callable[[str], Any] | None = None
    language: Callable[[str], Any] | None = None
    date: Any = None


@dataclass
class Result:
    kind: str
    target_id: int
    title: Markup
    url: str
    snippet: Markup = field(default_factory=Markup)
    context: str = ""  # the partnership or country it belongs to
    language: str | None = None
    when: datetime | None = None
    score: float = 0.0


@dataclass
class SearchType:
    name: str
    label: Any  # lazy plural label ("Threads"), for the type filter
    noun: Any  # lazy singular label ("Thread"), shown beside each result
    model: type
    texts: Callable[[Any, list[int]], dict[int, IndexText]]
    branch: Callable[[Any, Any], Branch]
    present: Callable[[list[int], Any, Any], dict[int, Result]]
    watch: dict[type, Watch] = field(default_factory=dict)


_TYPES: dict[str, SearchType] = {}


def register(search_type: SearchType) -> SearchType:
    _TYPES[search_type.name] = search_type
    return search_type


def types() -> list[SearchType]:
    """Registered types, in the order they were registered (the order of the type filter)."""
    _load_builtin()
    return list(_TYPES.values())


def get(name: str) -> SearchType | None:
    _load_builtin()
    return _TYPES.get(name)


def watchers(model: type) -> list[tuple[SearchType, Watch]]:
    """The types that re-index when rows of `model` change."""
    return [(t, t.watch[model]) for t in types() if model in t.watch]


def _load_builtin() -> None:
    import hub.search.kinds  # noqa: F401 - registers the built-in types on import

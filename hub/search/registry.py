"""The kinds of things the search knows, in one small registry.

A feature makes its content searchable by registering a `SearchType` (the built-in ones are in
hub/search/kinds.py; a glossary or a translations module would add theirs the same way):

- `texts(connection, ids)`: the text to index for each of these rows, as `IndexText` (title,
  body, language). Rows it does not return are taken out of the index.
- `watch`: the models whose changes re-index rows of this type, with the columns that matter
  and how to find the ids (a document is re-indexed when a version of it changes).
- `branch(entry, viewer)`: how to reach the live rows from an index entry and when the viewer
  may open them (never from anything stored in the index), with the columns of the filters.
- `date`: the column that orders the kind's rows by age (for rebuilding the index in order).
- `present(ids, viewer, marker)`: the results of a page — title, link, snippet — loaded in one
  statement, each checked once more with the permission functions of hub/permissions.py.

A `TextSource` adds text to rows of registered kinds (translations of a post are found with the
post, and only where the post is).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from hub.translations.listing import ListedText

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
    """How the search reaches the live rows of one kind from an index entry: outer `joins`
    (its own aliases; each ON clause starts with the entry's kind), the condition under which
    the viewer may open the row (`visible`), its date, and one function per filter giving the
    condition for a chosen value — None when the kind has no such property (a filter on it
    then leaves the kind out)."""

    joins: list[tuple[Any, Any]]
    visible: Any
    date: Any
    partnership: Callable[[int], Any] | None = None
    theme: Callable[[str], Any] | None = None
    language: Callable[[str], Any] | None = None


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
    # The title as hub.translations.listing.listed_text gives it, for the kinds whose titles
    # are translatable: `title` is then its text, in the reader's language when translated.
    listed_title: ListedText | None = None

    @property
    def title_language(self) -> str | None:
        """The language of `title`: the reader's when it is a translation, as `lang` says."""
        return self.listed_title.language if self.listed_title is not None else self.language


@dataclass
class SearchType:
    name: str
    label: Any  # lazy plural label ("Threads"), for the type filter
    noun: Any  # lazy singular label ("Thread"), shown beside each result
    model: type
    texts: Callable[[Any, list[int]], dict[int, IndexText]]
    branch: Callable[[Any, Any], Branch]
    present: Callable[[list[int], Any, Any], dict[int, Result]]
    date: Any = None
    watch: dict[type, Watch] = field(default_factory=dict)


@dataclass
class TextSource:
    """More text for rows of the registered kinds, indexed with them and visible exactly when
    they are — human and machine translations: a Turkish query then finds a German post that
    has a Turkish translation. `texts(connection, kind, ids)` gives {id: [text, …]}; `watch`
    maps a model to a function of one of its rows → the (kind, id) to re-index, or None."""

    name: str
    texts: Callable[[Any, str, list[int]], dict[int, list[str]]]
    watch: dict[type, Callable[[Any], tuple[str, int] | None]] = field(default_factory=dict)


_TYPES: dict[str, SearchType] = {}
_SOURCES: dict[str, TextSource] = {}


def register(search_type: SearchType) -> SearchType:
    _TYPES[search_type.name] = search_type
    return search_type


def register_source(source: TextSource) -> TextSource:
    _SOURCES[source.name] = source
    return source


def unregister_source(name: str) -> None:
    _SOURCES.pop(name, None)


def sources() -> list[TextSource]:
    return list(_SOURCES.values())


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


def source_watchers(model: type) -> list[Callable[[Any], tuple[str, int] | None]]:
    return [s.watch[model] for s in _SOURCES.values() if model in s.watch]


def _load_builtin() -> None:
    import hub.search.kinds  # noqa: F401 - registers the built-in types on import
    import hub.search.languages  # noqa: F401 - glossary terms, translations

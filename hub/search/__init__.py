"""One search over everything a user may see: the engine interface.

    hub/search/normalise.py   the one normalisation of indexed and asked text
    hub/search/query.py       what people type → words, phrases, OR, -excluded
    hub/search/models.py      the index's content table; ddl.py: the FTS5 table / GIN index
    hub/search/registry.py    the searchable kinds (kinds.py registers the built-in ones,
                              languages.py glossary terms and translations)
    hub/search/visibility.py  who may open what, as SQL on the live rows (as permissions.py)
    hub/search/sync.py        the index follows every flush, in the same transaction
    hub/search/sqlite_fts.py  SQLite FTS5 (the default)
    hub/search/postgres.py    PostgreSQL full-text search (production)
    hub/search/service.py     a page of results the viewer may open
    hub/search/present.py     what a result shows; highlight.py: snippets with <mark>
    hub/search/routes.py      /search and `flask --app hub search reindex`

An engine says which index entries match a parsed query (and how well), and writes entries;
everything else (who may see what, filters, pages, snippets) is the same SQL on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete


@dataclass
class Match:
    """The entries matching a query: `source` (the FROM clause), `entry` (in it: the
    selectable whose `kind` and `target_id` columns lead to the live rows), `condition` (the
    WHERE of the match, or None), `score` (lower is better; evaluated only for the rows kept)
    and `newest_first` (the most recently indexed entries first)."""

    source: Any
    entry: Any
    condition: Any
    score: Any
    newest_first: Any


class SearchEngine:
    name = ""
    stems = False  # the engine finds other forms of a word (then snippets mark them too)

    def match(self) -> Match:
        """The entries matching a query, whose values come from match_params()."""
        raise NotImplementedError

    def match_params(self, session, query) -> dict:
        """The values of match() for `query` (a parsed, non-empty hub.search.query.Query)."""
        raise NotImplementedError

    def write(self, connection, kind: str, texts: dict) -> None:
        """Insert or replace the entries of `kind` for {target_id: IndexText}."""
        raise NotImplementedError

    def remove(self, connection, kind: str, ids) -> None:
        from hub.search.models import SearchEntry

        ids = list(ids)
        for start in range(0, len(ids), 500):
            batch = ids[start:start + 500]
            connection.execute(
                delete(SearchEntry).where(
                    SearchEntry.kind == kind, SearchEntry.target_id.in_(batch)
                )
            )

    def begin_rebuild(self, connection) -> None:
        """Before writing every entry anew: drop the index objects and the entries."""
        from hub.search.ddl import drop_index_objects
        from hub.search.models import SearchEntry

        drop_index_objects(connection)
        connection.execute(delete(SearchEntry))

    def end_rebuild(self, connection) -> None:
        from hub.search.ddl import create_index_objects

        create_index_objects(connection)


_ENGINES: dict[str, SearchEngine] = {}


def engine_for(bind) -> SearchEngine:
    """The engine of a session's or connection's database."""
    name = bind.get_bind().dialect.name if hasattr(bind, "get_bind") else bind.dialect.name
    if name not in _ENGINES:
        if name == "postgresql":
            from hub.search.postgres import PostgresSearch

            _ENGINES[name] = PostgresSearch()
        else:
            from hub.search.sqlite_fts import SQLiteSearch

            _ENGINES[name] = SQLiteSearch()
    return _ENGINES[name]

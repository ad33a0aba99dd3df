"""SQLite FTS5: the default engine.

`search_fts` indexes the normalised title and body of `search_entry` (external content, kept in
step by triggers: hub/search/ddl.py) with the unicode61 tokenizer, diacritics removed — over text
that hub/search/normalise.py has already folded, so both sides of a match went through the same
function. Relevance is FTS5's bm25 with the title weighing four times the body.

FTS5 has no stemmer for the hub's languages: a word finds the same word (in any case, with or
without diacritics, dotted or dotless i), not its other forms — "belediyeleri" does not find
"belediye" here, it does on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import bindparam, column, func, literal_column, or_, table
from sqlalchemy.dialects.sqlite import insert

from hub.search import Match, SearchEngine
from hub.search.ddl import FTS_TABLE
from hub.search.models import SearchEntry
from hub.search.normalise import normalise

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
_fts = table(FTS_TABLE, column("rowid"))


def _phrase(item) -> str:
    # Words are letters and digits only (hub.search.query): nothing in them is FTS5 syntax.
    return '"' + " ".join(item.words) + '"'


def match_expression(query) -> str:
    """The FTS5 query: every clause wanted (any one of its items), excluded items not."""
    clauses = []
    for clause in query.clauses:
        items = [_phrase(item) for item in clause]
        clauses.append(items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")")
    expression = " AND ".join(clauses)
    if query.excluded:
        expression = "(" + expression + ")" + "".join(
            " NOT " + _phrase(item) for item in query.excluded
        )
    return expression


class SQLiteSearch(SearchEngine):
    name = "sqlite"
    stems = False

    def match(self) -> Match:
        return Match(
            source=_fts.join(SearchEntry.__table__, SearchEntry.id == _fts.c.rowid),
            entry=SearchEntry.__table__,
            condition=literal_column(FTS_TABLE).op("MATCH")(bindparam("fts_query")),
            score=func.bm25(literal_column(FTS_TABLE), TITLE_WEIGHT, BODY_WEIGHT),
            newest_first=_fts.c.rowid.desc(),
        )

    def match_params(self, session, query) -> dict:
        return {"fts_query": match_expression(query)}

    def write(self, connection, kind: str, texts: dict) -> None:
        """Upsert the normalised texts (FTS5 follows through the triggers)."""
        if not texts:
            return
        stmt = insert(SearchEntry.__table__)
        new = stmt.excluded
        entry = SearchEntry.__table__.c
        stmt = stmt.on_conflict_do_update(
            index_elements=["kind", "target_id"],
            set_={"language": new.language, "title": new.title, "body": new.body},
            # An unchanged text is not indexed again.
            where=or_(entry.title != new.title, entry.body != new.body,
                      entry.language.is_distinct_from(new.language)),
        )
        connection.execute(stmt, [
            {"kind": kind, "target_id": target_id, "language": t.language,
             "title": normalise(t.title), "body": normalise(t.body)}
            for target_id, t in texts.items()
        ])

    def end_rebuild(self, connection) -> None:
        super().end_rebuild(connection)
        connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        self.optimise(connection)

    def optimise(self, connection) -> None:
        """Merge the index's b-trees into one (after bulk changes: faster queries)."""
        connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

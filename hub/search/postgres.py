"""PostgreSQL full-text search: the production engine.

Each entry's `tsv` holds three parts: the normalised title (weight A) and body (weight B) as
'simple' lexemes — every word exactly, diacritic-insensitive as on SQLite — and the stems of the
text in its own language's configuration (weight C; case-folded, diacritics kept, which is what
the stemmers expect), where PostgreSQL has one for that language (`SELECT cfgname FROM
pg_ts_config`; others, such as Bulgarian or Polish, get no stem part). A GIN index covers it.

A query is parsed once in Python (hub/search/query.py, the syntax of websearch_to_tsquery) and
each word or phrase is handed to `websearch_to_tsquery` of every stemming configuration in one
statement (the query's language is unknown); the stems are ORed with the exact words. As every
lexeme of an entry can match — exact words and stems alike — a word finds its inflections even
where the Snowball stemmers give them different stems: Turkish "belediyeleri" stems to
"belediye", which is the exact word "belediye" (itself stemmed to "beledi"). Stems shorter than
four letters are left out: they would find unrelated words of other languages. Only
PostgreSQL's own output and letters-and-digits words reach the tsquery text.
"""

from __future__ import annotations

import re

from sqlalchemy import bindparam, cast, func, literal_column, or_, text
from sqlalchemy.dialects.postgresql import REGCONFIG, TSQUERY, insert

from hub.search import Match, SearchEngine
from hub.search.models import SearchEntry
from hub.search.normalise import normalise

# The hub's languages that PostgreSQL can stem (when the configuration is installed).
CONFIGS = {
    "da": "danish", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fi": "finnish", "fr": "french", "ga": "irish", "hu": "hungarian", "it": "italian",
    "lt": "lithuanian", "nl": "dutch", "pt": "portuguese", "ro": "romanian", "sv": "swedish",
    "tr": "turkish",
}
STEM_MIN = 4
_SINGLE_LEXEME = re.compile(r"'((?:[^']|'')+)'")
_STEMS = text(
    "SELECT t.n, websearch_to_tsquery(c.cfg::regconfig, t.q)::text "
    "FROM unnest(CAST(:qs AS text[])) WITH ORDINALITY AS t(q, n), "
    "unnest(CAST(:cfgs AS text[])) AS c(cfg)"
)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _simple(item) -> str:
    return " <-> ".join(_lexeme(w) for w in item.words)


class PostgresSearch(SearchEngine):
    name = "postgresql"
    stems = True

    def __init__(self) -> None:
        self._available: dict[str, set[str]] = {}

    def configs(self, connection) -> dict[str, str]:
        """{language: configuration} for the configurations this database has."""
        key = str(connection.engine.url)
        if key not in self._available:
            names = connection.execute(text("SELECT cfgname FROM pg_ts_config")).scalars()
            self._available[key] = set(names)
        return {lang: cfg for lang, cfg in CONFIGS.items() if cfg in self._available[key]}

    # --- querying ------------------------------------------------------------------------

    def tsquery(self, connection, query) -> str:
        items = list(dict.fromkeys(
            [item for clause in query.clauses for item in clause] + query.excluded
        ))
        forms: dict[int, set[str]] = {i: {_simple(item)} for i, item in enumerate(items)}
        configs = sorted(set(self.configs(connection).values()))
        if configs:
            rows = connection.execute(_STEMS, {
                "qs": ['"' + item.text + '"' for item in items], "cfgs": configs,
            })
            for number, stemmed in rows:
                index = number - 1
                if not stemmed:
                    continue  # only stop words in this language
                single = _SINGLE_LEXEME.fullmatch(stemmed)
                if single and len(single.group(1)) < STEM_MIN:
                    continue  # too short a stem: it would match unrelated words
                forms[index].add(stemmed)
        position = {item: i for i, item in enumerate(items)}

        def either(item) -> str:
            return "(" + " | ".join(sorted(forms[position[item]])) + ")"

        wanted = [
            "(" + " | ".join(either(item) for item in clause) + ")" for clause in query.clauses
        ]
        return " & ".join(wanted + ["!" + either(item) for item in query.excluded])

    def match_params(self, session, query) -> dict:
        return {"tsquery": self.tsquery(session.connection(), query)}

    def match(self) -> Match:
        tsq = cast(bindparam("tsquery"), TSQUERY)
        return Match(
            source=SearchEntry.__table__,
            entry=SearchEntry.__table__,
            condition=SearchEntry.tsv.op("@@")(tsq),
            score=-func.ts_rank_cd(SearchEntry.tsv, tsq),
            newest_first=SearchEntry.id.desc(),
        )

    # --- writing -------------------------------------------------------------------------

    def write(self, connection, kind: str, texts: dict) -> None:
        if not texts:
            return
        configs = self.configs(connection)
        simple = literal_column("'simple'::regconfig")

        def weight(vector, letter: str):
            return func.setweight(vector, literal_column(f"'{letter}'::\"char\""))

        tsv = (
            weight(func.to_tsvector(simple, bindparam("p_title")), "A")
            .op("||")(weight(func.to_tsvector(simple, bindparam("p_body")), "B"))
            .op("||")(weight(
                func.to_tsvector(cast(bindparam("p_cfg"), REGCONFIG), bindparam("p_stem")), "C"
            ))
        )
        stmt = insert(SearchEntry.__table__).values(
            kind=bindparam("p_kind"), target_id=bindparam("p_id"), language=bindparam("p_lang"),
            title=bindparam("p_title"), body=bindparam("p_body"), tsv=tsv,
        )
        new, entry = stmt.excluded, SearchEntry.__table__.c
        stmt = stmt.on_conflict_do_update(
            index_elements=["kind", "target_id"],
            set_={"language": new.language, "title": new.title, "body": new.body,
                  "tsv": new.tsv},
            where=or_(entry.title != new.title, entry.body != new.body,
                      entry.language.is_distinct_from(new.language)),
        )
        rows = []
        for target_id, t in texts.items():
            config = configs.get(t.language or "")
            stem = ""
            if config:
                stem = normalise(t.title + "\n" + t.body, keep_marks=True, language=t.language)
            rows.append({
                "p_kind": kind, "p_id": target_id, "p_lang": t.language,
                "p_title": normalise(t.title), "p_body": normalise(t.body),
                "p_cfg": config or "simple", "p_stem": stem,
            })
        connection.execute(stmt, rows)

    def end_rebuild(self, connection) -> None:
        super().end_rebuild(connection)
        connection.exec_driver_sql("ANALYZE search_entry")

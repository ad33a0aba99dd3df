"""The index follows the data in the same transaction, without feature code knowing about it.

After every flush, the rows of watched models that were added, deleted, or changed in a column
that feeds the index are re-indexed (or taken out) on the flush's own connection: a rollback
takes the index change back with the content. Bulk UPDATE and DELETE statements run through the
session (`db.session.execute(update(Post)…)`) are followed too. Rows removed behind the ORM's
back (a database-level ON DELETE CASCADE) leave entries that no search can return — results are
joined to the live rows — until `flask --app hub search reindex` prunes them.
"""

from __future__ import annotations

import logging

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from hub.search import engine_for
from hub.search.models import SearchEntry

BATCH = 500
log = logging.getLogger(__name__)
_tables_ready: dict[str, bool] = {}


def _index_exists(connection) -> bool:
    """Whether the database has the index table (a database migrated before it had none)."""
    key = str(connection.engine.url)
    if not _tables_ready.get(key):
        ready = inspect(connection).has_table(SearchEntry.__tablename__)
        if not ready and key not in _tables_ready:
            log.warning("search: no %s table in %s: content is not indexed; run the migrations "
                        "and `flask --app hub search reindex`", SearchEntry.__tablename__, key)
        _tables_ready[key] = ready
    return _tables_ready[key]


@event.listens_for(SearchEntry.__table__, "after_create")
def _created(target, connection, **kw):
    _tables_ready[str(connection.engine.url)] = True


def apply(connection, keys: dict[str, set[int]]) -> None:
    """Re-index the given rows {kind: ids}: write what exists, remove what does not."""
    from hub.search import registry

    engine = engine_for(connection)
    for kind, ids in keys.items():
        search_type = registry.get(kind)
        ids = sorted(i for i in ids if i is not None)
        for start in range(0, len(ids), BATCH):
            batch = ids[start:start + BATCH]
            texts = _with_sources(connection, kind, search_type.texts(connection, batch))
            engine.write(connection, kind, texts)
            gone = [i for i in batch if i not in texts]
            if gone:
                engine.remove(connection, kind, gone)


def _with_sources(connection, kind: str, texts: dict) -> dict:
    """Add the text sources' texts (translations) to the bodies."""
    from hub.search import registry
    from hub.search.registry import MAX_BODY_CHARS, IndexText

    for source in registry.sources():
        if not texts:
            break
        for target_id, more in source.texts(connection, kind, list(texts)).items():
            if target_id in texts and more:
                t = texts[target_id]
                body = "\n".join([t.body, *more])[:MAX_BODY_CHARS]
                texts[target_id] = IndexText(t.title, body, t.language)
    return texts


def _changed(obj, columns: frozenset[str]) -> bool:
    state = inspect(obj)
    return any(
        key in state.attrs and state.attrs[key].history.has_changes() for key in columns
    )


def _collect(session: Session) -> dict[str, set[int]]:
    from hub.search import registry

    keys: dict[str, set[int]] = {}
    for group, check in ((session.new, False), (session.dirty, True), (session.deleted, False)):
        for obj in group:
            for search_type, watch in registry.watchers(type(obj)):
                if check and not _changed(obj, watch.columns):
                    continue
                keys.setdefault(search_type.name, set()).add(watch.ids(obj))
            for watch_source in registry.source_watchers(type(obj)):
                found = watch_source(obj)
                if found is not None and registry.get(found[0]) is not None:
                    keys.setdefault(found[0], set()).add(found[1])
    return keys


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:
    keys = _collect(session)
    if keys:
        connection = session.connection()
        if _index_exists(connection):
            apply(connection, keys)


def _set_columns(statement) -> set[str] | None:
    """The columns an UPDATE sets (None when it cannot tell: then assume any)."""
    values = getattr(statement, "_values", None) or dict(
        getattr(statement, "_ordered_values", None) or ()
    )
    if not values:
        return None
    return {getattr(key, "key", None) or str(key) for key in values}


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state):
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return None
    from hub.search import registry

    found = registry.watchers(state.bind_mapper.class_)
    if state.is_update:
        changed = _set_columns(state.statement)
        found = [(t, w) for t, w in found if changed is None or changed & w.columns]
    if not found:
        return None
    where = state.statement.whereclause
    keys: dict[str, set[int]] = {}
    for search_type, watch in found:
        select_ids = select(watch.id_column) if where is None else select(watch.id_column).where(
            where
        )
        keys.setdefault(search_type.name, set()).update(state.session.execute(select_ids).scalars())
    result = state.invoke_statement()
    connection = state.session.connection()
    if _index_exists(connection):
        apply(connection, keys)
    return result


def reindex(kinds: list[str] | None = None, *, echo=None) -> dict[str, int]:
    """Rebuild the index from the data ({kind: rows indexed}).

    Every kind: from scratch (the engine's objects are dropped and made again, which is
    fastest), the rows of all kinds written oldest first, so that the index's own order (the
    order a very broad query walks, newest first) follows the content's dates. Some kinds:
    in place, and entries of rows that are gone are removed."""
    from hub.extensions import db
    from hub.search import registry

    connection = db.session.connection()
    engine = engine_for(connection)
    chosen = [t for t in registry.types() if not kinds or t.name in kinds]
    if kinds:
        for search_type in chosen:
            model = search_type.model
            stale = select(SearchEntry.target_id).where(
                SearchEntry.kind == search_type.name, SearchEntry.target_id.not_in(select(model.id))
            )
            engine.remove(connection, search_type.name, list(connection.execute(stale).scalars()))
    else:
        engine.begin_rebuild(connection)
    rows = []
    for search_type in chosen:
        date = search_type.date if search_type.date is not None else search_type.model.id
        for target_id, when in connection.execute(select(search_type.model.id, date)):
            rows.append((_sort_key(when), search_type.name, target_id))
    rows.sort()
    counts = {t.name: 0 for t in chosen}
    step = BATCH * 4
    for start in range(0, len(rows), step):
        keys: dict[str, set[int]] = {}
        for _when, kind, target_id in rows[start:start + step]:
            keys.setdefault(kind, set()).add(target_id)
            counts[kind] += 1
        apply(connection, keys)
        if echo:
            echo(min(start + step, len(rows)), len(rows))
    if not kinds:
        engine.end_rebuild(connection)
    return counts


def _sort_key(when) -> float:
    if when is None:
        return float("-inf")
    if isinstance(when, int | float):
        return float(when)
    return when.timestamp()

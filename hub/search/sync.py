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
            texts = search_type.texts(connection, batch)
            engine.write(connection, kind, texts)
            gone = [i for i in batch if i not in texts]
            if gone:
                engine.remove(connection, kind, gone)


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
    """Rebuild the index from the data ({kind: entries written}). Every kind: from scratch
    (the engine's objects are dropped and made again, which is fastest); some: in place."""
    from hub.extensions import db
    from hub.search import registry

    connection = db.session.connection()
    engine = engine_for(connection)
    chosen = [t for t in registry.types() if not kinds or t.name in kinds]
    full = not kinds
    if full:
        engine.begin_rebuild(connection)
    counts = {}
    for search_type in chosen:
        model = search_type.model
        ids = list(connection.execute(select(model.id).order_by(model.id)).scalars())
        if not full:
            stale = select(SearchEntry.target_id).where(
                SearchEntry.kind == search_type.name, SearchEntry.target_id.not_in(select(model.id))
            )
            engine.remove(connection, search_type.name, list(connection.execute(stale).scalars()))
        for start in range(0, len(ids), BATCH * 4):
            apply(connection, {search_type.name: set(ids[start:start + BATCH * 4])})
            if echo:
                echo(search_type.name, min(start + BATCH * 4, len(ids)), len(ids))
        counts[search_type.name] = len(ids)
    if full:
        engine.end_rebuild(connection)
    return counts

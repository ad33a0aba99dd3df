"""The index follows the data in the same transaction, whatever code changes it; the DDL is
made by create_all(); `flask --app hub search reindex` rebuilds it from the data."""

from __future__ import annotations

from sqlalchemy import delete, func, inspect, select, text, update

from hub.extensions import db
from hub.forum import services as forum
from hub.forum.models import Post, Thread
from hub.library.models import DocumentVersion
from hub.search import ddl
from hub.search.models import SearchEntry
from tests.search import helpers


def entries(kind: str | None = None) -> int:
    stmt = select(func.count()).select_from(SearchEntry)
    if kind:
        stmt = stmt.where(SearchEntry.kind == kind)
    return db.session.scalar(stmt)


def test_create_all_makes_the_engine_objects(db):
    connection = db.session.connection()
    if helpers.engine() == "sqlite":
        names = set(connection.execute(text("SELECT name FROM sqlite_master")).scalars())
        assert {"search_fts", "search_entry_ai", "search_entry_ad", "search_entry_au"} <= names
    else:
        indexes = {i["name"] for i in inspect(connection).get_indexes("search_entry")}
        assert ddl.GIN_INDEX in indexes


def test_autogenerate_is_told_to_leave_the_engine_objects_alone():
    assert not ddl.include_name("search_fts", "table", {})
    assert not ddl.include_name("search_fts_data", "table", {})
    assert not ddl.include_name(ddl.GIN_INDEX, "index", {})
    assert ddl.include_name("search_entry", "table", {})
    assert ddl.include_name("forum_thread", "table", {})
    assert ddl.create_statements("sqlite") and ddl.drop_statements("postgresql")


def test_feature_services_are_indexed_without_knowing(world, find):
    thread = forum.create_thread(world.p, world.staff, title="Yağmur suyu hasadı",
                                 body="Çatılardan **yağmur** suyu toplamak", theme="environment",
                                 language="tr", visibility="public")
    db.session.commit()
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    assert set(find("yagmur")) == {helpers.key(thread), helpers.key(post)}
    forum.edit_post(post, world.staff, "Kar suyu da toplanabilir")
    db.session.commit()
    assert find("yagmur") == [helpers.key(thread)]
    assert find("kar") == [helpers.key(post)]


def test_a_rollback_takes_the_index_change_back(world, find):
    helpers.thread(world.p, "Geri alınan konu")
    assert entries("thread") == 1  # flushed: indexed in the transaction
    db.session.rollback()
    assert entries("thread") == 0
    assert find("alinan") == []


def test_changes_that_do_not_touch_the_text_do_not_reindex(world, count_queries):
    thread = helpers.thread(world.p, "Sabit başlık")
    db.session.commit()
    with count_queries() as counter:
        thread.pinned = True
        thread.locked = True
        db.session.commit()
    assert not any("search_entry" in s for s in counter.statements)


def test_deleting_removes_the_entry(world, find):
    thread = helpers.thread(world.p, "Silinecek konu")
    db.session.commit()
    db.session.delete(thread)
    db.session.commit()
    assert entries("thread") == 0 and find("silinecek") == []


def test_bulk_statements_are_followed(world, find):
    thread = helpers.thread(world.p, "Toplu")
    posts = [helpers.post(thread, f"Eski metin {n}") for n in range(3)]
    db.session.commit()
    db.session.execute(update(Post).where(Post.id == posts[0].id).values(body="Yeni metin"))
    db.session.commit()
    assert find("yeni") == [helpers.key(posts[0])]
    db.session.execute(delete(Post).where(Post.id.in_([p.id for p in posts[1:]])))
    db.session.commit()
    assert entries("post") == 1 and find("eski") == []
    db.session.execute(update(Thread).values(pinned=True))  # not indexed: nothing to do
    db.session.commit()


def test_a_document_is_found_by_the_text_extracted_later(world, find):
    document = helpers.document(world.p, "Tarama", visibility="public", text=None)
    db.session.commit()
    assert find("fotosentez") == []
    version = db.session.scalar(select(DocumentVersion))
    version.extracted_text = "Fotosentez ve yaprak"
    db.session.commit()
    assert find("fotosentez") == [helpers.key(document)]


def test_a_new_version_replaces_the_text(world, find):
    document = helpers.document(world.p, "Plan", visibility="public", text="Birinci taslak")
    db.session.commit()
    db.session.add(DocumentVersion(document=document, number=2, filename="v2.txt",
                                   sha256="1" * 64, size=1, kind="text", media_type="text/plain",
                                   extracted_text="İkinci taslak"))
    document.current_version_number = 2
    db.session.commit()
    assert find("ikinci") == [helpers.key(document)]
    assert find("birinci") == []


def test_reindex_rebuilds_everything_from_the_data(app, world, find):
    thread = helpers.thread(world.p, "Yeniden dizin")
    db.session.commit()
    db.session.execute(delete(SearchEntry))  # an empty (or broken) index
    db.session.add(SearchEntry(kind="thread", target_id=999_999, title="yeniden", body=""))
    db.session.commit()
    assert find("yeniden") == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output and "thread 1" in result.output
    assert find("yeniden") == [helpers.key(thread)]
    assert entries("thread") == 1  # the entry of a thread that does not exist is gone


def test_reindex_of_one_kind_prunes_entries_of_rows_that_are_gone(app, world, find):
    thread = helpers.thread(world.p, "Tek tür")
    db.session.add(SearchEntry(kind="thread", target_id=999_999, title="tek", body=""))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--type", "thread"])
    assert result.exit_code == 0, result.output
    assert entries("thread") == 1 and find("tek") == [helpers.key(thread)]
    assert entries("town") > 0  # the other kinds were left as they were
    bad = app.test_cli_runner().invoke(args=["search", "reindex", "--type", "nothing"])
    assert bad.exit_code != 0


def test_a_text_source_adds_text_found_only_where_its_row_is(world, find):
    """How translations join the index: a Turkish query finds a German post through its
    Turkish translation, and only readers of the post find it."""
    from hub.search import registry, sync
    from hub.search.registry import TextSource

    translations: dict[int, list[str]] = {}
    registry.register_source(TextSource(
        "test-translations",
        texts=lambda connection, kind, ids: (
            {i: translations[i] for i in ids if i in translations} if kind == "post" else {}
        ),
    ))
    try:
        public = helpers.post(helpers.thread(world.p, "Abfall"), "Biotonne für alle",
                              language="de")
        private = helpers.post(helpers.thread(world.p, "Intern", visibility="members"),
                               "Biotonne intern", language="de")
        db.session.commit()
        translations[public.id] = ["Herkes için organik atık kutusu"]
        translations[private.id] = ["Kurum içi organik atık kutusu"]
        sync.apply(db.session.connection(), {"post": {public.id, private.id}})
        db.session.commit()
        assert find("organik") == [helpers.key(public)]
        assert set(find("organik", as_=world.staff)) == {helpers.key(public),
                                                         helpers.key(private)}
        assert find("biotonne", as_=world.citizen) == [helpers.key(public)]
    finally:
        registry.unregister_source("test-translations")

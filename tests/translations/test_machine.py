"""Machine translation against a local server speaking LibreTranslate's and DeepL's APIs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select, update

from hub import jobs
from hub.translations import services
from hub.translations.machine import (
    DeepL,
    Glossary,
    GlossaryNotFound,
    LibreTranslate,
    MachineTranslationError,
)
from hub.translations.models import ContentTranslation, GlossaryTerm, MachineGlossary
from hub.translations.targets import get_target
from tests.helpers import said
from tests.translations import fake_providers

NOT_AVAILABLE = ("The machine translation service is not available right now. Please try again "
                 "later.")


@pytest.fixture
def fake():
    server = fake_providers.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def libretranslate(app, fake, monkeypatch):
    monkeypatch.setitem(app.config, "MT_URL", fake.url)
    monkeypatch.setitem(app.config, "MT_API_KEY", "lt-key")
    monkeypatch.setitem(app.config, "MT_TIMEOUT", 0.3)
    return fake


@pytest.fixture
def deepl(app, fake, monkeypatch):
    monkeypatch.setitem(app.config, "DEEPL_API_KEY", "test-key:fx")
    monkeypatch.setitem(app.config, "DEEPL_URL", fake.url)
    monkeypatch.setitem(app.config, "MT_TIMEOUT", 0.3)
    return fake


def machine_url(world) -> str:
    return f"/translations/post/{world.post.id}/body/en/machine"


def rows(db) -> list[ContentTranslation]:
    db.session.expire_all()
    return list(db.session.scalars(select(ContentTranslation).order_by(ContentTranslation.id)))


def glossary_rows(db) -> list[MachineGlossary]:
    db.session.expire_all()
    return list(db.session.scalars(select(MachineGlossary).order_by(MachineGlossary.id)))


def add_council_term(db, world) -> GlossaryTerm:
    term = GlossaryTerm(partnership_id=world.p.id, entries={
        "tr": "belediye meclisi", "de": "Gemeinderat", "en": "city council"})
    db.session.add(term)
    db.session.commit()
    return term


def glossary_ids_used(server) -> list[str | None]:
    """The glossary_id of every DeepL translate call, in order."""
    return [payload.get("glossary_id") for path, _, payload in server.requests
            if path == "/v2/translate"]


def test_without_a_provider_there_are_no_buttons(world, client, login_as):
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Machine-translate" not in page
    assert client.post(machine_url(world)).status_code == 403


def test_libretranslate_adds_a_labelled_machine_translation(world, client, login_as, db,
                                                            libretranslate):
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Machine-translate into English" in page
    response = client.post(machine_url(world))
    assert response.status_code == 303
    path, headers, payload = libretranslate.requests[-1]
    assert path == "/translate"
    assert payload == {"q": world.post.body, "source": "tr", "target": "en", "format": "text",
                       "api_key": "lt-key"}
    (row,) = rows(db)
    assert (row.origin, row.provider, row.language) == ("machine", "libretranslate", "en")
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Machine translation" in page and f"[en] {world.post.body}" in page
    assert "Translated automatically from Turkish." in page
    assert "Show original" in page


def test_machine_text_never_overwrites_a_human_translation(world, client, login_as, db,
                                                           libretranslate):
    services.save_translation(get_target("post"), world.post, "body", "en", "Human words.",
                              world.translator)
    db.session.commit()
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert machine_url(world) not in page  # a human translation exists
    assert client.post(machine_url(world)).status_code == 303
    assert {(r.origin, r.text) for r in rows(db)} == {
        ("human", "Human words."), ("machine", f"[en] {world.post.body}")
    }
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Human words." in page and "[en]" not in page


def test_a_machine_translation_becomes_a_reviewed_human_one(world, client, login_as, db,
                                                            libretranslate):
    login_as(world.coordinator)
    client.post(machine_url(world))
    login_as(world.translator)
    edit = f"/translations/post/{world.post.id}/body/en/edit"
    assert f"{edit}?from=machine" in client.get(world.thread_url()).get_data(as_text=True)
    form = client.get(f"{edit}?from=machine").get_data(as_text=True)
    assert f"[en] {world.post.body}" in form
    client.post(edit, data={"text": "Reviewed: how did you prepare the tender?"})
    assert {r.origin for r in rows(db)} == {"human", "machine"}
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Reviewed: how did you prepare the tender?" in page
    assert "Unverified translation" in page


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_provider_failure_leaves_a_message_and_the_page_works(world, client, login_as, db,
                                                              libretranslate, mode):
    libretranslate.mode = mode
    login_as(world.coordinator)
    response = client.post(machine_url(world), follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "The machine translation service is not available right now." in html
    assert "İhale şartnamesini" in html
    assert rows(db) == []


def test_failure_message_is_translated(world, client, login_as, db, libretranslate):
    libretranslate.mode = "error"
    world.coordinator.locale = "tr"
    db.session.commit()
    login_as(world.coordinator)
    html = client.post(machine_url(world), follow_redirects=True).get_data(as_text=True)
    assert '<html lang="tr"' in html
    assert "İhale şartnamesini" in html


def test_deepl_adapter_sends_the_key_the_languages_and_the_glossary(world, client, login_as, db,
                                                                     deepl):
    add_council_term(db, world)
    login_as(world.coordinator)
    assert client.post(machine_url(world)).status_code == 303
    paths = [path for path, _, _ in deepl.requests]
    assert paths == ["/v2/glossaries", "/v2/translate"]
    _, headers, created = deepl.requests[0]
    assert created == {"name": f"hub-{world.p.id}-tr-en", "source_lang": "tr",
                       "target_lang": "en", "entries": "belediye meclisi\tcity council",
                       "entries_format": "tsv"}
    _, headers, payload = deepl.requests[1]
    assert headers["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert payload["source_lang"] == "TR" and payload["target_lang"] == "EN-GB"
    assert payload["glossary_id"] in deepl.glossaries
    (row,) = rows(db)
    assert (row.provider, row.text) == ("deepl", f"[EN-GB] {world.post.body}")
    (kept,) = glossary_rows(db)
    assert (kept.provider, kept.partnership_id, kept.source_language, kept.target_language,
            kept.glossary_id) == ("deepl", world.p.id, "tr", "en", payload["glossary_id"])


def test_fresh_provider_objects_share_one_stored_glossary(world, db, deepl):
    """Two worker processes (or a restart) each build their own DeepL object: the glossary id
    comes from the database, so DeepL sees one glossary, not one per process."""
    add_council_term(db, world)
    for _ in range(2):
        provider = DeepL("test-key:fx", deepl.url, timeout=0.3)
        services.machine_translate(get_target("post"), world.post, "body", "en", provider)
        db.session.commit()
        jobs.run_ready()
    assert deepl.calls_to("POST", "/v2/glossaries") == ["/v2/glossaries"]
    assert glossary_ids_used(deepl) == ["g-1", "g-1"]
    assert list(deepl.glossaries) == ["g-1"]
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-1"]


def test_another_provider_url_keeps_its_own_glossary(world, db, deepl):
    add_council_term(db, world)
    target = get_target("post")
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url, timeout=0.3))
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url + "/", timeout=0.3))
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url.replace("127.0.0.1", "localhost"),
                                     timeout=0.3))
    db.session.commit()
    jobs.run_ready()
    assert len(glossary_rows(db)) == 2  # a trailing slash is the same endpoint
    assert deepl.calls_to("DELETE", "/v2/glossaries") == []


def test_a_changed_term_makes_a_new_glossary_and_deletes_the_old_one(world, client, login_as,
                                                                     db, deepl):
    term = add_council_term(db, world)
    login_as(world.coordinator)
    client.post(machine_url(world))
    (before,) = (g.fingerprint for g in glossary_rows(db))
    services.save_term(term, world.p, {**term.entries, "en": "municipal council"}, "",
                       world.coordinator)
    db.session.commit()
    assert client.post(machine_url(world)).status_code == 303
    assert deepl.calls_to("POST", "/v2/glossaries") == ["/v2/glossaries"] * 2
    assert deepl.glossaries["g-2"]["entries"] == "belediye meclisi\tmunicipal council"
    assert glossary_ids_used(deepl) == ["g-1", "g-2"]
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-1"]
    assert list(deepl.glossaries) == ["g-2"]
    (after,) = glossary_rows(db)
    assert after.glossary_id == "g-2" and after.fingerprint != before


def test_deleting_the_last_term_drops_the_glossary(world, client, login_as, db, deepl):
    term = add_council_term(db, world)
    login_as(world.coordinator)
    client.post(machine_url(world))
    services.delete_term(term)
    db.session.commit()
    assert client.post(machine_url(world)).status_code == 303
    assert glossary_ids_used(deepl) == ["g-1", None]
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-1"]
    assert deepl.glossaries == {} and glossary_rows(db) == []
    assert rows(db)[0].text == f"[EN-GB] {world.post.body}"


def test_a_glossary_deleted_at_deepl_is_made_again(world, client, login_as, db, deepl):
    add_council_term(db, world)
    login_as(world.coordinator)
    client.post(machine_url(world))
    del deepl.glossaries["g-1"]  # deleted on DeepL's side (web interface, another tool)
    assert client.post(machine_url(world)).status_code == 303
    assert glossary_ids_used(deepl) == ["g-1", "g-1", "g-2"]
    assert deepl.calls_to("DELETE", "/v2/glossaries") == []
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-2"]
    assert len(rows(db)) == 1


def test_a_lost_glossary_is_made_again_only_once(world, client, login_as, db, deepl):
    add_council_term(db, world)
    login_as(world.coordinator)
    client.post(machine_url(world))
    del deepl.glossaries["g-1"]
    deepl.forgetful = True  # every new glossary is lost again at once
    html = client.post(machine_url(world), follow_redirects=True).get_data(as_text=True)
    assert said("en", NOT_AVAILABLE) in html
    assert glossary_ids_used(deepl) == ["g-1", "g-1", "g-2"]
    assert deepl.calls_to("POST", "/v2/glossaries") == ["/v2/glossaries"] * 2
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-1"]  # unchanged: rolled back


def test_a_failing_delete_does_not_break_translation(world, client, login_as, db, deepl,
                                                     caplog):
    term = add_council_term(db, world)
    login_as(world.coordinator)
    client.post(machine_url(world))
    services.save_term(term, world.p, {**term.entries, "en": "municipal council"}, "",
                       world.coordinator)
    db.session.commit()
    deepl.failing = {"DELETE /v2/glossaries"}
    with caplog.at_level(logging.WARNING, logger="hub.translations.services"):
        response = client.post(machine_url(world), follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert said("en", "Machine translation added. It is labelled as such until a member "
                      "reviews it.") in html
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-1"]
    assert "could not delete glossary g-1" in caplog.text
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-2"]
    assert len(rows(db)) == 1


@pytest.mark.parametrize("locale", ["en", "tr"])
def test_glossary_creation_failure_stores_nothing(world, client, login_as, db, deepl, locale):
    add_council_term(db, world)
    world.coordinator.locale = locale
    db.session.commit()
    deepl.failing = {"POST /v2/glossaries"}
    login_as(world.coordinator)
    response = client.post(machine_url(world), follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{locale}"' in html
    assert said(locale, NOT_AVAILABLE) in html
    assert "İhale şartnamesini" in html
    assert glossary_ids_used(deepl) == []
    assert rows(db) == [] and glossary_rows(db) == []


def test_a_glossary_made_for_a_failed_translation_is_deleted_again(world, client, login_as, db,
                                                                   deepl):
    add_council_term(db, world)
    deepl.failing = {"POST /v2/translate"}
    login_as(world.coordinator)
    html = client.post(machine_url(world), follow_redirects=True).get_data(as_text=True)
    assert said("en", NOT_AVAILABLE) in html
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-1"]
    assert deepl.glossaries == {}
    assert rows(db) == [] and glossary_rows(db) == []


def test_two_first_translations_at_once_keep_one_glossary(world, db, deepl, monkeypatch):
    """The second request read "no glossary yet" before the first one committed its row: its
    insert meets the unique constraint inside a savepoint, and it keeps the first one's."""
    add_council_term(db, world)
    target = get_target("post")
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url, timeout=0.3))
    db.session.commit()
    monkeypatch.setattr(services, "_stored_glossary", lambda scope: None)
    row = services.machine_translate(target, world.post, "body", "en",
                                     DeepL("test-key:fx", deepl.url, timeout=0.3))
    db.session.commit()
    assert row.text == f"[EN-GB] {world.post.body}"
    assert glossary_ids_used(deepl) == ["g-1", "g-2"]
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-2"]
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-1"]
    assert len(rows(db)) == 1


def test_two_replacements_at_once_keep_one_glossary(world, db, deepl, monkeypatch):
    """While this request made its new glossary, another one replaced the outdated row: the
    compare-and-set update changes nothing, and this request's glossary is deleted again."""
    term = add_council_term(db, world)
    target = get_target("post")
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url, timeout=0.3))
    services.save_term(term, world.p, {**term.entries, "en": "municipal council"}, "",
                       world.coordinator)
    db.session.commit()
    create = DeepL.create_glossary

    def create_while_another_request_replaces(self, glossary, source, target_language):
        db.session.execute(update(MachineGlossary).values(glossary_id="g-other"),
                           execution_options={"synchronize_session": False})
        return create(self, glossary, source, target_language)

    monkeypatch.setattr(DeepL, "create_glossary", create_while_another_request_replaces)
    services.machine_translate(target, world.post, "body", "en",
                               DeepL("test-key:fx", deepl.url, timeout=0.3))
    db.session.commit()
    jobs.run_ready()
    assert glossary_ids_used(deepl) == ["g-1", "g-2"]
    assert deepl.calls_to("DELETE", "/v2/glossaries") == ["/v2/glossaries/g-2"]
    assert [g.glossary_id for g in glossary_rows(db)] == ["g-other"]


def test_libretranslate_never_touches_machine_glossaries(world, client, login_as, db,
                                                         libretranslate, count_queries):
    add_council_term(db, world)
    login_as(world.coordinator)
    with count_queries() as queries:
        assert client.post(machine_url(world)).status_code == 303
    assert queries.count and not any("machine_glossary" in q for q in queries.statements)
    assert [path for path, _, _ in libretranslate.requests] == ["/translate"]
    assert glossary_rows(db) == []


def test_adapters_raise_on_errors_and_timeouts(fake):
    fake.mode = "error"
    with pytest.raises(MachineTranslationError, match="HTTP 500"):
        LibreTranslate(fake.url, timeout=0.3).translate("Merhaba", "tr", "de")
    with pytest.raises(MachineTranslationError):
        DeepL("test-key:fx", fake.url, timeout=0.3).translate("Merhaba", "tr", "de")
    fake.mode = "slow"
    with pytest.raises(MachineTranslationError):
        LibreTranslate(fake.url, timeout=0.2).translate("Merhaba", "tr", "de")
    fake.mode = "ok"
    with pytest.raises(MachineTranslationError, match="HTTP 403"):
        DeepL("wrong-key", fake.url, timeout=0.3).translate("Merhaba", "tr", "de")
    assert LibreTranslate(fake.url + "/").translate("Καλημέρα", "el", "tr") == "[tr] Καλημέρα"
    with pytest.raises(MachineTranslationError):
        LibreTranslate(fake.url).create_glossary(Glossary("g", (("a", "b"),)), "de", "tr")


def test_deepl_adapter_creates_uses_and_deletes_glossaries(fake):
    deepl = DeepL("test-key:fx", fake.url, timeout=0.3)
    glossary = Glossary("g", (("Gemeinderat", "belediye  meclisi"), ("Amt", "")))
    glossary_id = deepl.create_glossary(glossary, "de", "tr")
    assert fake.glossaries[glossary_id]["entries"] == "Gemeinderat\tbelediye meclisi"
    assert deepl.translate("Der Gemeinderat", "de", "tr", glossary_id) == "[TR] Der Gemeinderat"
    deepl.delete_glossary(glossary_id)
    assert fake.calls_to("DELETE", "/v2/glossaries") == [f"/v2/glossaries/{glossary_id}"]
    assert fake.glossaries == {}
    with pytest.raises(GlossaryNotFound):
        deepl.translate("Der Gemeinderat", "de", "tr", glossary_id)
    with pytest.raises(MachineTranslationError, match="HTTP 404"):
        deepl.delete_glossary(glossary_id)
    fake.failing = {"POST /v2/translate"}
    with pytest.raises(MachineTranslationError) as raised:
        deepl.translate("Der Gemeinderat", "de", "tr")
    assert not isinstance(raised.value, GlossaryNotFound)

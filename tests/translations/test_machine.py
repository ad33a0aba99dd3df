"""Machine translation against a local server speaking LibreTranslate's and DeepL's APIs."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.translations import services
from hub.translations.machine import DeepL, Glossary, LibreTranslate, MachineTranslationError
from hub.translations.models import ContentTranslation, GlossaryTerm
from hub.translations.targets import get_target
from tests.translations import fake_providers


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
    db.session.add(GlossaryTerm(partnership_id=world.p.id, entries={
        "tr": "belediye meclisi", "de": "Gemeinderat", "en": "city council"}))
    db.session.commit()
    login_as(world.coordinator)
    assert client.post(machine_url(world)).status_code == 303
    paths = [path for path, _, _ in deepl.requests]
    assert paths[-2:] == ["/v2/glossaries", "/v2/translate"]
    _, headers, created = deepl.requests[-2]
    assert created == {"name": f"hub-{world.p.id}-tr-en", "source_lang": "tr",
                       "target_lang": "en", "entries": "belediye meclisi\tcity council",
                       "entries_format": "tsv"}
    _, headers, payload = deepl.requests[-1]
    assert headers["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert payload["source_lang"] == "TR" and payload["target_lang"] == "EN-GB"
    assert payload["glossary_id"] in deepl.glossaries
    (row,) = rows(db)
    assert (row.provider, row.text) == ("deepl", f"[EN-GB] {world.post.body}")


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
    deepl = DeepL("test-key:fx", fake.url, timeout=0.3)
    glossary = Glossary("g", (("Gemeinderat", "belediye meclisi"),))
    assert deepl.translate("Der Gemeinderat", "de", "tr", glossary) == "[TR] Der Gemeinderat"
    assert deepl.translate("Der Gemeinderat", "de", "tr", glossary) == "[TR] Der Gemeinderat"
    assert len(fake.glossaries) == 1  # created once, then reused
    assert LibreTranslate(fake.url + "/").translate("Καλημέρα", "el", "tr") == "[tr] Καλημέρα"

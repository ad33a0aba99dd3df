"""Human translations of content: add, show, verify, out of date, show original, permissions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub.forum import services as forum
from hub.translations import services
from hub.translations.models import ContentTranslation
from hub.translations.targets import get_target

ENGLISH = "How did you prepare the tender specification? The city council decided in FEBRUARY."


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(ContentTranslation))


def translate(world, db, text: str = ENGLISH, translator=None) -> ContentTranslation:
    row = services.save_translation(get_target("post"), world.post, "body", "en", text,
                                    translator or world.translator)
    db.session.commit()
    return row


def test_original_is_shown_with_its_language_when_there_is_no_translation(world, client):
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert 'lang="tr" hx-disable><p>İhale şartnamesini' in page
    assert "Translate into" not in page  # a visitor may not translate
    assert "Show original" not in page


def test_a_bilingual_member_adds_a_translation_readers_see_it_labelled(
    world, client, login_as, db
):
    login_as(world.translator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert f'href="{world.edit_url(world.post)}"' in page
    form = client.get(world.edit_url(world.post))
    assert form.status_code == 200
    assert "İhale şartnamesini nasıl hazırladınız?" in form.get_data(as_text=True)
    response = client.post(world.edit_url(world.post), data={"text": ENGLISH})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/posts/{world.post.id}") or world.thread_url(
    ) in response.headers["Location"]
    row = db.session.scalar(select(ContentTranslation))
    assert (row.origin, row.language, row.source_language, row.translator_id) == (
        "human", "en", "tr", world.translator.id)

    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert f'lang="en" hx-disable><p>{ENGLISH}' in page
    assert "Unverified translation" in page
    assert "Translated from Turkish by Ayşe Yılmaz." in page
    assert "Show original" in page
    assert "may be out of date" not in page


def test_blank_translation_is_refused(world, client, login_as, db):
    login_as(world.translator)
    response = client.post(world.edit_url(world.post), data={"text": "   "})
    assert response.status_code == 422
    assert "Please write the translation." in response.get_data(as_text=True)
    assert count(db) == 0


def test_translation_form_without_csrf_is_refused(world, client, login_as, db):
    login_as(world.translator)
    response = client.post(world.edit_url(world.post), data={"text": ENGLISH}, csrf=False)
    assert response.status_code in {400, 422}
    assert count(db) == 0


@pytest.mark.parametrize("who, status", [
    ("visitor", 303), ("citizen", 403), ("coordinator", 403), ("translator", 200),
])
def test_only_members_reading_both_languages_translate(world, client, login_as, who, status):
    login_as(None if who == "visitor" else getattr(world, who))
    response = client.get(world.edit_url(world.post))
    assert response.status_code == status
    if who == "visitor":
        assert "/login" in response.headers["Location"]


def test_private_content_is_hidden_from_non_members(world, client, login_as, db):
    private_post = db.session.scalar(
        select(forum.Post).where(forum.Post.thread_id == world.private.id)
    )
    login_as(world.citizen)
    assert client.get(world.edit_url(private_post)).status_code == 404
    assert client.get(f"/translations/post/{private_post.id}/body").status_code == 404
    assert client.get("/translations/nothing/1/body").status_code == 404
    assert client.get(f"/translations/post/{private_post.id}/title").status_code == 404
    login_as(world.translator)
    assert client.get(world.edit_url(private_post, "xx")).status_code == 404


def test_a_second_bilingual_member_verifies(world, client, login_as, db):
    row = translate(world, db)
    login_as(world.translator)
    assert "Verify this translation" not in client.get(world.thread_url()).get_data(as_text=True)
    assert client.post(f"/translations/{row.id}/verify").status_code == 403
    login_as(world.coordinator)  # reads English, but Turkish only at A2
    assert client.post(f"/translations/{row.id}/verify").status_code == 403
    login_as(world.verifier)
    assert "Verify this translation" in client.get(world.thread_url()).get_data(as_text=True)
    assert client.post(f"/translations/{row.id}/verify").status_code == 303
    db.session.refresh(row)
    assert row.verified_by_id == world.verifier.id and row.verified_at is not None
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "Verified translation" in page
    assert "Translated from Turkish by Ayşe Yılmaz, verified by Mehmet Işık." in page
    assert "Unverified translation" not in page


def test_editing_the_original_marks_the_translation_out_of_date(world, client, login_as, db):
    row = translate(world, db)
    forum.edit_post(world.post, world.translator, "Şartnameyi güncelledik: İzmir örneğine bakın.")
    db.session.commit()
    login_as(world.verifier)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "may be out of date" in page
    assert "Verify this translation" not in page
    response = client.post(f"/translations/{row.id}/verify", follow_redirects=True)
    assert "The original has changed since this translation was made." in response.get_data(
        as_text=True)
    db.session.refresh(row)
    assert row.verified_at is None
    # A new version of the translation is current again, and needs verifying again.
    login_as(world.translator)
    client.post(world.edit_url(world.post), data={"text": "We updated it: see İzmir."})
    login_as(world.verifier)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert "may be out of date" not in page and "We updated it: see İzmir." in page


def test_show_original_is_one_click_away_with_and_without_htmx(world, client, login_as, db):
    translate(world, db)
    login_as(world.coordinator)
    url = f"/translations/post/{world.post.id}/body?show=original"
    fragment = client.htmx_get(url)
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert f'id="tr-post-{world.post.id}-body"' in html
    assert 'lang="tr" hx-disable><p>İhale şartnamesini' in html
    assert "Show the translation into English" in html
    assert "HX-Request" in fragment.headers["Vary"]
    page = client.get(url).get_data(as_text=True)
    assert "<html" in page and 'lang="tr" hx-disable><p>İhale' in page
    back = client.htmx_get(f"/translations/post/{world.post.id}/body").get_data(as_text=True)
    assert f'lang="en" hx-disable><p>{ENGLISH}' in back and "Show original" in back


def test_thread_title_translation_is_the_heading(world, client, login_as, db):
    services.save_translation(get_target("thread"), world.thread, "title", "en",
                              "Waste collection tender: your experience?", world.translator)
    db.session.commit()
    login_as(world.coordinator)
    page = client.get(world.thread_url()).get_data(as_text=True)
    heading = f"tr-thread-{world.thread.id}-title-heading"
    assert f'<h1 id="{heading}" lang="en">Waste collection tender: your experience?</h1>' in page
    original = client.get(
        f"/translations/thread/{world.thread.id}/title?show=original&level=1"
    ).get_data(as_text=True)
    assert f'<h1 id="{heading}" lang="tr">Atık toplama ihalesi: deneyimleriniz?</h1>' in original


def test_readers_in_the_original_language_see_no_translation(world, client, login_as, db):
    translate(world, db)
    world.verifier.locale = "tr"
    db.session.commit()
    login_as(world.verifier)
    page = client.get(world.thread_url()).get_data(as_text=True)
    assert ENGLISH not in page and "İhale şartnamesini" in page


def test_translations_of_a_page_of_posts_load_in_one_query(world, client, login_as, db,
                                                           count_queries):
    from tests.forum.conftest import measure_page

    for n in range(2):
        forum.add_reply(world.thread, world.translator, body=f"Yanıt {n}: ılık İğne", language="tr")
    db.session.commit()
    posts = list(db.session.scalars(
        select(forum.Post).where(forum.Post.thread_id == world.thread.id)
    ))
    for post in posts[:1]:
        services.save_translation(get_target("post"), post, "body", "en", "One", world.translator)
    db.session.commit()
    login_as(world.coordinator)
    few = measure_page(client, db, count_queries, world.thread_url())
    for n in range(6):
        forum.add_reply(world.thread, world.verifier, body=f"Cevap {n}", language="tr")
    db.session.commit()
    for post in db.session.scalars(
        select(forum.Post).where(forum.Post.thread_id == world.thread.id)
    ):
        services.save_translation(get_target("post"), post, "body", "en", f"Reply {post.id}",
                                  world.translator)
    db.session.commit()
    many = measure_page(client, db, count_queries, world.thread_url())
    assert many == few


def test_document_posting_and_good_practice_fields_are_translatable():
    from hub.translations.targets import TARGETS

    assert TARGETS["document"].fields == {"description": "plain"}
    assert set(TARGETS["posting"].fields) >= {"description"}
    assert {"title", "summary", "approach"} <= set(TARGETS["good_practice"].fields)


def test_good_practice_fields_show_their_translation(world, client, login_as, db):
    from hub.goodpractices.models import GoodPractice

    practice = GoodPractice(title="Mahalle meclisleri", summary="Gençler **karar** veriyor.",
                            language="tr", state="published", partnership_id=world.p.id)
    db.session.add(practice)
    db.session.flush()
    services.save_translation(get_target("good_practice"), practice, "summary", "en",
                              "Young people **decide**.", world.translator)
    db.session.commit()
    login_as(world.coordinator)
    page = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
    assert 'lang="en" hx-disable><p>Young people <strong>decide</strong>.</p>' in page
    heading = f"tr-good_practice-{practice.id}-title-heading"
    assert f'<h1 id="{heading}" lang="tr">Mahalle meclisleri</h1>' in page
    assert "Translated from Turkish by Ayşe Yılmaz." in page

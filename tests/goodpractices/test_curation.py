"""Curation: a draft from a nomination, review, approval by a second moderator only,
publication, updates with a visible date, withdrawal; bad input everywhere."""

from __future__ import annotations

from sqlalchemy import select

from hub.extensions import db
from hub.goodpractices.models import GoodPractice, Nomination
from hub.moderation.models import ModerationAction
from hub.notifications.models import Notification
from tests.goodpractices.conftest import form_data
from tests.moderation.conftest import count


def logged() -> list[str]:
    db.session.expire_all()
    return [a.action for a in db.session.scalars(
        select(ModerationAction).order_by(ModerationAction.id))]


def only_entry() -> GoodPractice:
    db.session.expire_all()
    [practice] = db.session.scalars(select(GoodPractice)).all()
    return practice


def test_from_nomination_to_publication(client, login_as, world):
    login_as(world.coordinator)
    response = client.post(f"/good-practices/nominate/thread/{world.public.id}",
                           data={"note": "Gençlik meclisi herkese örnek olabilir."})
    assert response.status_code == 303
    [nomination] = db.session.scalars(select(Nomination)).all()
    assert nomination.partnership_id == world.p.id and nomination.status == "open"

    login_as(world.moderator)
    curate = client.get("/good-practices/curate").get_data(as_text=True)
    assert "Gençlik meclisi nasıl kurulur?" in curate
    new_url = f"/good-practices/new?nomination={nomination.id}"
    form = client.get(new_url).get_data(as_text=True)
    assert 'value="Gençlik meclisi nasıl kurulur?"' in form  # prefilled from the thread
    assert f"/p/{world.p.slug}/forum/{world.public.id}" in form
    response = client.post(new_url, data=form_data(
        world, sources=f"Forum http://hub.test/p/{world.p.slug}/forum/{world.public.id}\n"
                       "Rapor https://example.org/rapor.pdf"))
    assert response.status_code == 303
    practice = only_entry()
    assert practice.state == "draft" and practice.created_by_id == world.moderator.id
    assert [(s.kind, s.target_id) for s in practice.sources] == [
        ("thread", world.public.id), ("link", None)]
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "accepted"

    entry_url = f"/good-practices/{practice.id}"
    assert client.post(f"{entry_url}/submit").status_code == 303
    assert only_entry().state == "in_review"
    # the same moderator cannot publish alone
    page = client.get(entry_url).get_data(as_text=True)
    assert "another moderator must approve it" in page and "Approve and publish" not in page
    assert client.post(f"{entry_url}/approve").status_code == 403
    assert only_entry().state == "in_review"
    assert client.get(entry_url).status_code == 200
    login_as(None)
    assert client.get(entry_url).status_code == 404  # not public yet
    # moderator 2 was told, and approves
    assert db.session.scalar(select(Notification).where(
        Notification.user_id == world.moderator2.id,
        Notification.kind == "good_practice.review")) is not None
    login_as(world.moderator2)
    assert "Approve and publish" in client.get(entry_url).get_data(as_text=True)
    assert client.post(f"{entry_url}/approve").status_code == 303
    practice = only_entry()
    assert practice.state == "published" and practice.approved_by_id == world.moderator2.id
    assert logged() == ["nomination.create", "good_practice.create", "good_practice.submit",
                        "good_practice.approve"]
    login_as(None)
    assert client.get(entry_url).status_code == 200
    assert "Gençlik meclisi" in client.get("/good-practices").get_data(as_text=True)


def test_editing_in_review_needs_a_new_review(client, login_as, world, entry):
    practice = entry("in_review")
    login_as(world.moderator2)
    response = client.post(f"/good-practices/{practice.id}/edit",
                           data=form_data(world, title="Düzeltilmiş başlık"))
    assert response.status_code == 303
    practice = only_entry()
    assert practice.state == "draft" and practice.last_edited_by_id == world.moderator2.id
    client.post(f"/good-practices/{practice.id}/submit")
    # moderator 2 changed it: neither moderator may approve now; the admin may
    assert client.post(f"/good-practices/{practice.id}/approve").status_code == 403
    login_as(world.moderator)
    assert client.post(f"/good-practices/{practice.id}/approve").status_code == 403
    login_as(world.admin)
    assert client.post(f"/good-practices/{practice.id}/approve").status_code == 303


def test_published_entries_are_updated_with_a_visible_date_or_withdrawn(client, login_as,
                                                                       world, entry):
    practice = entry("published")
    login_as(world.moderator2)
    page = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
    assert ">Updated<" not in page
    response = client.post(f"/good-practices/{practice.id}/edit",
                           data=form_data(world, results="Dört öneri kabul edildi."))
    assert response.status_code == 303
    practice = only_entry()
    assert practice.state == "published" and practice.revised_at is not None
    login_as(None)
    page = client.get(f"/good-practices/{practice.id}").get_data(as_text=True)
    assert ">Updated<" in page and "Dört öneri kabul edildi." in page
    login_as(world.moderator)
    response = client.post(f"/good-practices/{practice.id}/withdraw", data={"reason": " "})
    assert response.status_code == 422
    assert "Please give a reason" in response.get_data(as_text=True)
    assert only_entry().state == "published"
    response = client.post(f"/good-practices/{practice.id}/withdraw",
                           data={"reason": "Kaynaklar güncel değil"})
    assert response.status_code == 303
    assert only_entry().state == "withdrawn"
    login_as(None)
    assert client.get(f"/good-practices/{practice.id}").status_code == 404
    login_as(world.moderator)
    assert client.post(f"/good-practices/{practice.id}/rework").status_code == 303
    assert only_entry().state == "draft"


def test_bad_input_is_refused_with_422_and_kept(client, login_as, world):
    login_as(world.moderator)
    bad = [
        form_data(world, title=" "),
        form_data(world, themes=[]),
        form_data(world, language=""),
        form_data(world, problem=""),
        form_data(world, summary="ğ" * 1001),
        form_data(world, sources="ftp://example.org/x"),
        form_data(world, sources="http://hub.test/p/nilufer-darmstadt/forum/999999"),
        form_data(world, sources="/no/such/page"),
        form_data(world, town_ids=["999999"]),
        form_data(world, partnership_id="999999"),
        form_data(world, summary_language="xx"),
    ]
    for data in bad:
        response = client.post("/good-practices/new", data=data)
        assert response.status_code == 422, data
        html = response.get_data(as_text=True)
        assert "Nilüfer&#39;in gençlik meclisi" in html or "ğğğ" in html
    assert count(GoodPractice) == 0
    assert "Line 1:" in client.post(
        "/good-practices/new", data=form_data(world, sources="nonsense")).get_data(as_text=True)


def test_nomination_can_be_declined_with_a_reason(client, login_as, world):
    login_as(world.coordinator)
    client.post(f"/good-practices/nominate/document/{world.document.id}", data={"note": ""})
    nomination = db.session.scalars(select(Nomination)).one()
    login_as(world.moderator)
    url = f"/good-practices/nominations/{nomination.id}/decline"
    response = client.post(url, data={"reason": ""})
    assert response.status_code == 422
    response = client.post(url, data={"reason": "Henüz sonuç yok"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "declined"
    assert "nomination.decline" in logged()
    assert "Kompost raporu 2024" not in client.get("/good-practices/curate").get_data(
        as_text=True)


def test_placements_nominated_on_the_exchange_become_entries(client, login_as, world):
    from datetime import timedelta

    from hub.db import utcnow
    from hub.exchange.models import Application, Placement, PlacementReport

    darmstadt = world.p.towns[1]
    application = Application(posting=world.posting, applicant=world.staff,
                              sending_town=darmstadt, motivation="Lernen", status="accepted")
    today = utcnow().date()
    placement = Placement(
        application=application, posting=world.posting, partnership=world.p,
        participant=world.staff, sending_town=darmstadt, host_town=world.posting.town,
        start_on=today - timedelta(days=30), end_on=today - timedelta(days=20),
        objectives="Bioabfall-Sammlung kennenlernen", completed_at=utcnow(),
        nominated_at=utcnow(), nominated_by_id=world.coordinator.id,
        nomination_note="Sehr gelungen",
    )
    placement.reports = [PlacementReport(role="participant", author_id=world.staff.id,
                                         learned="Kompost kalitesi", apply_at_home="Denetim",
                                         language="tr")]
    db.session.add(placement)
    db.session.commit()
    login_as(world.moderator)
    curate = client.get("/good-practices/curate").get_data(as_text=True)
    assert f"/good-practices/new?placement={placement.id}" in curate and "Sehr gelungen" in curate
    form = client.get(f"/good-practices/new?placement={placement.id}").get_data(as_text=True)
    assert "Bioabfall-Sammlung kennenlernen" in form and "Kompost kalitesi" in form
    response = client.post(f"/good-practices/new?placement={placement.id}",
                           data=form_data(world))
    assert response.status_code == 303
    nomination = db.session.scalars(select(Nomination)).one()
    assert (nomination.target_type, nomination.target_id) == ("placement", placement.id)
    assert nomination.status == "accepted" and nomination.good_practice_id is not None
    curate = client.get("/good-practices/curate").get_data(as_text=True)
    assert f"/good-practices/new?placement={placement.id}" not in curate


def test_return_to_draft_needs_a_reason(client, login_as, world, entry):
    practice = entry("in_review")
    login_as(world.moderator2)
    response = client.post(f"/good-practices/{practice.id}/return", data={"reason": "  "})
    assert response.status_code == 422
    assert "Please give a reason" in response.get_data(as_text=True)
    assert only_entry().state == "in_review"
    response = client.post(f"/good-practices/{practice.id}/return",
                           data={"reason": "Kaynak eksik"})
    assert response.status_code == 303 and only_entry().state == "draft"
    assert db.session.scalar(select(Notification).where(
        Notification.user_id == world.moderator.id,
        Notification.kind == "good_practice.returned")) is not None

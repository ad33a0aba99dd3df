"""The whole exchange through the test client: post an offer, apply with a CV, endorse, accept,
agree on the placement, report, evaluate, nominate, and read the indicators."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hub.db import utcnow
from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from hub.notifications.models import Notification
from tests.exchange.helpers import PDF, P, application_form, day, posting_form, text
from tests.helpers import said_by_template


def only(model):
    db.session.expire_all()
    rows = db.session.scalars(select(model)).all()
    assert len(rows) == 1, rows
    return rows[0]


def test_offer_to_completed_placement(client, login_as, world, outbox):
    # The host coordinator publishes an offer at once.
    login_as(world.host_coordinator)
    assert client.get(f"{P}/exchange/new").status_code == 200
    response = client.post(f"{P}/exchange/new", data=posting_form(world.nilufer.id))
    assert response.status_code == 303, text(response)
    posting = only(Posting)
    assert response.headers["Location"] == f"{P}/exchange/{posting.id}"
    assert posting.status == "open" and posting.town_id == world.nilufer.id
    assert [(pl.language, pl.level) for pl in posting.languages] == [("en", "B1")]
    assert posting.costs_covered == ["travel", "accommodation"]

    # Staff of Darmstadt find it on the board: it suits them (English C1, a partner town).
    login_as(world.sending_staff)
    board = text(client.get(f"{P}/exchange"))
    assert "Çevre yönetiminde iş başında gözlem" in board
    assert said_by_template("de", "Suits you") in board
    assert said_by_template("de", "%(num)s of %(total)s place left",
                            "%(num)s of %(total)s places left", 1, total=1) in board

    # … and apply, with a CV.
    assert client.get(f"{P}/exchange/{posting.id}/apply").status_code == 200
    response = client.post(
        f"{P}/exchange/{posting.id}/apply",
        data=application_form(cv=(PDF, "Lebenslauf Schäfer.pdf"),
                              preferred_start=day(45), preferred_end=day(54)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, text(response)
    application = only(Application)
    assert application.status == "submitted"
    assert application.cv_filename == "Lebenslauf Schäfer.pdf"
    assert application.languages == {"de": "native", "en": "C1"}
    # The applicant's own coordinator is asked, in German; the host does not see it yet.
    (mail,) = outbox(to=world.sending_coordinator.email)
    assert mail.locale == "de"
    login_as(world.host_coordinator)
    assert client.get(f"{P}/exchange/applications/{application.id}").status_code == 404
    assert client.get(f"{P}/exchange/applications/{application.id}/cv").status_code == 404

    # The sending coordinator endorses.
    login_as(world.sending_coordinator)
    assert client.get(f"{P}/exchange/applications").status_code == 200
    response = client.post(f"{P}/exchange/applications/{application.id}/endorse",
                           data={"decision": "endorse", "note": "Sehr gut."})
    assert response.status_code == 303
    assert only(Application).status == "endorsed"

    # The host coordinator reads it, downloads the CV and accepts.
    login_as(world.host_coordinator)
    page = text(client.get(f"{P}/exchange/applications/{application.id}"))
    assert "Anna Schäfer" in page and "Lebenslauf Schäfer.pdf" in page
    cv = client.get(f"{P}/exchange/applications/{application.id}/cv")
    assert cv.status_code == 200 and cv.data == PDF
    assert "attachment" in cv.headers["Content-Disposition"]
    response = client.post(f"{P}/exchange/applications/{application.id}/decide",
                           data={"decision": "accept", "message": "Hoş geldiniz!"})
    assert response.status_code == 303
    placement = only(Placement)
    assert response.headers["Location"] == f"{P}/exchange/placements/{placement.id}"
    posting = only(Posting)
    assert posting.places_taken == 1
    assert posting.status == "closed" and posting.closed_reason == "full"
    assert placement.start_on.isoformat() == day(45) and placement.end_on.isoformat() == day(54)
    # The applicant and the sending coordinator hear of it, each in their language.
    kinds = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification))}
    assert (world.sending_staff.id, "exchange.accepted") in kinds
    assert (world.sending_coordinator.id, "exchange.accepted_other") in kinds
    accepted = [m for m in outbox(to=world.sending_staff.email) if "Ayşe Yılmaz" in m.subject]
    assert accepted and accepted[-1].locale == "de"

    # Both sides see the placement; the host town's other staff do not.
    for person in (world.sending_staff, world.sending_coordinator, world.host_coordinator):
        login_as(person)
        assert client.get(f"{P}/exchange/placements/{placement.id}").status_code == 200
    login_as(world.host_staff)
    assert client.get(f"{P}/exchange/placements/{placement.id}").status_code == 404

    # Dates and objectives agreed.
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/placements/{placement.id}/edit", data={
        "start_on": day(46), "end_on": day(55),
        "objectives": "- Sıfır atık planı\n- Kompost tesisleri",
    })
    assert response.status_code == 303
    assert only(Placement).days == 10

    # No reports before the end date …
    login_as(world.sending_staff)
    assert client.get(f"{P}/exchange/placements/{placement.id}/report").status_code == 403
    placement = only(Placement)
    placement.start_on = utcnow().date() - timedelta(days=12)
    placement.end_on = utcnow().date() - timedelta(days=3)
    db.session.commit()

    # … after it, the participant reports and the host evaluates.
    response = client.post(f"{P}/exchange/placements/{placement.id}/report", data={
        "learned": "Wie Nilüfer Bioabfall sammelt.", "apply_at_home": "Ein Pilotprojekt.",
        "language": "de",
    })
    assert response.status_code == 303
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/placements/{placement.id}/report", data={
        "learned": "Almanca terimler öğrendik.", "apply_at_home": "Ortak bir kılavuz.",
        "language": "tr",
    })
    assert response.status_code == 303
    placement = only(Placement)
    assert placement.completed_at is not None
    assert {r.role for r in placement.reports} == {"participant", "host"}

    # Nominated as a good practice.
    response = client.post(f"{P}/exchange/placements/{placement.id}/nominate",
                           data={"note": "Örnek bir değişim."})
    assert response.status_code == 303
    assert only(Placement).nominated_at is not None

    # The indicators count it.
    page = text(client.get(f"{P}/exchange/indicators"))
    assert said_by_template("tr", "%(num)s exchange", "%(num)s exchanges", 1) in page
    assert said_by_template("tr", "%(num)s participant-day", "%(num)s participant-days",
                            10) in page
    assert "<svg" in page and "Nilüfer" in page


def test_staff_draft_needs_their_coordinators_approval(client, login_as, world, outbox):
    login_as(world.host_staff)
    response = client.post(f"{P}/exchange/new",
                           data=posting_form(world.nilufer.id, action="submit"))
    assert response.status_code == 303
    posting = only(Posting)
    assert posting.status == "submitted"
    # Not on the board yet; the coordinator is asked (in Turkish).
    login_as(world.sending_staff)
    assert client.get(f"{P}/exchange/{posting.id}").status_code == 404
    (mail,) = outbox(to=world.host_coordinator.email)
    assert mail.locale == "tr"
    # The coordinator of another town cannot approve it (nor see it).
    login_as(world.sending_coordinator)
    assert client.post(f"{P}/exchange/{posting.id}/publish").status_code == 404
    # The coordinator sends it back with a note, the author resubmits, the coordinator approves.
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/return", data={"note": "Tarihleri düzelt."})
    assert response.status_code == 303 and only(Posting).status == "draft"
    login_as(world.host_staff)
    assert "Tarihleri düzelt." in text(client.get(f"{P}/exchange/{posting.id}"))
    assert client.post(f"{P}/exchange/{posting.id}/submit").status_code == 303
    login_as(world.host_coordinator)
    assert client.post(f"{P}/exchange/{posting.id}/publish").status_code == 303
    posting = only(Posting)
    assert posting.status == "open" and posting.approved_by_id == world.host_coordinator.id
    login_as(world.sending_staff)
    assert client.get(f"{P}/exchange/{posting.id}").status_code == 200


def test_withdraw_before_a_decision(client, login_as, world, make_application):
    application = make_application()
    login_as(world.sending_staff)
    response = client.post(f"{P}/exchange/applications/{application.id}/withdraw")
    assert response.status_code == 303
    assert only(Application).status == "withdrawn"
    # Withdrawn: no second withdrawal, no endorsement.
    assert client.post(f"{P}/exchange/applications/{application.id}/withdraw").status_code == 403
    login_as(world.sending_coordinator)
    response = client.post(f"{P}/exchange/applications/{application.id}/endorse",
                           data={"decision": "endorse"})
    assert response.status_code == 403


def test_no_withdrawal_after_the_decision(client, login_as, world, make_application):
    application = make_application(status="accepted")
    login_as(world.sending_staff)
    assert client.post(f"{P}/exchange/applications/{application.id}/withdraw").status_code == 403


def test_declining_tells_the_applicant_why(client, login_as, world, make_application, outbox):
    application = make_application(status="endorsed")
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/applications/{application.id}/decide",
                           data={"decision": "decline", "message": "Bu yıl yer kalmadı."})
    assert response.status_code == 303
    assert only(Application).status == "declined"
    login_as(world.sending_staff)
    assert "Bu yıl yer kalmadı." in text(client.get(f"{P}/exchange/applications/{application.id}"))


def test_a_coordinator_applying_needs_no_endorsement(client, login_as, world, make_posting):
    posting = make_posting()
    login_as(world.sending_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/apply", data=application_form(),
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert only(Application).status == "endorsed"

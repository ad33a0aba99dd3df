"""Bad input on every exchange form: 422, the error on its field, what was typed kept, nothing
stored. Refused applications (twice, late, closed, full, own town) say why and store nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.db import utcnow
from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from tests.exchange.conftest import finish
from tests.exchange.helpers import (
    PDF,
    P,
    application_form,
    counts,
    day,
    posting_form,
    said,
    text,
)
from tests.library.helpers import multipart


def field_error(body: str, field_id: str) -> bool:
    return f'id="{field_id}-error"' in body


POSTING_CASES = {
    "no title": ({"title": "   "}, "title"),
    "no description": ({"description": ""}, "description"),
    "start after end": ({"earliest_start": day(100), "latest_end": day(40)}, "latest_end"),
    "start equals end": ({"earliest_start": day(40), "latest_end": day(40)}, "latest_end"),
    "deadline after start": ({"deadline": day(45)}, "deadline"),
    "deadline in the past": ({"deadline": day(-1)}, "deadline"),
    "longer than the window": ({"duration_days": "70"}, "duration_days"),
    "zero days": ({"duration_days": "0"}, "duration_days"),
    "no places": ({"places": "0"}, "places"),
    "negative places": ({"places": "-3"}, "places"),
    "places not a number": ({"places": "çok"}, "places"),
    "not a date": ({"earliest_start": "2030-13-45"}, "earliest_start"),
    "level beyond C2": ({"languages-0-level": "C3"}, "languages-0-level"),
    "native is not a requirement": ({"languages-0-level": "native"}, "languages-0-level"),
    "language without level": ({"languages-0-level": ""}, "languages-0-level"),
    "level without language": ({"languages-1-level": "B2"}, "languages-1-language"),
    "a language twice": ({"languages-1-language": "en", "languages-1-level": "C1"},
                         "languages-1-language"),
    "unknown format": ({"format": "teleportation"}, "format"),
    "unknown theme": ({"theme": "astrology"}, "theme"),
    "unknown cost": ({"costs_covered": ["champagne"]}, "costs_covered"),
    "unknown visibility": ({"visibility": "secret"}, "visibility"),
    "no contact": ({"contact": ""}, "contact"),
    "offer hosted elsewhere": ({"host_town": "{darmstadt}"}, "host_town"),
    "request hosted at home": ({"kind": "request", "host_town": "{nilufer}"}, "host_town"),
}


def _resolve(data: dict, world) -> dict:
    towns = {"darmstadt": world.darmstadt.id, "nilufer": world.nilufer.id}
    return {k: v.format(**towns) if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.parametrize("case", POSTING_CASES)
def test_bad_new_posting(client, login_as, world, case):
    changes, field_id = POSTING_CASES[case]
    login_as(world.host_coordinator)
    data = posting_form(world.nilufer.id, department="Şehir Planlama", **_resolve(changes, world))
    response = client.post(f"{P}/exchange/new", data=data)
    body = text(response)
    assert response.status_code == 422
    assert field_error(body, field_id), body[body.find("has-error") - 300:][:900]
    assert "Şehir Planlama" in body  # what was typed is still there
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("case", ["no places", "deadline after start", "level beyond C2"])
def test_bad_edit_changes_nothing(client, login_as, world, make_posting, case):
    posting = make_posting()
    changes, field_id = POSTING_CASES[case]
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/edit",
                           data=posting_form(world.nilufer.id, title="Değişti", **changes))
    assert response.status_code == 422 and field_error(text(response), field_id)
    db.session.expire_all()
    stored = db.session.get(Posting, posting.id)
    assert stored.title != "Değişti" and stored.places == 2
    assert [(pl.language, pl.level) for pl in stored.languages] == [("en", "B1")]


def test_a_published_offer_stays_an_offer(client, login_as, world, make_posting):
    posting = make_posting()
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/edit", data=posting_form(
        world.nilufer.id, kind="request", host_town=str(world.darmstadt.id)))
    assert response.status_code == 422 and field_error(text(response), "kind")
    db.session.expire_all()
    assert db.session.get(Posting, posting.id).kind == "offer"


def test_places_cannot_drop_below_those_taken(client, login_as, world, make_application):
    application = make_application(status="accepted")
    posting = application.posting
    finish()
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/edit",
                           data=posting_form(world.nilufer.id, places="0"))
    assert response.status_code == 422
    response = client.post(f"{P}/exchange/{posting.id}/edit",
                           data=posting_form(world.nilufer.id, places="1"))
    assert response.status_code == 303  # one place, taken: allowed


def test_a_posting_without_csrf_token_is_refused(client, login_as, world):
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/new", data=posting_form(world.nilufer.id), csrf=False)
    assert response.status_code == 400
    assert counts() == (0, 0, 0, 0)


def test_return_needs_a_note(client, login_as, world, make_posting):
    posting = make_posting(status="submitted", author=world.host_staff)
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/{posting.id}/return", data={"note": " "})
    assert response.status_code == 422 and field_error(text(response), "note")
    db.session.expire_all()
    assert db.session.get(Posting, posting.id).status == "submitted"


# --- applications ----------------------------------------------------------------------------

APPLICATION_CASES = {
    "no motivation": ({"motivation": ""}, "motivation"),
    "no language": ({"languages-0-language": "", "languages-0-level": "",
                     "languages-1-language": "", "languages-1-level": ""}, None),
    "unknown level": ({"languages-1-level": "Z9"}, "languages-1-level"),
    "end before start": ({"preferred_start": day(60), "preferred_end": day(50)}, "preferred_end"),
    "before the window": ({"preferred_start": day(5)}, "preferred_start"),
    "after the window": ({"preferred_end": day(400)}, "preferred_end"),
    "not a date": ({"preferred_start": "31.02.2030"}, "preferred_start"),
}


@pytest.mark.parametrize("case", APPLICATION_CASES)
def test_bad_application(client, login_as, world, make_posting, storage_dir, case):
    posting = make_posting()
    changes, field_id = APPLICATION_CASES[case]
    login_as(world.sending_staff)
    data = application_form(cv=(PDF, "cv.pdf"), **changes)
    if case != "no motivation":
        data["motivation"] = "Neugierig auf Nilüfer, ğüşıöç."
    response = client.post(f"{P}/exchange/{posting.id}/apply", data=data,
                           content_type="multipart/form-data")
    body = text(response)
    assert response.status_code == 422
    if field_id:
        assert field_error(body, field_id)
    else:
        assert said("de", "Name at least one language you speak.") in body
    if case != "no motivation":
        assert "Neugierig auf Nilüfer, ğüşıöç." in body
    assert counts() == (1, 0, 0, 0)
    assert not any(p.is_file() for p in storage_dir.rglob("*"))


CV_CASES = {
    "web page named .pdf": (b"<!doctype html><script>alert(1)</script>", "cv.pdf"),
    "a program": (b"MZ\x90\x00\x03" + bytes(200), "cv.exe"),
    "an image": (b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.png"),
    "empty": (b"", "empty.pdf"),
}


@pytest.mark.parametrize("case", CV_CASES)
def test_refused_cv(client, login_as, world, make_posting, storage_dir, case):
    posting = make_posting()
    login_as(world.sending_staff)
    response = client.post(f"{P}/exchange/{posting.id}/apply",
                           data=application_form(cv=CV_CASES[case]),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert field_error(text(response), "cv")
    assert counts() == (1, 0, 0, 0)
    assert not any(p.is_file() for p in storage_dir.rglob("*"))


def test_refused_large_cv(client, login_as, world, make_posting, storage_dir):
    """More than 10 MB (sent as a browser does; werkzeug's builder would spool it to a file)."""
    posting = make_posting()
    login_as(world.sending_staff)
    fields = {k: v for k, v in application_form().items() if isinstance(v, str)}
    fields["csrf_token"] = client._csrf_token()
    body, content_type = multipart(fields, [("cv", "groß.pdf", PDF + b"0" * (10 * 1024 * 1024))])
    response = client.post(f"{P}/exchange/{posting.id}/apply", data=body,
                           content_type=content_type, csrf=False)
    assert response.status_code == 422
    assert said("de", "A CV can be at most 10 MB.") in text(response)
    assert counts() == (1, 0, 0, 0)
    assert not any(p.is_file() for p in storage_dir.rglob("*"))


def _refused(client, posting, expected_status, message, locale="de"):
    response = client.post(
        f"{P}/exchange/{posting.id}/apply", content_type="multipart/form-data",
        data=application_form(motivation="Tekrar deniyorum — ich versuche es."),
    )
    body = text(response)
    assert response.status_code == expected_status, body[:300]
    assert said(locale, message) in body
    assert "Tekrar deniyorum — ich versuche es." in body
    return response


def test_applying_twice(client, login_as, world, make_application):
    application = make_application()
    login_as(world.sending_staff)
    _refused(client, application.posting, 422, "You have already applied to this offer.")
    assert counts()[1] == 1


def test_applying_after_the_deadline(client, login_as, world, make_posting):
    posting = make_posting()
    posting.deadline = utcnow().date() - timedelta(days=1)
    finish()
    login_as(world.sending_staff)
    _refused(client, posting, 422, "The application deadline has passed.")
    assert counts()[1] == 0


def test_applying_to_a_closed_offer(client, login_as, world, make_posting):
    posting = make_posting(status="closed")
    login_as(world.sending_staff)
    _refused(client, posting, 422, "This offer is closed: it takes no more applications.")
    assert counts()[1] == 0


def test_applying_to_a_full_offer(client, login_as, world, make_posting):
    posting = make_posting(places=1)
    posting.places_taken = 1
    finish()
    login_as(world.sending_staff)
    _refused(client, posting, 422, "This offer is full: every place has been taken.")
    assert counts()[1] == 0


def test_applying_to_ones_own_towns_offer(client, login_as, world, make_posting):
    posting = make_posting()
    login_as(world.host_staff)
    _refused(client, posting, 403,
             "This offer comes from your own town: its staff cannot apply to it.", "tr")
    assert counts()[1] == 0


def test_requests_take_no_applications(client, login_as, world, make_posting):
    posting = make_posting(kind="request", host_town_id=world.darmstadt.id)
    login_as(world.sending_staff)
    assert client.get(f"{P}/exchange/{posting.id}/apply").status_code == 404
    assert client.post(f"{P}/exchange/{posting.id}/apply", data=application_form(),
                       content_type="multipart/form-data").status_code == 404


def test_the_offer_page_says_why_one_cannot_apply(client, login_as, world, make_posting):
    posting = make_posting(status="closed")
    login_as(world.sending_staff)
    body = text(client.get(f"{P}/exchange/{posting.id}"))
    closed = said("de", "This offer is closed: it takes no more applications.")
    assert closed in body and "/apply" not in body
    response = client.get(f"{P}/exchange/{posting.id}/apply")
    assert response.status_code == 409 and closed in text(response)


# --- endorsement, decision, placement, report, nomination -----------------------------------

@pytest.mark.parametrize("data, field_id", [
    ({}, "decision"),
    ({"decision": "maybe"}, "decision"),
    ({"decision": "refuse", "note": ""}, "note"),
])
def test_bad_endorsement(client, login_as, world, make_application, data, field_id):
    application = make_application()
    login_as(world.sending_coordinator)
    response = client.post(f"{P}/exchange/applications/{application.id}/endorse", data=data)
    assert response.status_code == 422 and field_error(text(response), field_id)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "submitted"


@pytest.mark.parametrize("status, data, field_id", [
    ("endorsed", {}, "decision"),
    ("endorsed", {"decision": "hire"}, "decision"),
    ("endorsed", {"decision": "decline", "message": "  "}, "message"),
    ("shortlisted", {"decision": "shortlist"}, "decision"),
    ("endorsed", {"decision": "accept", "message": "x" * 4001}, "message"),
])
def test_bad_decision(client, login_as, world, make_application, status, data, field_id):
    application = make_application(status=status)
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/applications/{application.id}/decide", data=data)
    assert response.status_code == 422 and field_error(text(response), field_id)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == status
    assert counts()[2] == 0


@pytest.mark.parametrize("data, field_id", [
    ({"start_on": "2030-06-10", "end_on": "2030-06-01", "objectives": "x"}, "end_on"),
    ({"start_on": "2030-06-01", "end_on": "2032-06-01", "objectives": "x"}, "end_on"),
    ({"start_on": "", "end_on": "2030-06-01", "objectives": "x"}, "start_on"),
    ({"start_on": "2030-06-01", "end_on": "2030-06-05", "objectives": ""}, "objectives"),
])
def test_bad_placement(client, login_as, world, ended_placement, data, field_id):
    before = (ended_placement.start_on, ended_placement.end_on)
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/edit", data=data)
    assert response.status_code == 422 and field_error(text(response), field_id)
    db.session.expire_all()
    placement = db.session.get(Placement, ended_placement.id)
    assert (placement.start_on, placement.end_on) == before and placement.objectives == ""


@pytest.mark.parametrize("data, field_id", [
    ({"learned": "", "apply_at_home": "y", "language": "tr"}, "learned"),
    ({"learned": "x", "apply_at_home": "", "language": "tr"}, "apply_at_home"),
    ({"learned": "x", "apply_at_home": "y", "language": "xx"}, "language"),
])
def test_bad_report(client, login_as, world, ended_placement, data, field_id):
    login_as(world.sending_staff)
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/report", data=data)
    assert response.status_code == 422 and field_error(text(response), field_id)
    assert counts()[3] == 0


def test_bad_nomination(client, login_as, world, ended_placement):
    from hub.exchange import placement_services as services

    for role, author in (("participant", world.sending_staff), ("host", world.host_coordinator)):
        services.write_report(ended_placement, author, role=role, learned="x",
                              apply_at_home="y", language="tr")
    finish()
    login_as(world.host_coordinator)
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/nominate",
                           data={"note": "ç" * 2001})
    assert response.status_code == 422 and field_error(text(response), "note")
    db.session.expire_all()
    assert db.session.get(Placement, ended_placement.id).nominated_at is None

"""Who may do what on the exchange: every route, for every kind of person.

Expected answers: 200/303 allowed, "login" (a redirect to /login for visitors), 404 for things the
person may not see (outsiders, and the host before the sending town endorsed), 403 for actions
on visible things without the right. Every refusal leaves the data as it was.
"""

from __future__ import annotations

import pytest

from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from tests.exchange.conftest import ROLES, finish
from tests.exchange.helpers import PDF, P, application_form, posting_form


def expect(**by_role):
    assert set(by_role) == set(ROLES), set(ROLES) ^ set(by_role)
    return [by_role[role] for role in ROLES]


def check(response, expected):
    if expected == "login":
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/login")
    else:
        body = response.get_data(as_text=True)[:400]
        assert response.status_code == expected, body


ALL = expect(visitor=200, citizen=200, host_staff=200, sending_staff=200, other_staff=200,
             host_coordinator=200, sending_coordinator=200, moderator=200)
MEMBERS = expect(visitor="login", citizen=404, host_staff=200, sending_staff=200,
                 other_staff=404, host_coordinator=200, sending_coordinator=200, moderator=404)
MEMBERS_ONLY_SEE = expect(visitor=404, citizen=404, host_staff=200, sending_staff=200,
                          other_staff=404, host_coordinator=200, sending_coordinator=200,
                          moderator=404)
HOST_MANAGES = expect(visitor="login", citizen=404, host_staff=403, sending_staff=403,
                      other_staff=404, host_coordinator=200, sending_coordinator=403,
                      moderator=404)
APPLY = expect(visitor="login", citizen=404, host_staff=403, sending_staff=200, other_staff=404,
               host_coordinator=403, sending_coordinator=200, moderator=404)
BEFORE_ENDORSEMENT = expect(visitor="login", citizen=404, host_staff=404, sending_staff=200,
                            other_staff=404, host_coordinator=404, sending_coordinator=200,
                            moderator=404)
AFTER_ENDORSEMENT = expect(visitor="login", citizen=404, host_staff=404, sending_staff=200,
                           other_staff=404, host_coordinator=200, sending_coordinator=200,
                           moderator=404)
BOTH_SIDES = AFTER_ENDORSEMENT
COORDINATORS_OF_BOTH = expect(visitor="login", citizen=404, host_staff=404, sending_staff=403,
                              other_staff=404, host_coordinator=200, sending_coordinator=200,
                              moderator=404)
REPORTERS = expect(visitor="login", citizen=404, host_staff=404, sending_staff=200,
                   other_staff=404, host_coordinator=200, sending_coordinator=403,
                   moderator=404)


@pytest.fixture
def who(world):
    return world.role


@pytest.fixture
def state(world, make_posting, make_application, ended_placement):
    """One object of each kind the GET routes need."""
    posting = ended_placement.posting
    second = make_posting(title="İkinci teklif")
    submitted = make_application(second)
    endorsed = make_application(second, status="endorsed", applicant=world.sending_coordinator)
    endorsed.cv_sha256 = None
    return {
        "posting": posting.id, "second": second.id, "submitted": submitted.id,
        "endorsed": endorsed.id, "placement": ended_placement.id,
    }


GET_ROUTES = {
    "/exchange": ALL,
    f"{P}/exchange": ALL,
    f"{P}/exchange?kind=offer&format=secondment": ALL,
    f"{P}/exchange/new": MEMBERS,
    f"{P}/exchange/applications": MEMBERS,
    f"{P}/exchange/indicators": MEMBERS,
    f"{P}/exchange/indicators.csv": MEMBERS,
    f"{P}/exchange/indicators.csv?table=host_country": MEMBERS,
    f"{P}/exchange/{{second}}": MEMBERS_ONLY_SEE,
    f"{P}/exchange/{{second}}/edit": HOST_MANAGES,
    f"{P}/exchange/{{second}}/apply": expect(
        visitor="login", citizen=404, host_staff=403, sending_staff=302, other_staff=404,
        host_coordinator=403, sending_coordinator=302, moderator=404),
    f"{P}/exchange/applications/{{submitted}}": BEFORE_ENDORSEMENT,
    f"{P}/exchange/applications/{{endorsed}}": expect(
        visitor="login", citizen=404, host_staff=404, sending_staff=404, other_staff=404,
        host_coordinator=200, sending_coordinator=200, moderator=404),
    f"{P}/exchange/placements/{{placement}}": BOTH_SIDES,
    f"{P}/exchange/placements/{{placement}}/edit": COORDINATORS_OF_BOTH,
    f"{P}/exchange/placements/{{placement}}/report": REPORTERS,
}


@pytest.mark.parametrize("path", GET_ROUTES)
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_pages(client, login_as, who, state, path, role_index):
    expected = GET_ROUTES[path][role_index]
    login_as(who(ROLES[role_index]))
    response = client.get(path.format(**state))
    if expected == 302:  # both already applied to the second offer: sent to their application
        assert response.status_code == 303 and "/applications/" in response.headers["Location"]
    else:
        check(response, expected)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_apply_form(client, login_as, who, make_posting, role_index):
    posting = make_posting()
    login_as(who(ROLES[role_index]))
    check(client.get(f"{P}/exchange/{posting.id}/apply"), APPLY[role_index])


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_cv_download(client, login_as, who, world, make_posting, role_index):
    login_as(world.sending_staff)
    posting = make_posting()
    client.post(f"{P}/exchange/{posting.id}/apply", content_type="multipart/form-data",
                data=application_form(cv=(PDF, "cv.pdf")))
    application = db.session.scalar(db.select(Application))
    path = f"{P}/exchange/applications/{application.id}/cv"
    login_as(who(ROLES[role_index]))
    check(client.get(path), BEFORE_ENDORSEMENT[role_index])
    application.status, application.endorsed_at = "endorsed", application.created_at
    finish()
    login_as(who(ROLES[role_index]))
    check(client.get(path), AFTER_ENDORSEMENT[role_index])


# --- state changes: allowed ones happen, refused ones leave everything as it was -------------

def _status(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id).status


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_new_posting(client, login_as, who, world, role_index):
    expected = expect(visitor="login", citizen=404, host_staff=303, sending_staff=303,
                      other_staff=404, host_coordinator=303, sending_coordinator=303,
                      moderator=404)[role_index]
    user = who(ROLES[role_index])
    login_as(user)
    town = user.town_id if user and user.town_id else world.nilufer.id
    response = client.post(f"{P}/exchange/new", data=posting_form(town, action="publish"))
    check(response, expected)
    postings = db.session.scalars(db.select(Posting)).all()
    assert len(postings) == (1 if expected == 303 else 0)
    if postings:  # coordinators publish; staff cannot, their posting stays a draft
        coordinator = ROLES[role_index].endswith("coordinator")
        assert postings[0].status == ("open" if coordinator else "draft")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_submit_draft(client, login_as, who, world, make_posting, role_index):
    posting = make_posting(status="draft", author=world.host_staff)
    expected = expect(visitor="login", citizen=404, host_staff=303, sending_staff=404,
                      other_staff=404, host_coordinator=404, sending_coordinator=404,
                      moderator=404)[role_index]
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/{posting.id}/submit"), expected)
    assert _status(Posting, posting.id) == ("submitted" if expected == 303 else "draft")


APPROVE = expect(visitor="login", citizen=404, host_staff=403, sending_staff=404,
                 other_staff=404, host_coordinator=303, sending_coordinator=404, moderator=404)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_approve_submitted(client, login_as, who, world, make_posting, role_index):
    posting = make_posting(status="submitted", author=world.host_staff)
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/{posting.id}/publish"), APPROVE[role_index])
    assert _status(Posting, posting.id) == ("open" if APPROVE[role_index] == 303 else "submitted")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_return_submitted(client, login_as, who, world, make_posting, role_index):
    posting = make_posting(status="submitted", author=world.host_staff)
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/{posting.id}/return", data={"note": "Lütfen düzelt."}),
          APPROVE[role_index])
    assert _status(Posting, posting.id) == ("draft" if APPROVE[role_index] == 303 else "submitted")


CLOSE = expect(visitor="login", citizen=404, host_staff=403, sending_staff=403, other_staff=404,
               host_coordinator=303, sending_coordinator=403, moderator=404)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_close(client, login_as, who, make_posting, role_index):
    posting = make_posting()
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/{posting.id}/close"), CLOSE[role_index])
    assert _status(Posting, posting.id) == ("closed" if CLOSE[role_index] == 303 else "open")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_reopen(client, login_as, who, make_posting, role_index):
    posting = make_posting(status="closed")
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/{posting.id}/reopen"), CLOSE[role_index])
    assert _status(Posting, posting.id) == ("open" if CLOSE[role_index] == 303 else "closed")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_edit(client, login_as, who, world, make_posting, role_index):
    posting = make_posting()
    expected = HOST_MANAGES[role_index]
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/exchange/{posting.id}/edit",
                           data=posting_form(world.nilufer.id, title="Yeni başlık"))
    check(response, 303 if expected == 200 else expected)
    db.session.expire_all()
    title = db.session.get(Posting, posting.id).title
    assert (title == "Yeni başlık") == (expected == 200)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_apply(client, login_as, who, make_posting, role_index):
    posting = make_posting()
    expected = APPLY[role_index]
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/exchange/{posting.id}/apply", data=application_form(),
                           content_type="multipart/form-data")
    check(response, 303 if expected == 200 else expected)
    stored = db.session.scalars(db.select(Application)).all()
    assert len(stored) == (1 if expected == 200 else 0)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_withdraw(client, login_as, who, make_application, role_index):
    application = make_application()
    expected = expect(visitor="login", citizen=404, host_staff=404, sending_staff=303,
                      other_staff=404, host_coordinator=404, sending_coordinator=403,
                      moderator=404)[role_index]
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/applications/{application.id}/withdraw"), expected)
    assert _status(Application, application.id) == (
        "withdrawn" if expected == 303 else "submitted")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_endorse(client, login_as, who, make_application, role_index):
    application = make_application()
    expected = expect(visitor="login", citizen=404, host_staff=404, sending_staff=403,
                      other_staff=404, host_coordinator=404, sending_coordinator=303,
                      moderator=404)[role_index]
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/applications/{application.id}/endorse",
                      data={"decision": "endorse"}), expected)
    assert _status(Application, application.id) == (
        "endorsed" if expected == 303 else "submitted")


@pytest.mark.parametrize("decision", ["shortlist", "accept", "decline"])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_decide(client, login_as, who, make_application, role_index, decision):
    application = make_application(status="endorsed")
    expected = expect(visitor="login", citizen=404, host_staff=404, sending_staff=403,
                      other_staff=404, host_coordinator=303, sending_coordinator=403,
                      moderator=404)[role_index]
    login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/exchange/applications/{application.id}/decide",
                      data={"decision": decision, "message": "Kararımız bu."}), expected)
    done = {"shortlist": "shortlisted", "accept": "accepted", "decline": "declined"}[decision]
    assert _status(Application, application.id) == (done if expected == 303 else "endorsed")
    placements = db.session.scalars(db.select(Placement)).all()
    assert len(placements) == (1 if expected == 303 and decision == "accept" else 0)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_edit_placement(client, login_as, who, ended_placement, role_index):
    expected = COORDINATORS_OF_BOTH[role_index]
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/edit", data={
        "start_on": "2030-05-04", "end_on": "2030-05-08", "objectives": "Öğrenme hedefleri",
    })
    check(response, 303 if expected == 200 else expected)
    db.session.expire_all()
    objectives = db.session.get(Placement, ended_placement.id).objectives
    assert (objectives == "Öğrenme hedefleri") == (expected == 200)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_report(client, login_as, who, ended_placement, role_index):
    expected = REPORTERS[role_index]
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/report", data={
        "learned": "Çok şey", "apply_at_home": "Bazı şeyler", "language": "tr",
    })
    check(response, 303 if expected == 200 else expected)
    db.session.expire_all()
    assert len(db.session.get(Placement, ended_placement.id).reports) == (
        1 if expected == 200 else 0)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_nominate(client, login_as, who, world, ended_placement, role_index):
    from hub.exchange import placement_services as services

    for role, author in (("participant", world.sending_staff), ("host", world.host_coordinator)):
        services.write_report(ended_placement, author, role=role, learned="x",
                              apply_at_home="y", language="tr")
    finish()
    expected = COORDINATORS_OF_BOTH[role_index]
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/exchange/placements/{ended_placement.id}/nominate")
    check(response, 303 if expected == 200 else expected)
    db.session.expire_all()
    nominated = db.session.get(Placement, ended_placement.id).nominated_at is not None
    assert nominated == (expected == 200)


# --- visibility of postings ----------------------------------------------------------------

VISIBILITY = {
    "partnership": MEMBERS_ONLY_SEE,
    "hub": expect(visitor=404, citizen=404, host_staff=200, sending_staff=200, other_staff=200,
                  host_coordinator=200, sending_coordinator=200, moderator=404),
    "public": ALL,
}


@pytest.mark.parametrize("visibility", VISIBILITY)
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_posting_visibility(client, login_as, who, make_posting, visibility, role_index):
    posting = make_posting(visibility=visibility, title="Görünürlük testi")
    expected = VISIBILITY[visibility][role_index]
    login_as(who(ROLES[role_index]))
    check(client.get(f"{P}/exchange/{posting.id}"), expected)
    on_hub_board = "Görünürlük testi" in client.get("/exchange").get_data(as_text=True)
    on_board = "Görünürlük testi" in client.get(f"{P}/exchange").get_data(as_text=True)
    assert on_hub_board == on_board == (expected == 200)


@pytest.mark.parametrize("status", ["draft", "submitted"])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_unpublished_postings_stay_with_their_town(client, login_as, who, world, make_posting,
                                                   status, role_index):
    posting = make_posting(status=status, author=world.host_staff, visibility="public",
                           title="Henüz taslak")
    role = ROLES[role_index]
    sees = role == "host_staff" or (role == "host_coordinator" and status == "submitted")
    login_as(who(role))
    check(client.get(f"{P}/exchange/{posting.id}"), 200 if sees else 404)
    assert ("Henüz taslak" in client.get(f"{P}/exchange").get_data(as_text=True)) == sees
    assert "Henüz taslak" not in client.get("/exchange").get_data(as_text=True)


def test_other_partnerships_ids_answer_404(client, login_as, world, make_posting,
                                           make_application):
    posting = make_posting()
    application = make_application(posting, status="endorsed")
    login_as(world.host_coordinator)
    other = f"/p/{world.other.slug}/exchange"
    assert client.get(f"{other}/{posting.id}").status_code == 404
    assert client.get(f"{other}/applications/{application.id}").status_code == 404
    assert client.get("/p/no-such-partnership/exchange").status_code == 404

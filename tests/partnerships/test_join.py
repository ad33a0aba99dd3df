"""Asking to join a partnership, and leaving it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hub.db import utcnow
from hub.partnerships.models import Membership
from tests.conftest import link_from
from tests.helpers import said, said_by_template

JOIN = "/p/nilufer-darmstadt/join"


def count_memberships(db) -> int:
    return db.session.scalar(select(func.count(Membership.id)))


def test_citizen_asks_to_join_and_coordinators_of_that_town_are_told(client, login_as, world,
                                                                     outbox, membership_of):
    login_as(world.citizen)
    response = client.post(JOIN, data={"town": world.town_a.id, "message": "Merhaba, ben Ιωάννης."})
    assert response.status_code == 303
    assert response.headers["Location"] == "/p/nilufer-darmstadt"
    m = membership_of(world.citizen, world.p)
    assert (m.status, m.role, m.town_id) == ("pending", "staff", world.town_a.id)
    assert m.message == "Merhaba, ben Ιωάννης."
    mails = outbox()
    assert [mail.recipient for mail in mails] == [world.coordinator.email]
    assert mails[0].locale == "tr"
    assert "Ιωάννης Παπαδόπουλος" in mails[0].subject
    assert "Merhaba, ben Ιωάννης." in mails[0].body_text
    assert link_from(mails[0].body_text, "/p/") == "/p/nilufer-darmstadt/members"
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    reader = world.citizen.locale
    assert said(reader, "Your request has been sent to the coordinators of %(town)s. We will "
                "e-mail you their decision.", town="Nilüfer") in html
    assert said_by_template(reader, "Your request to join, as a representative of %(town)s, is "
                            "pending. The town's coordinators will decide on it; we will e-mail "
                            "you.", town="Nilüfer") in html


def test_request_for_the_other_town_goes_to_its_coordinators(client, login_as, world, outbox):
    login_as(world.citizen)
    client.post(JOIN, data={"town": world.town_b.id})
    mails = outbox()
    assert [mail.recipient for mail in mails] == [world.other_coordinator.email]
    assert mails[0].locale == "de"


def test_without_coordinators_the_admins_are_told(client, login_as, make_user, make_partnership,
                                                  outbox, world):
    p = make_partnership(slug="lonely")
    login_as(world.citizen)
    assert client.post("/p/lonely/join", data={"town": p.towns[1].id}).status_code == 303
    assert [mail.recipient for mail in outbox()] == [world.admin.email]


def test_join_with_htmx_redirects_on_the_client(client, login_as, world):
    login_as(world.citizen)
    response = client.htmx_post(JOIN, data={"town": world.town_a.id})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/p/nilufer-darmstadt"


def test_town_outside_the_partnership_is_refused(client, login_as, make_town, world, db, outbox):
    elsewhere = make_town("Kraków", country="PL")
    login_as(world.citizen)
    before = count_memberships(db)
    response = client.post(JOIN, data={"town": elsewhere.id, "message": "Dzień dobry"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert said(world.citizen.locale, "Choose one of the partner towns.") in html
    assert 'aria-describedby="town-error"' in html or 'id="town-error"' in html
    assert "Dzień dobry" in html  # what the user typed is kept
    assert count_memberships(db) == before
    assert outbox() == []


def test_missing_or_garbled_town_and_long_message_are_refused(client, login_as, world, db):
    login_as(world.citizen)
    before = count_memberships(db)
    for data in ({}, {"town": "abc"}, {"town": world.town_a.id, "message": "ş" * 501}):
        response = client.post(JOIN, data=data)
        assert response.status_code == 422
        assert "field-errors" in response.get_data(as_text=True)
    assert count_memberships(db) == before


def test_join_needs_sign_in(client, world, db):
    before = count_memberships(db)
    response = client.post(JOIN, data={"town": world.town_a.id})
    assert response.status_code == 303
    assert response.headers["Location"].partition("?")[0] == "/login"
    assert count_memberships(db) == before


def test_join_needs_csrf(client, login_as, world, db):
    login_as(world.citizen)
    before = count_memberships(db)
    assert client.post(JOIN, data={"town": world.town_a.id}, csrf=False).status_code == 400
    assert count_memberships(db) == before


def test_unverified_and_suspended_users_are_refused(client, login_as, make_user, world, db):
    suspended = make_user()
    suspended.suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    for user in (make_user(verified=False), suspended):
        login_as(user)
        assert client.post(JOIN, data={"town": world.town_a.id}).status_code == 403
    assert db.session.scalar(
        select(func.count(Membership.id)).where(Membership.status == "pending")
    ) == 0


def test_hidden_partnership_answers_404(client, login_as, make_partnership, world):
    p = make_partnership(slug="proposal", status="proposed")
    login_as(world.citizen)
    assert client.post("/p/proposal/join", data={"town": p.towns[0].id}).status_code == 404


def test_ended_partnership_refuses_requests(client, login_as, make_partnership, world):
    p = make_partnership(slug="ended", status="ended")
    login_as(world.citizen)
    assert client.post("/p/ended/join", data={"town": p.towns[0].id}).status_code == 403


def test_asking_twice_changes_nothing(client, login_as, world, db, outbox):
    login_as(world.citizen)
    client.post(JOIN, data={"town": world.town_a.id})
    before, mails = count_memberships(db), len(outbox())
    response = client.post(JOIN, data={"town": world.town_b.id})
    assert response.status_code == 303
    assert count_memberships(db) == before
    assert len(outbox()) == mails


def test_member_leaves(client, login_as, world, membership_of):
    reader = login_as(world.staff).locale
    response = client.post("/p/nilufer-darmstadt/leave")
    assert response.status_code == 303
    assert membership_of(world.staff, world.p) is None
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said(reader, "You have left %(name)s.", name="Nilüfer – Darmstadt") in html
    assert said_by_template(reader, "Document library") not in html


def test_pending_request_can_be_withdrawn(client, login_as, world, membership_of):
    login_as(world.citizen)
    client.post(JOIN, data={"town": world.town_a.id})
    assert client.post("/p/nilufer-darmstadt/leave").status_code == 303
    assert membership_of(world.citizen, world.p) is None


def test_leaving_without_membership_is_refused(client, login_as, world):
    login_as(world.citizen)
    assert client.post("/p/nilufer-darmstadt/leave").status_code == 403
    login_as(None)
    assert client.post("/p/nilufer-darmstadt/leave").headers["Location"].startswith("/login")

"""Inviting someone by e-mail: the form, the link, accepting once, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.db import utcnow
from hub.extensions import db as _db
from hub.partnerships.models import Invitation
from tests.conftest import link_from
from tests.helpers import said_by_template, said_in_text

INVITE = "/p/nilufer-darmstadt/invite"


def invitations() -> list[Invitation]:
    _db.session.expire_all()
    return list(_db.session.scalars(select(Invitation).order_by(Invitation.id)))


def send(client, world, email="elena@example.gr", town=None, role="staff", message=""):
    town_id = (town or world.town_a).id
    return client.post(INVITE, data={"email": email, "town": town_id, "role": role,
                                     "message": message})


def test_coordinator_sees_invitation_form_for_own_town_only(client, login_as, world):
    login_as(world.coordinator)
    response = client.get(INVITE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'action="/p/nilufer-darmstadt/invite"' in html
    assert f'value="{world.town_a.id}"' in html
    assert f'value="{world.town_b.id}"' not in html
    assert 'type="email"' in html


def test_admin_may_invite_for_every_town(client, login_as, world):
    login_as(world.admin)
    html = client.get(INVITE).get_data(as_text=True)
    assert f'value="{world.town_a.id}"' in html and f'value="{world.town_b.id}"' in html


def test_invitation_end_to_end(client, login_as, world, outbox, make_user, membership_of):
    login_as(world.coordinator)
    response = send(client, world, email="Elena@Example.gr", role="coordinator",
                    message="Καλώς ήρθες!")
    assert response.status_code == 303
    assert response.headers["Location"] == "/p/nilufer-darmstadt/members"
    [invitation] = invitations()
    assert invitation.role == "coordinator" and invitation.town_id == world.town_a.id
    assert invitation.invited_by_id == world.coordinator.id
    expected = utcnow() + client.application.config["TOKEN_TTL_INVITATION"]
    assert abs((invitation.expires_at - expected).total_seconds()) < 60
    [mail] = outbox(to="Elena@Example.gr")
    assert mail.locale == "tr"  # no account yet: the inviter's language
    assert "Καλώς ήρθες!" in mail.body_text and "Şule Çelik" in mail.body_text
    link = link_from(mail.body_text, "/invite/")
    token = link.rsplit("/", 1)[1]
    assert invitation.token_hash == Invitation.hash(token) and token not in invitation.token_hash

    # The invitee opens the link before signing in: sign-in and registration are offered.
    login_as(None)
    page = client.get(link).get_data(as_text=True)
    visitor = "en"  # no account, no Accept-Language
    assert said_by_template(
        visitor, "%(inviter)s invites you to join the partnership %(name)s as %(role)s, "
        "representing %(town)s.", inviter="Şule Çelik", name="Nilüfer – Darmstadt",
        role=said_in_text(visitor, "Coordinator"), town="Nilüfer",
    ) in page
    assert f'href="/login?next={link}"' in page and f'href="/register?next={link}"' in page
    refused = client.post(link, headers={"Referer": f"http://localhost{link}"})
    assert refused.status_code == 303 and refused.headers["Location"].startswith("/login?next=")

    # With an account (the address need not match: invitations get forwarded) they accept.
    elena = make_user(email="elena.k@example.gr", display_name="Ελένη Κωνσταντίνου", locale="el")
    login_as(elena)
    assert said_by_template(elena.locale, "Accept the invitation") in (
        client.get(link).get_data(as_text=True)
    )
    accepted = client.post(link)
    assert accepted.status_code == 303 and accepted.headers["Location"] == "/p/nilufer-darmstadt"
    m = membership_of(elena, world.p)
    assert (m.status, m.role, m.town_id) == ("active", "coordinator", world.town_a.id)
    [invitation] = invitations()
    assert invitation.used_by_id == elena.id and invitation.used_at is not None
    workspace = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said_by_template(elena.locale, "Document library") in workspace

    # Single use.
    again = client.get(link)
    assert again.status_code == 410
    assert said_by_template(
        elena.locale, "This invitation has already been accepted. Each invitation link works once."
    ) in again.get_data(as_text=True)
    assert client.post(link).status_code == 410


def test_invitation_mail_uses_the_language_of_an_existing_account(client, login_as, world, outbox):
    login_as(world.coordinator)
    send(client, world, email=world.other_coordinator.email.upper())
    [mail] = outbox()
    assert mail.locale == "de"


def test_accepting_updates_an_existing_membership(client, login_as, world, outbox, membership_of):
    login_as(world.other_coordinator)
    send(client, world, email=world.citizen.email, town=world.town_b)
    link = link_from(outbox()[-1].body_text, "/invite/")
    login_as(world.staff)  # already staff for Nilüfer
    assert client.post(link).status_code == 303
    m = membership_of(world.staff, world.p)
    assert (m.status, m.role, m.town_id) == ("active", "staff", world.town_b.id)


def test_accepting_activates_a_pending_request(client, login_as, world, outbox, make_membership,
                                               membership_of):
    make_membership(world.citizen, world.p, world.town_b, status="pending")
    login_as(world.coordinator)
    send(client, world, email=world.citizen.email)
    login_as(world.citizen)
    assert client.post(link_from(outbox()[-1].body_text, "/invite/")).status_code == 303
    m = membership_of(world.citizen, world.p)
    assert (m.status, m.town_id) == ("active", world.town_a.id)


def test_expired_invitation_is_refused(client, login_as, world, outbox, membership_of):
    login_as(world.coordinator)
    send(client, world)
    link = link_from(outbox()[-1].body_text, "/invite/")
    [invitation] = invitations()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    _db.session.commit()
    login_as(world.citizen)
    response = client.get(link)
    assert response.status_code == 410
    assert said_by_template(
        world.citizen.locale, "This invitation has expired. Please ask the coordinator who invited "
        "you to send a new one."
    ) in response.get_data(as_text=True)
    assert client.post(link).status_code == 410
    assert membership_of(world.citizen, world.p) is None


def test_unknown_token_is_a_friendly_404(client, login_as, world):
    login_as(world.citizen)
    response = client.get("/invite/not-a-real-token")
    assert response.status_code == 404
    assert said_by_template(
        world.citizen.locale, "We do not know this invitation link. Please check that you copied "
        "the whole link from the e-mail."
    ) in response.get_data(as_text=True)
    assert client.post("/invite/not-a-real-token").status_code == 404


def test_unverified_user_must_confirm_before_accepting(client, login_as, world, outbox, make_user,
                                                       membership_of):
    login_as(world.coordinator)
    send(client, world)
    link = link_from(outbox()[-1].body_text, "/invite/")
    newcomer = make_user(verified=False)
    login_as(newcomer)
    assert said_by_template(
        newcomer.locale, "Please confirm your e-mail address first: we sent you a link. Then open "
        "this invitation again."
    ) in client.get(link).get_data(as_text=True)
    assert client.post(link).status_code == 403
    assert membership_of(newcomer, world.p) is None


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "not-an-address", "role": "staff"}, "email"),
        ({"email": "", "role": "staff"}, "email"),
        ({"email": "elena@example.gr", "role": "owner"}, "role"),
        ({"email": "elena@example.gr", "role": "staff", "town": "other"}, "town"),
        ({"email": "elena@example.gr", "role": "staff", "town": ""}, "town"),
        ({"email": "elena@example.gr", "role": "staff", "message": "ğ" * 501}, "message"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(client, login_as, world, outbox, data, field):
    login_as(world.coordinator)
    data = dict(data)
    if data.get("town") == "other":
        data["town"] = world.town_b.id  # a partner town, but not one this coordinator manages
    data.setdefault("town", world.town_a.id)
    response = client.post(INVITE, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    if data["email"]:
        assert f'value="{data["email"]}"' in html
    assert invitations() == []
    assert outbox() == []


def test_invitation_count_unchanged_for_refused_people(client, login_as, world):
    login_as(world.staff)
    assert send(client, world).status_code == 403
    login_as(world.moderator)
    assert send(client, world).status_code == 404
    assert _db.session.scalar(select(func.count(Invitation.id))) == 0

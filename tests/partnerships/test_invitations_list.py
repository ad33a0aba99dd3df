"""Sent invitations on the members page: who sees them, revoking (with and without htmx), and
what a revoked link answers."""

from __future__ import annotations

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime
from sqlalchemy import select

from hub.db import utcnow
from hub.extensions import db as _db
from hub.i18n import user_timezone
from hub.moderation.models import ModerationAction
from hub.partnerships.models import Invitation
from tests.conftest import link_from
from tests.helpers import said, said_by_template

P = "/p/nilufer-darmstadt"
MEMBERS = f"{P}/members"


@pytest.fixture
def make_invitation(world):
    """An invitation row (its token is returned too, for the link); pending unless told."""

    def make(email="elena@example.gr", *, town=None, inviter=None, role="staff",
             expires_in=timedelta(days=7), used=False, revoked=False, partnership=None):
        token = secrets.token_urlsafe(16)
        now = utcnow()
        invitation = Invitation(
            partnership=partnership or world.p, town=town or world.town_a, email=email,
            role=role, token_hash=Invitation.hash(token),
            invited_by_id=(inviter or world.coordinator).id, created_at=now - timedelta(hours=1),
            expires_at=now + expires_in,
            used_at=now if used else None, revoked_at=now if revoked else None,
        )
        _db.session.add(invitation)
        _db.session.commit()
        return invitation, token

    return make


def fresh(invitation: Invitation) -> Invitation:
    _db.session.expire_all()
    return _db.session.get(Invitation, invitation.id)


def revoke_url(invitation: Invitation) -> str:
    return f"{P}/invitations/{invitation.id}/revoke"


def test_coordinator_sees_pending_invitations_of_own_town_only(client, login_as, world,
                                                               make_invitation):
    pending, _ = make_invitation("pending@example.org", role="coordinator")
    make_invitation("expired@example.org", expires_in=timedelta(minutes=-1))
    make_invitation("used@example.org", used=True)
    make_invitation("revoked@example.org", revoked=True)
    make_invitation("darmstadt@example.org", town=world.town_b, inviter=world.other_coordinator)
    reader = login_as(world.coordinator)
    html = client.get(MEMBERS).get_data(as_text=True)
    assert said_by_template(reader.locale, "Pending invitations") in html
    section = html[html.index('id="invitations-title"'):html.index('id="members-title"')]
    assert "pending@example.org" in section
    for hidden in ("expired@example.org", "used@example.org", "revoked@example.org",
                   "darmstadt@example.org"):
        assert hidden not in html
    assert "Şule Çelik" in section and "Nilüfer" in section
    assert said(reader.locale, "Coordinator") in section
    zone = ZoneInfo(user_timezone(reader))
    for moment in (pending.created_at, pending.expires_at):
        shown = format_datetime(moment, "short", tzinfo=zone, locale=reader.locale)
        assert f'<time datetime="{moment.isoformat()}">{shown}</time>' in section
    assert f'action="{revoke_url(pending)}"' in section
    assert f'hx-post="{revoke_url(pending)}"' in section
    assert f'hx-target="#invitation-{pending.id}"' in section


def test_empty_list_says_so(client, login_as, world, make_invitation):
    make_invitation(used=True)
    reader = login_as(world.coordinator).locale
    html = client.get(MEMBERS).get_data(as_text=True)
    assert said_by_template(reader, "No invitation is waiting to be accepted.") in html


def test_admin_sees_every_towns_invitations(client, login_as, world, make_invitation):
    make_invitation("a@example.org")
    make_invitation("b@example.org", town=world.town_b, inviter=world.other_coordinator)
    login_as(world.admin)
    html = client.get(MEMBERS).get_data(as_text=True)
    assert "a@example.org" in html and "b@example.org" in html


@pytest.mark.parametrize("role", ["staff", "other_coordinator"])
def test_members_without_the_right_do_not_see_the_invitations(client, login_as, who, world,
                                                              make_invitation, role):
    make_invitation("a@example.org")
    reader = login_as(who(role)).locale
    html = client.get(MEMBERS).get_data(as_text=True)
    assert "a@example.org" not in html
    if role == "staff":
        assert said_by_template(reader, "Pending invitations") not in html


REVOKE = {"visitor": "login", "citizen": 404, "moderator": 404, "staff": 403,
          "other_coordinator": 403, "coordinator": 303, "admin": 303}


@pytest.mark.parametrize("role", list(REVOKE))
def test_who_may_revoke(client, login_as, who, world, make_invitation, role):
    invitation, _ = make_invitation()
    login_as(who(role))
    response = client.post(revoke_url(invitation))
    expected = REVOKE[role]
    if expected == "login":
        assert response.status_code == 303
        assert response.headers["Location"].partition("?")[0] == "/login"
    else:
        assert response.status_code == expected
    assert (fresh(invitation).revoked_at is not None) == (expected == 303)


def test_revoke_without_javascript(client, login_as, world, make_invitation):
    invitation, _ = make_invitation("elena@example.gr")
    reader = login_as(world.coordinator)
    response = client.post(revoke_url(invitation))
    assert response.status_code == 303 and response.headers["Location"] == MEMBERS
    revoked = fresh(invitation)
    assert revoked.revoked_at is not None and revoked.revoked_by_id == world.coordinator.id
    html = client.get(MEMBERS).get_data(as_text=True)
    assert said(reader.locale, "The invitation to %(email)s has been revoked.",
                email="elena@example.gr") in html
    assert f'id="invitation-{invitation.id}"' not in html


def test_revoke_with_htmx_returns_the_row_and_announces_it(client, login_as, world,
                                                           make_invitation):
    invitation, _ = make_invitation("elena@example.gr")
    reader = login_as(world.coordinator)
    response = client.htmx_post(revoke_url(invitation))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<tr id="invitation-{invitation.id}"')
    announced = said(reader.locale, "The invitation to %(email)s has been revoked.",
                     email="elena@example.gr")
    assert 'hx-swap-oob="innerHTML:#live-region">' + announced in html
    assert "HX-Request" in response.headers["Vary"]
    assert fresh(invitation).revoked_at is not None


def test_revoking_twice_is_harmless(client, login_as, world, make_invitation):
    invitation, _ = make_invitation()
    login_as(world.coordinator)
    client.post(revoke_url(invitation))
    first = fresh(invitation).revoked_at
    response = client.htmx_post(revoke_url(invitation))
    assert response.status_code == 200
    assert said(world.coordinator.locale, "This invitation has already been used or revoked.") in (
        response.get_data(as_text=True)
    )
    assert client.post(revoke_url(invitation)).status_code == 303
    assert fresh(invitation).revoked_at == first
    rows = _db.session.scalars(
        select(ModerationAction).where(ModerationAction.action == "invitation.revoke")
    ).all()
    assert len(rows) == 1


def test_a_used_invitation_cannot_be_revoked(client, login_as, world, make_invitation):
    invitation, _ = make_invitation(used=True)
    login_as(world.coordinator)
    assert client.post(revoke_url(invitation)).status_code == 303
    assert fresh(invitation).revoked_at is None


def test_invitation_of_another_partnership_is_404(client, login_as, world, make_invitation,
                                                  make_partnership):
    other = make_partnership([world.town_a, world.town_b], slug="other")
    invitation, _ = make_invitation(partnership=other)
    login_as(world.admin)
    assert client.post(revoke_url(invitation)).status_code == 404
    assert client.post(f"{P}/invitations/999999/revoke").status_code == 404
    assert fresh(invitation).revoked_at is None


def test_revoked_link_answers_410_and_cannot_be_accepted(client, login_as, world, outbox,
                                                         membership_of):
    login_as(world.coordinator)
    client.post(f"{P}/invite", data={"email": world.citizen.email, "town": world.town_a.id,
                                      "role": "staff"})
    link = link_from(outbox(to=world.citizen.email)[-1].body_text, "/invite/")
    [invitation] = _db.session.scalars(select(Invitation)).all()
    client.post(revoke_url(invitation))
    login_as(world.citizen)
    response = client.get(link)
    assert response.status_code == 410
    assert said_by_template(
        world.citizen.locale, "This invitation has been withdrawn by the partnership's "
        "coordinators. If you still want to join, please ask them for a new one."
    ) in response.get_data(as_text=True)
    assert client.post(link).status_code == 410
    assert membership_of(world.citizen, world.p) is None


def test_members_page_queries_do_not_grow_with_invitations(client, login_as, world, make_user,
                                                           make_invitation, count_queries):
    def members_page_queries(total: int) -> int:
        for n in range(total - len(_db.session.scalars(select(Invitation)).all())):
            make_invitation(f"person{n}-{total}@example.org", inviter=make_user())
        login_as(world.coordinator)
        with count_queries() as q:
            response = client.get(MEMBERS)
        assert response.get_data(as_text=True).count('id="invitation-') == total
        return q.count

    assert members_page_queries(3) == members_page_queries(20)


def resend_url(invitation: Invitation) -> str:
    return f"{P}/invitations/{invitation.id}/resend"


def test_send_again_mails_a_new_link_and_the_old_one_stops_working(client, login_as, world,
                                                                   outbox, membership_of):
    login_as(world.coordinator)
    client.post(f"{P}/invite", data={"email": world.citizen.email, "town": world.town_a.id,
                                      "role": "staff"})
    old_link = link_from(outbox(to=world.citizen.email)[-1].body_text, "/invite/")
    [invitation] = _db.session.scalars(select(Invitation)).all()
    response = client.htmx_post(resend_url(invitation))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="invitation-{invitation.id}"')
    assert 'hx-swap-oob="innerHTML:#live-region">' + said(
        world.coordinator.locale,
        "A new invitation has been sent to %(email)s. The earlier link no longer works.",
        email=world.citizen.email,
    ) in html
    mails = outbox(to=world.citizen.email)
    assert len(mails) == 2
    new_link = link_from(mails[-1].body_text, "/invite/")
    assert new_link != old_link
    assert len(_db.session.scalars(
        select(ModerationAction).where(ModerationAction.action == "invitation.resend")
    ).all()) == 1
    login_as(world.citizen)
    assert client.get(old_link).status_code == 404
    assert client.post(new_link).status_code == 303
    assert membership_of(world.citizen, world.p).is_active


def test_send_again_without_javascript_and_refusals(client, login_as, world, make_invitation,
                                                    outbox):
    invitation, _ = make_invitation("elena@example.gr")
    login_as(world.other_coordinator)
    assert client.post(resend_url(invitation)).status_code == 403
    login_as(world.citizen)
    assert client.post(resend_url(invitation)).status_code == 404
    assert outbox() == []
    login_as(world.coordinator)
    response = client.post(resend_url(invitation))
    assert response.status_code == 303 and response.headers["Location"] == MEMBERS
    assert len(outbox(to="elena@example.gr")) == 1
    client.post(revoke_url(invitation))
    assert client.post(resend_url(invitation)).status_code == 303  # revoked: nothing sent
    assert len(outbox(to="elena@example.gr")) == 1

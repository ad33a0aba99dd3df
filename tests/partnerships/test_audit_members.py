"""Membership decisions go to the hub's append-only audit log (the one admin actions use)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.extensions import db as _db
from hub.moderation.models import ModerationAction
from hub.partnerships.models import Invitation
from tests.helpers import said

P = "/p/nilufer-darmstadt"
MEMBERS = f"{P}/members"


def logged(action: str) -> list[ModerationAction]:
    _db.session.expire_all()
    return list(_db.session.scalars(
        select(ModerationAction).where(ModerationAction.action == action)
        .order_by(ModerationAction.id)
    ))


@pytest.fixture
def request_a(world, make_user, make_membership):
    user = make_user(display_name="Γιώργος Νικολάου", locale="el")
    return make_membership(user, world.p, world.town_a, status="pending")


def assert_row(row: ModerationAction, world, actor, target_id: int, label: str) -> None:
    assert (row.actor_id, row.actor_name) == (actor.id, actor.display_name)
    assert row.target_id == target_id and row.partnership_id == world.p.id
    assert row.target_label == label and row.created_at is not None


def test_approval_is_logged(client, login_as, world, request_a):
    login_as(world.coordinator)
    client.post(f"{MEMBERS}/{request_a.id}/approve")
    [row] = logged("membership.approve")
    assert row.target_type == "membership"
    assert_row(row, world, world.coordinator, request_a.id, "Γιώργος Νικολάου · Nilüfer")


def test_declining_is_logged_although_the_request_is_deleted(client, login_as, world, request_a):
    request_id = request_a.id
    login_as(world.coordinator)
    client.htmx_post(f"{MEMBERS}/{request_id}/decline")
    [row] = logged("membership.decline")
    assert_row(row, world, world.coordinator, request_id, "Γιώργος Νικολάου · Nilüfer")


def test_role_change_is_logged_with_old_and_new_role(client, login_as, world, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.coordinator)
    client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    [row] = logged("membership.change_role")
    assert_row(row, world, world.coordinator, staff.id, "Ayşe Yılmaz · Nilüfer")
    assert row.reason == "staff → coordinator"
    client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})  # no change
    assert len(logged("membership.change_role")) == 1


def test_removal_is_logged(client, login_as, world, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.admin)
    client.post(f"{MEMBERS}/{staff.id}/remove")
    [row] = logged("membership.remove")
    assert_row(row, world, world.admin, staff.id, "Ayşe Yılmaz · Nilüfer")
    assert row.reason == "staff"


def test_sent_and_revoked_invitations_are_logged(client, login_as, world):
    login_as(world.coordinator)
    client.post(f"{P}/invite", data={"email": "elena@example.gr", "town": world.town_a.id,
                                      "role": "coordinator"})
    [invitation] = _db.session.scalars(select(Invitation)).all()
    [sent] = logged("invitation.send")
    assert sent.target_type == "invitation" and sent.reason == "coordinator"
    assert_row(sent, world, world.coordinator, invitation.id, "elena@example.gr · Nilüfer")
    login_as(world.admin)
    client.post(f"{P}/invitations/{invitation.id}/revoke")
    [revoked] = logged("invitation.revoke")
    assert_row(revoked, world, world.admin, invitation.id, "elena@example.gr · Nilüfer")


def test_refused_decisions_leave_no_trace(client, login_as, world, request_a, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.other_coordinator)
    client.post(f"{MEMBERS}/{request_a.id}/approve")
    client.post(f"{MEMBERS}/{staff.id}/remove")
    client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    _db.session.expire_all()
    assert _db.session.scalars(select(ModerationAction)).all() == []


def test_moderators_read_the_decisions_in_the_audit_log(client, login_as, world, request_a,
                                                        make_user):
    login_as(world.coordinator)
    client.post(f"{MEMBERS}/{request_a.id}/approve")
    moderator = make_user(site_role="moderator", locale="tr")
    login_as(moderator)
    html = client.get("/moderation/log").get_data(as_text=True)
    assert said("tr", "Join request approved") in html
    assert said("tr", "Membership") in html and "Γιώργος Νικολάου · Nilüfer" in html

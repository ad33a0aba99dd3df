"""A town keeps at least one coordinator in a partnership: its last one may not leave, be demoted
or be removed (nothing changes, 409 and a message), unless a hub admin does it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub import permissions
from hub.extensions import db as _db
from hub.moderation.models import ModerationAction
from tests.helpers import said

P = "/p/nilufer-darmstadt"
MEMBERS = f"{P}/members"


def refusal(locale: str, town: str) -> str:
    return said(locale, "%(town)s needs at least one coordinator in this partnership to decide "
                "on its join requests. Make another member of %(town)s a coordinator first.",
                town=town)


def audit_rows() -> int:
    return _db.session.scalar(select(func.count(ModerationAction.id)))


@pytest.fixture
def outside_manager(monkeypatch, world):
    """Lets the Darmstadt coordinator manage Nilüfer's members too. Today only a town's own
    coordinators (who are then not its last one) and admins manage it; the rule must hold for
    any future manager as well, so the demote and remove paths are tested through this."""
    real = permissions.can_manage_town

    def can_manage_town(user, partnership, town_id):
        if user is not None and getattr(user, "id", None) == world.other_coordinator.id:
            return True
        return real(user, partnership, town_id)

    monkeypatch.setattr(permissions, "can_manage_town", can_manage_town)
    return world.other_coordinator


def test_the_last_coordinator_cannot_leave(client, login_as, world, membership_of, outbox):
    reader = login_as(world.coordinator).locale
    before = audit_rows()
    response = client.post(f"{P}/leave")
    assert response.status_code == 409
    assert refusal(reader, "Nilüfer") in response.get_data(as_text=True)
    assert membership_of(world.coordinator, world.p).is_coordinator
    assert outbox() == [] and audit_rows() == before


def test_the_last_coordinator_cannot_leave_through_htmx_either(client, login_as, world,
                                                              membership_of):
    reader = login_as(world.coordinator).locale
    response = client.htmx_post(f"{P}/leave")
    assert response.status_code == 409
    assert refusal(reader, "Nilüfer") in response.get_data(as_text=True)
    assert membership_of(world.coordinator, world.p).is_coordinator


def test_a_second_coordinator_lets_the_first_one_leave(client, login_as, world, membership_of):
    login_as(world.coordinator)
    staff = membership_of(world.staff, world.p)
    promoted = client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    assert promoted.status_code == 303
    assert client.post(f"{P}/leave").status_code == 303
    assert membership_of(world.coordinator, world.p) is None
    login_as(world.staff)  # now the last one of Nilüfer
    assert client.post(f"{P}/leave").status_code == 409


def test_a_pending_coordinator_does_not_count(client, login_as, world, make_user, make_membership,
                                              membership_of):
    make_membership(make_user(town=world.town_a), world.p, world.town_a, role="coordinator",
                    status="pending")
    login_as(world.coordinator)
    assert client.post(f"{P}/leave").status_code == 409
    assert membership_of(world.coordinator, world.p) is not None


def test_staff_may_always_leave(client, login_as, world, membership_of):
    login_as(world.staff)
    assert client.post(f"{P}/leave").status_code == 303
    assert membership_of(world.staff, world.p) is None


def test_the_rule(world, membership_of):
    last = membership_of(world.coordinator, world.p)
    staff = membership_of(world.staff, world.p)
    assert not permissions.can_drop_coordinator(world.coordinator, last)
    assert not permissions.can_drop_coordinator(world.other_coordinator, last)
    assert permissions.can_drop_coordinator(world.admin, last)
    assert permissions.can_drop_coordinator(world.coordinator, staff)


def test_the_last_coordinator_cannot_be_demoted(client, login_as, world, outside_manager,
                                                membership_of, outbox):
    target = membership_of(world.coordinator, world.p)
    reader = login_as(outside_manager).locale
    before = audit_rows()
    response = client.post(f"{MEMBERS}/{target.id}/role", data={"role": "staff"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert f'id="role-{target.id}-error"' in html and refusal(reader, "Nilüfer") in html
    fragment = client.htmx_post(f"{MEMBERS}/{target.id}/role", data={"role": "staff"})
    assert fragment.status_code == 409
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith(f'<tr id="member-{target.id}"')
    assert refusal(reader, "Nilüfer") in html and "<html" not in html
    assert membership_of(world.coordinator, world.p).role == "coordinator"
    assert outbox() == [] and audit_rows() == before


def test_the_last_coordinator_cannot_be_removed(client, login_as, world, outside_manager,
                                                membership_of, outbox):
    target = membership_of(world.coordinator, world.p)
    reader = login_as(outside_manager).locale
    response = client.post(f"{MEMBERS}/{target.id}/remove")
    assert response.status_code == 409
    assert refusal(reader, "Nilüfer") in response.get_data(as_text=True)
    fragment = client.htmx_post(f"{MEMBERS}/{target.id}/remove")
    assert fragment.status_code == 409
    assert refusal(reader, "Nilüfer") in fragment.get_data(as_text=True)
    assert membership_of(world.coordinator, world.p).is_coordinator
    assert outbox() == []


def test_with_a_second_coordinator_demoting_and_removing_work(client, login_as, world,
                                                              outside_manager, make_user,
                                                              make_membership, membership_of):
    make_membership(make_user(town=world.town_a), world.p, world.town_a, role="coordinator")
    target = membership_of(world.coordinator, world.p)
    login_as(outside_manager)
    assert client.post(f"{MEMBERS}/{target.id}/role", data={"role": "staff"}).status_code == 303
    assert membership_of(world.coordinator, world.p).role == "staff"
    assert client.post(f"{MEMBERS}/{target.id}/remove").status_code == 303
    assert membership_of(world.coordinator, world.p) is None


def test_an_admin_may_demote_and_remove_the_last_coordinator(client, login_as, world,
                                                             membership_of):
    target = membership_of(world.coordinator, world.p)
    login_as(world.admin)
    assert client.post(f"{MEMBERS}/{target.id}/role", data={"role": "staff"}).status_code == 303
    assert membership_of(world.coordinator, world.p).role == "staff"
    client.post(f"{MEMBERS}/{target.id}/role", data={"role": "coordinator"})
    assert client.post(f"{MEMBERS}/{target.id}/remove").status_code == 303
    assert membership_of(world.coordinator, world.p) is None


def test_an_admin_who_is_the_last_coordinator_may_leave(client, login_as, world, make_membership,
                                                        make_partnership, make_town,
                                                        membership_of):
    p = make_partnership([world.town_a, make_town("Lyon", country="FR")], slug="solo")
    make_membership(world.admin, p, world.town_a, role="coordinator")
    login_as(world.admin)
    assert client.post("/p/solo/leave").status_code == 303
    assert membership_of(world.admin, p) is None


def test_the_workspace_explains_instead_of_offering_leave_to_the_last_coordinator(
        client, login_as, world, membership_of):
    leave_form = f'action="{P}/leave"'
    reader = login_as(world.coordinator).locale
    page = client.get(P).get_data(as_text=True)
    assert leave_form not in page
    assert refusal(reader, "Nilüfer") in page

    staff = membership_of(world.staff, world.p)
    assert client.post(f"{MEMBERS}/{staff.id}/role",
                       data={"role": "coordinator"}).status_code == 303
    page = client.get(P).get_data(as_text=True)
    assert leave_form in page
    assert refusal(reader, "Nilüfer") not in page

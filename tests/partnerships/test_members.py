"""The members page: join requests, decisions, roles and removal — with and without htmx."""

from __future__ import annotations

import pytest

from tests.conftest import link_from
from tests.helpers import said, said_by_template, said_in_text

MEMBERS = "/p/nilufer-darmstadt/members"


@pytest.fixture
def request_a(world, make_user, make_membership):
    """A pending request to represent Nilüfer (town A)."""
    user = make_user(display_name="Γιώργος Νικολάου", locale="el")
    return make_membership(user, world.p, world.town_a, status="pending")


@pytest.fixture
def request_b(world, make_user, make_membership):
    user = make_user(display_name="Kübra Öztürk", locale="tr")
    return make_membership(user, world.p, world.town_b, status="pending")


def staff_membership(world, membership_of):
    return membership_of(world.staff, world.p)


def test_members_page_lists_members_by_town_with_roles(client, login_as, world):
    reader = login_as(world.staff).locale
    response = client.get(MEMBERS)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    listing = html[html.index('id="members-title"'):]
    assert (
        listing.index("Nilüfer") < listing.index("Ayşe Yılmaz")
        < listing.index("Darmstadt") < listing.index("Jürgen Groß")
    )
    assert said(reader, "Coordinator") in html and said(reader, "Staff") in html
    assert 'aria-current="page">' + said_by_template(reader, "Members") in html
    assert said_by_template(reader, "Requests to join") not in html
    assert said_by_template(reader, "Change role") not in html
    assert said_by_template(reader, "Remove") not in html
    assert said_by_template(reader, "Invite someone") not in html


def test_coordinator_sees_requests_for_own_town_only(client, login_as, world, request_a, request_b):
    reader = login_as(world.coordinator).locale
    html = client.get(MEMBERS).get_data(as_text=True)
    assert said_by_template(reader, "Requests to join") in html
    assert "Γιώργος Νικολάου" in html
    assert "Kübra Öztürk" not in html
    assert f'hx-post="/p/nilufer-darmstadt/members/{request_a.id}/approve"' in html
    assert f'hx-target="#request-{request_a.id}"' in html and 'hx-swap="outerHTML"' in html
    assert f'action="/p/nilufer-darmstadt/members/{request_a.id}/decline"' in html
    assert said_by_template(reader, "Invite someone") in html


def test_coordinator_manages_own_towns_members_not_self_nor_other_town(client, login_as, world,
                                                                      membership_of):
    login_as(world.coordinator)
    html = client.get(MEMBERS).get_data(as_text=True)
    staff = membership_of(world.staff, world.p)
    mine = membership_of(world.coordinator, world.p)
    other = membership_of(world.other_coordinator, world.p)
    assert f"/members/{staff.id}/role" in html and f"/members/{staff.id}/remove" in html
    assert f"/members/{mine.id}/remove" not in html
    assert f"/members/{other.id}/remove" not in html


def test_admin_sees_every_request(client, login_as, world, request_a, request_b):
    login_as(world.admin)
    html = client.get(MEMBERS).get_data(as_text=True)
    assert "Γιώργος Νικολάου" in html and "Kübra Öztürk" in html


def test_coordinator_approves_without_javascript(client, login_as, world, request_a, outbox,
                                                 membership_of):
    user = request_a.user
    login_as(world.coordinator)
    response = client.post(f"{MEMBERS}/{request_a.id}/approve")
    assert response.status_code == 303
    assert response.headers["Location"] == MEMBERS
    m = membership_of(user, world.p)
    assert m.status == "active" and m.decided_by_id == world.coordinator.id
    assert m.decided_at is not None
    mails = outbox(to=user.email)
    assert len(mails) == 1 and mails[0].locale == "el"
    assert link_from(mails[0].body_text, "/p/") == "/p/nilufer-darmstadt"
    html = client.get(MEMBERS).get_data(as_text=True)
    assert said(world.coordinator.locale, "%(name)s is now a member.",
                name="Γιώργος Νικολάου") in html


def test_coordinator_approves_with_htmx_and_gets_the_row(client, login_as, world, request_a,
                                                         membership_of):
    login_as(world.coordinator)
    response = client.htmx_post(f"{MEMBERS}/{request_a.id}/approve")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<tr id="request-{request_a.id}"')
    announced = said(world.coordinator.locale, "%(name)s is now a member.", name="Γιώργος Νικολάου")
    assert 'hx-swap-oob="innerHTML:#live-region">' + announced in html
    assert 'hx-swap-oob="innerHTML:#live-region"' in html
    assert "HX-Request" in response.headers["Vary"]
    assert membership_of(request_a.user, world.p).status == "active"


def test_approving_twice_is_harmless(client, login_as, world, request_a, outbox):
    login_as(world.coordinator)
    client.post(f"{MEMBERS}/{request_a.id}/approve")
    response = client.htmx_post(f"{MEMBERS}/{request_a.id}/approve")
    assert response.status_code == 200
    assert said(world.coordinator.locale, "This request has already been decided.") in (
        response.get_data(as_text=True)
    )
    assert len(outbox(to=request_a.user.email)) == 1


def test_coordinator_of_the_other_town_cannot_decide(client, login_as, world, request_a,
                                                     membership_of, outbox):
    login_as(world.other_coordinator)
    for action in ("approve", "decline"):
        assert client.post(f"{MEMBERS}/{request_a.id}/{action}").status_code == 403
    assert membership_of(request_a.user, world.p).status == "pending"
    assert outbox(to=request_a.user.email) == []


def test_decline_removes_the_request_and_tells_the_requester(client, login_as, world, request_a,
                                                             outbox, membership_of):
    user = request_a.user
    login_as(world.coordinator)
    response = client.htmx_post(f"{MEMBERS}/{request_a.id}/decline")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<tr id="request-{request_a.id}"' in html
    assert said(world.coordinator.locale, "The request of %(name)s has been declined.",
                name="Γιώργος Νικολάου") in html
    assert membership_of(user, world.p) is None
    mails = outbox(to=user.email)
    declined = said_in_text(
        user.locale, "Your request to join the partnership %(partnership)s as a representative "
        "of %(town)s has been declined. If you think this is a mistake, please contact the "
        "coordinators of %(town)s directly.",
        partnership=world.p.name, town=world.town_a.native_name,
    )
    assert len(mails) == 1 and declined in mails[0].body_text


def test_decline_without_javascript(client, login_as, world, request_b, membership_of):
    login_as(world.other_coordinator)
    response = client.post(f"{MEMBERS}/{request_b.id}/decline")
    assert response.status_code == 303
    assert membership_of(request_b.user, world.p) is None


def test_change_role(client, login_as, world, membership_of, outbox):
    staff = membership_of(world.staff, world.p)
    login_as(world.coordinator)
    response = client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    assert response.status_code == 303
    assert membership_of(world.staff, world.p).role == "coordinator"
    mails = outbox(to=world.staff.email)
    assert len(mails) == 1 and mails[0].locale == "tr"


def test_change_role_with_htmx_returns_the_row(client, login_as, world, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.admin)
    response = client.htmx_post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="member-{staff.id}"')
    reader = world.admin.locale
    assert said(reader, "%(name)s is now: %(role)s.", name="Ayşe Yılmaz",
                role=said_in_text(reader, "Coordinator")) in html
    assert "<html" not in html


def test_unknown_role_is_refused(client, login_as, world, membership_of, outbox):
    staff = membership_of(world.staff, world.p)
    login_as(world.coordinator)
    response = client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "owner"})
    assert response.status_code == 422
    assert f'id="role-{staff.id}-error"' in response.get_data(as_text=True)
    fragment = client.htmx_post(f"{MEMBERS}/{staff.id}/role", data={"role": "owner"})
    assert fragment.status_code == 422 and "<html" not in fragment.get_data(as_text=True)
    assert membership_of(world.staff, world.p).role == "staff"
    assert outbox() == []


def test_remove_member(client, login_as, world, membership_of, outbox):
    staff = membership_of(world.staff, world.p)
    login_as(world.coordinator)
    response = client.htmx_post(f"{MEMBERS}/{staff.id}/remove")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert said(world.coordinator.locale, "%(name)s has been removed from the partnership.",
                name="Ayşe Yılmaz") in html
    assert membership_of(world.staff, world.p) is None
    assert len(outbox(to=world.staff.email)) == 1


def test_remove_without_javascript(client, login_as, world, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.coordinator)
    response = client.post(f"{MEMBERS}/{staff.id}/remove")
    assert response.status_code == 303 and response.headers["Location"] == MEMBERS
    assert membership_of(world.staff, world.p) is None


def test_nobody_removes_or_demotes_themselves(client, login_as, world, membership_of):
    mine = membership_of(world.coordinator, world.p)
    login_as(world.coordinator)
    assert client.post(f"{MEMBERS}/{mine.id}/remove").status_code == 403
    assert client.post(f"{MEMBERS}/{mine.id}/role", data={"role": "staff"}).status_code == 403
    assert membership_of(world.coordinator, world.p).role == "coordinator"


def test_coordinator_cannot_touch_the_other_towns_members(client, login_as, world, membership_of):
    staff = membership_of(world.staff, world.p)
    login_as(world.other_coordinator)
    assert client.post(f"{MEMBERS}/{staff.id}/remove").status_code == 403
    response = client.post(f"{MEMBERS}/{staff.id}/role", data={"role": "coordinator"})
    assert response.status_code == 403
    assert membership_of(world.staff, world.p).role == "staff"


def test_membership_of_another_partnership_is_404(client, login_as, world, make_partnership,
                                                  make_user, make_membership):
    other = make_partnership(slug="other")
    foreign = make_membership(make_user(), other, status="pending")
    login_as(world.admin)
    assert client.post(f"{MEMBERS}/{foreign.id}/approve").status_code == 404
    assert client.post(f"{MEMBERS}/999999/remove").status_code == 404


def test_new_member_then_opens_the_workspace(client, login_as, world, request_a):
    user = request_a.user
    login_as(world.coordinator)
    client.post(f"{MEMBERS}/{request_a.id}/approve")
    login_as(user)
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said_by_template(user.locale, "Document library") in html
    assert client.get(MEMBERS).status_code == 200

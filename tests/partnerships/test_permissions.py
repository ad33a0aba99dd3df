"""Who may do what: every route of the town and partnership pages, for every kind of person.

Expected answers: 200/303 allowed, "login" (a redirect to /login for visitors), 404 for private
things of outsiders, 403 for members (or signed-in people) without the right.
"""

from __future__ import annotations

import pytest

from tests.conftest import link_from

ROLES = ["visitor", "citizen", "staff", "coordinator", "other_coordinator", "moderator", "admin"]
P = "/p/nilufer-darmstadt"


def expect(**by_role):
    return [by_role[role] for role in ROLES]


def check(response, expected):
    if expected == "login":
        assert response.status_code == 303
        assert response.headers["Location"].partition("?")[0] == "/login"
    else:
        assert response.status_code == expected, response.get_data(as_text=True)[:500]


PAGES = {
    "/towns": expect(visitor=200, citizen=200, staff=200, coordinator=200, other_coordinator=200,
                     moderator=200, admin=200),
    "/towns/nilufer": expect(visitor=200, citizen=200, staff=200, coordinator=200,
                             other_coordinator=200, moderator=200, admin=200),
    "/partnerships": expect(visitor=200, citizen=200, staff=200, coordinator=200,
                            other_coordinator=200, moderator=200, admin=200),
    P: expect(visitor=200, citizen=200, staff=200, coordinator=200, other_coordinator=200,
              moderator=200, admin=200),
    f"{P}/members": expect(visitor="login", citizen=404, staff=200, coordinator=200,
                           other_coordinator=200, moderator=404, admin=200),
    f"{P}/invite": expect(visitor="login", citizen=404, staff=403, coordinator=200,
                          other_coordinator=200, moderator=404, admin=200),
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_pages(client, login_as, who, path, role_index):
    login_as(who(ROLES[role_index]))
    check(client.get(path), PAGES[path][role_index])


@pytest.fixture
def pending(world, make_user, make_membership):
    return make_membership(make_user(display_name="Zeynep Kılıç"), world.p, world.town_a,
                           status="pending")


@pytest.fixture
def staff_id(world, membership_of):
    return membership_of(world.staff, world.p).id


MANAGE = expect(visitor="login", citizen=404, staff=403, coordinator=303, other_coordinator=403,
                moderator=404, admin=303)


@pytest.mark.parametrize("action", ["approve", "decline"])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_deciding_requests(client, login_as, who, pending, membership_of, world, action,
                           role_index):
    user = pending.user
    login_as(who(ROLES[role_index]))
    expected = MANAGE[role_index]
    check(client.post(f"{P}/members/{pending.id}/{action}"), expected)
    m = membership_of(user, world.p)
    if expected == 303:
        assert (m is None) if action == "decline" else (m.status == "active")
    else:
        assert m.status == "pending"


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_changing_roles(client, login_as, who, staff_id, membership_of, world, role_index):
    login_as(who(ROLES[role_index]))
    expected = MANAGE[role_index]
    check(client.post(f"{P}/members/{staff_id}/role", data={"role": "coordinator"}), expected)
    role = membership_of(world.staff, world.p).role
    assert role == ("coordinator" if expected == 303 else "staff")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_removing_members(client, login_as, who, staff_id, membership_of, world, role_index):
    login_as(who(ROLES[role_index]))
    expected = MANAGE[role_index]
    check(client.post(f"{P}/members/{staff_id}/remove"), expected)
    assert (membership_of(world.staff, world.p) is None) == (expected == 303)


INVITE = expect(visitor="login", citizen=404, staff=403, coordinator=303, other_coordinator=403,
                moderator=404, admin=303)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_inviting_for_town_a(client, login_as, who, world, outbox, role_index):
    login_as(who(ROLES[role_index]))
    response = client.post(f"{P}/invite", data={"email": "nikos@example.gr",
                                                "town": world.town_a.id, "role": "staff"})
    expected = INVITE[role_index]
    if ROLES[role_index] == "other_coordinator":
        expected = 422  # may invite, but only for Darmstadt: the town field is refused
    check(response, expected)
    assert len(outbox(to="nikos@example.gr")) == (1 if expected == 303 else 0)


JOIN = expect(visitor="login", citizen=303, staff=303, coordinator=303, other_coordinator=303,
              moderator=303, admin=303)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_joining(client, login_as, who, world, membership_of, role_index):
    role = ROLES[role_index]
    user = login_as(who(role))
    check(client.post(f"{P}/join", data={"town": world.town_a.id}), JOIN[role_index])
    if role in ("citizen", "moderator", "admin"):
        assert membership_of(user, world.p).status == "pending"
    elif user is not None:
        assert membership_of(user, world.p).status == "active"  # members: nothing changes


# Each coordinator here is their town's only one: they may not leave (409, test_last_coordinator).
LEAVE = expect(visitor="login", citizen=403, staff=303, coordinator=409, other_coordinator=409,
               moderator=403, admin=403)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_leaving(client, login_as, who, world, membership_of, role_index):
    user = login_as(who(ROLES[role_index]))
    check(client.post(f"{P}/leave"), LEAVE[role_index])
    if user is not None and LEAVE[role_index] != 409:
        assert membership_of(user, world.p) is None


@pytest.mark.parametrize("role", ROLES)
def test_accepting_an_invitation(client, login_as, who, world, outbox, membership_of, role):
    login_as(world.admin)
    client.post(f"{P}/invite", data={"email": "x@example.org", "town": world.town_b.id,
                                      "role": "staff"})
    link = link_from(outbox(to="x@example.org")[0].body_text, "/invite/")
    user = login_as(who(role))
    assert client.get(link).status_code == 200
    response = client.post(link)
    if user is None:
        check(response, "login")
    else:
        check(response, 303)
        m = membership_of(user, world.p)
        assert (m.status, m.town_id) == ("active", world.town_b.id)


@pytest.mark.parametrize("role", ["visitor", "citizen", "staff", "coordinator", "moderator"])
def test_hidden_partnership_answers_404_everywhere(client, login_as, who, make_partnership,
                                                   make_user, make_membership, role):
    p = make_partnership(slug="proposal", status="proposed")
    pending = make_membership(make_user(), p, status="pending")
    login_as(who(role))
    for method, path in [
        ("get", "/p/proposal"), ("post", "/p/proposal/join"), ("post", "/p/proposal/leave"),
        ("get", "/p/proposal/members"), ("get", "/p/proposal/invite"),
        ("post", f"/p/proposal/members/{pending.id}/approve"),
    ]:
        assert getattr(client, method)(path).status_code == 404, (method, path)

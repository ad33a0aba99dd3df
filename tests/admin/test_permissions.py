"""Who may use the administration and who may propose a partnership."""

from __future__ import annotations

import pytest

from tests.admin.conftest import ROLES
from tests.helpers import said, said_by_template

ADMIN_PAGES = [
    "/admin/",
    "/admin/towns",
    "/admin/towns/new",
    "/admin/towns/{town}/edit",
    "/admin/partnerships",
    "/admin/partnerships?status=proposed",
    "/admin/partnerships/new",
    "/admin/partnerships/{p}/edit",
    "/admin/partnerships/{proposal}/edit",
    "/admin/users",
]

ADMIN_ACTIONS = [
    ("/admin/towns/new", {"native_name": "Gaziantep", "country": "TR"}),
    ("/admin/towns/{town}/edit", {"native_name": "Gaziantep", "country": "TR"}),
    ("/admin/partnerships/new", {"name": "Gaziantep – Plovdiv", "status": "active"}),
    ("/admin/partnerships/{p}/edit", {"name": "Renamed", "status": "ended"}),
    ("/admin/partnerships/{proposal}/approve", {}),
    ("/admin/partnerships/{proposal}/decline", {"reason": "Nein"}),
    ("/admin/partnerships/{p}/coordinators", {"email": "admin@example.org", "town": "{town}"}),
    ("/admin/users/{user}/role", {"role": "admin"}),
]


def _fill(template: str, world) -> str:
    return template.format(
        town=world.sahinbey.id, p=world.p.id, proposal=world.proposal.id, user=world.citizen.id
    )


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages(client, world, who, login_as, role, path):
    login_as(who(role))
    response = client.get(_fill(path, world))
    if role == "visitor":
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/login")
    elif role == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("path, data", ADMIN_ACTIONS)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_admin_actions_refused(client, db, world, who, login_as, audit, outbox, role, path, data):
    login_as(who(role))
    data = {key: _fill(value, world) for key, value in data.items()}
    response = client.post(_fill(path, world), data=data)
    if role == "visitor":
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == 403
    db.session.expire_all()
    assert world.proposal.status == "proposed"
    assert world.p.name == "Şahinbey – Θεσσαλονίκη"
    assert world.citizen.site_role == "user"
    assert audit() == []
    assert outbox() == []


def test_admin_pages_for_htmx_visitor_use_client_redirect(client, world):
    response = client.htmx_get("/admin/")
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/login")


def test_admin_link_only_in_admins_navigation(client, world, login_as):
    login_as(world.moderator)
    assert 'href="/admin/"' not in client.get("/").get_data(as_text=True)
    login_as(world.admin)
    assert 'href="/admin/"' in client.get("/").get_data(as_text=True)


def test_admin_actions_need_csrf_token(client, db, as_admin, world):
    response = client.post(f"/admin/partnerships/{world.proposal.id}/approve", csrf=False)
    assert response.status_code == 400
    db.session.expire_all()
    assert world.proposal.status == "proposed"


@pytest.mark.parametrize("role", ROLES)
def test_propose_page(client, world, who, login_as, role):
    user = login_as(who(role))
    response = client.get("/partnerships/propose")
    if role == "visitor":
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/login")
    elif role == "unverified":
        assert response.status_code == 403
        assert said(user.locale, "Please confirm your e-mail address before you propose a "
                    "partnership: open the link we sent you by e-mail.") in (
            response.get_data(as_text=True)
        )
    else:
        assert response.status_code == 200
        assert said_by_template(user.locale, "Propose a partnership") in (
            response.get_data(as_text=True)
        )


def test_suspended_user_cannot_propose(client, db, world, login_as):
    from datetime import timedelta

    from hub.db import utcnow

    world.citizen.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    login_as(world.citizen)
    response = client.get("/partnerships/propose")
    assert response.status_code == 403
    assert said(world.citizen.locale, "Your account is suspended, so you cannot propose a "
                "partnership now.") in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["visitor", "unverified"])
def test_refused_proposal_stores_nothing(client, db, world, who, login_as, role):
    from sqlalchemy import func, select

    from hub.partnerships.models import Partnership

    login_as(who(role))
    before = db.session.scalar(select(func.count()).select_from(Partnership))
    response = client.post("/partnerships/propose", data={
        "name": "Nilüfer – Plovdiv", "towns": [world.nilufer.id, world.plovdiv.id],
    })
    assert response.status_code in {303, 403}
    assert db.session.scalar(select(func.count()).select_from(Partnership)) == before

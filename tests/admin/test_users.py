"""Admins find people and change their site role, but never their own."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from sqlalchemy import select

from hub.accounts.models import User
from tests.helpers import said_by_template


def role_of(db, user) -> str:
    db.session.expire_all()
    return db.session.scalar(select(User.site_role).where(User.id == user.id))


def test_user_list_shows_role_and_account_state(client, db, world, login_as):
    from datetime import timedelta

    from flask_babel import force_locale, format_date

    from hub.db import utcnow

    world.citizen.suspended_until = utcnow() + timedelta(days=7)
    db.session.commit()
    reader = login_as(world.admin).locale
    html = client.get("/admin/users").get_data(as_text=True)
    for person in ("Ayşe Yılmaz", "Νίκος Παπαδόπουλος", "Иван Петров", "Gülşen Öztürk"):
        assert person in html
    assert said_by_template(reader, "not confirmed") in html
    with force_locale(reader):
        until = format_date(world.citizen.suspended_until)
    assert said_by_template(reader, "suspended until %(date)s", date=until) in html
    assert f'action="/admin/users/{world.citizen.id}/role"' in html
    # No role form for oneself.
    assert f'action="/admin/users/{world.admin.id}/role"' not in html
    assert said_by_template(reader, "(you)") in html


def test_user_search_by_name_and_email(client, world, login_as):
    login_as(world.admin)
    html = client.get("/admin/users?q=Петров").get_data(as_text=True)
    assert "Иван Петров" in html and "Ayşe Yılmaz" not in html
    html = client.get("/admin/users?q=example.bg").get_data(as_text=True)
    assert "Иван Петров" in html and "Ayşe Yılmaz" not in html
    html = client.get("/admin/users?q=%25").get_data(as_text=True)
    assert said_by_template(world.admin.locale, "Nobody matches “%(search)s”.", search="%") in html


def test_user_list_paginates_by_25(client, login_as, make_user):
    admin = make_user(display_name="Aaa Admin", site_role="admin")
    for n in range(30):
        make_user(f"kisi{n:02d}@example.org", display_name=f"Kişi {n:02d}")
    login_as(admin)
    first = client.get("/admin/users").get_data(as_text=True)
    assert said_by_template(admin.locale, "%(num)d person", "%(num)d people", 31) in first
    assert "Kişi 23" in first and "Kişi 24" not in first
    second = client.get("/admin/users?page=2").get_data(as_text=True)
    assert "Kişi 24" in second and "Kişi 29" in second and "Kişi 23" not in second
    assert client.get("/admin/users?page=99").status_code == 200


def test_user_list_fragment_for_htmx(client, world, login_as):
    login_as(world.admin)
    response = client.htmx_get("/admin/users?q=Ayşe")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="user-results"' in html and "Ayşe Yılmaz" in html
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/admin/users?q=Ayşe").get_data(as_text=True)
    assert "<html" in full and 'id="user-results"' in full


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_admin_changes_site_role(client, db, world, login_as, outbox, audit, role):
    login_as(world.admin)
    response = client.post(f"/admin/users/{world.coordinator.id}/role",
                           data={"role": role, "next": "/admin/users?q=Νίκος"})
    assert response.status_code == 303
    assert unquote(response.headers["Location"]) == "/admin/users?q=Νίκος"
    assert role_of(db, world.coordinator) == role
    [row] = audit("user.set_role")
    assert row.target_id == world.coordinator.id
    assert row.target_label == "Νίκος Παπαδόπουλος"
    assert row.reason == f"user → {role}"
    assert row.actor_id == world.admin.id
    [mail] = outbox(world.coordinator.email)
    assert mail.locale == "el"
    assert "Νίκος Παπαδόπουλος" in mail.body_text


def test_admin_demotes_another_admin(client, db, world, login_as, make_user):
    other = make_user(display_name="Zweite Admin", site_role="admin")
    login_as(world.admin)
    assert client.post(f"/admin/users/{other.id}/role", data={"role": "user"}).status_code == 303
    assert role_of(db, other) == "user"


def test_admin_cannot_change_own_role(client, db, world, login_as, outbox, audit):
    login_as(world.admin)
    response = client.post(f"/admin/users/{world.admin.id}/role", data={"role": "user"})
    assert response.status_code == 403
    assert role_of(db, world.admin) == "admin"
    assert outbox() == [] and audit() == []


def test_unknown_role_is_refused(client, db, world, login_as, audit):
    login_as(world.admin)
    response = client.post(f"/admin/users/{world.citizen.id}/role", data={"role": "superuser"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="role-{world.citizen.id}-error"' in html
    assert role_of(db, world.citizen) == "user"
    assert audit() == []


def test_same_role_changes_nothing(client, db, world, login_as, outbox, audit):
    login_as(world.admin)
    response = client.post(f"/admin/users/{world.citizen.id}/role", data={"role": "user"})
    assert response.status_code == 303
    assert outbox() == [] and audit() == []


def test_foreign_next_is_ignored(client, world, login_as):
    login_as(world.admin)
    response = client.post(f"/admin/users/{world.citizen.id}/role",
                           data={"role": "moderator", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/admin/users"


def test_unknown_user_is_404(client, world, login_as):
    login_as(world.admin)
    assert client.post("/admin/users/9999/role", data={"role": "user"}).status_code == 404

"""The audit log: written by every admin action, never changed or deleted."""

from __future__ import annotations

import pytest

from hub.moderation.models import ModerationAction
from hub.moderation.services import record_action
from tests.helpers import said


def test_record_action_copies_actor_and_target(db, make_user):
    actor = make_user(display_name="Şule Çelik")
    row = record_action(actor, "town.update", "town", 7, "Θεσσαλονίκη", reason="typo",
                        partnership_id=3)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(ModerationAction, row.id)
    assert (stored.actor_id, stored.actor_name) == (actor.id, "Şule Çelik")
    assert (stored.action, stored.target_type, stored.target_id) == ("town.update", "town", 7)
    assert (stored.target_label, stored.reason, stored.partnership_id) == ("Θεσσαλονίκη", "typo", 3)
    assert stored.created_at.tzinfo is not None


def test_record_action_without_actor_is_the_system(db):
    row = record_action(None, "user.purge", "user", 1, "Иван")
    assert (row.actor_id, row.actor_name) == (None, "system")


def test_record_action_flushes_but_does_not_commit(db, make_user):
    actor = make_user()
    record_action(actor, "town.create", "town", 1, "Bursa")
    db.session.rollback()
    assert db.session.query(ModerationAction).count() == 0


def test_audit_rows_cannot_be_changed(db, make_user):
    row = record_action(make_user(), "user.set_role", "user", 1, "Ayşe", reason="user → admin")
    db.session.commit()
    row.reason = "nothing happened"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_audit_rows_cannot_be_deleted(db, make_user):
    row = record_action(make_user(), "partnership.decline", "partnership", 1, "Пловдив")
    db.session.commit()
    db.session.delete(row)
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    assert db.session.query(ModerationAction).count() == 1


def test_every_admin_action_is_logged(client, db, world, login_as, audit):
    login_as(world.admin)
    client.post("/admin/towns/new", data={"native_name": "Ağrı", "country": "TR"})
    client.post(f"/admin/towns/{world.nilufer.id}/edit",
                data={"native_name": "Nilüfer", "country": "TR", "population": "500000"})
    client.post("/admin/partnerships/new", data={
        "name": "Ağrı – Пловдив", "towns": [world.nilufer.id, world.plovdiv.id],
        "status": "active",
    })
    client.post(f"/admin/partnerships/{world.p.id}/edit", data={
        "name": "Şahinbey – Θεσσαλονίκη", "towns": [world.sahinbey.id, world.thessaloniki.id],
        "status": "dormant",
    })
    client.post(f"/admin/partnerships/{world.p.id}/coordinators",
                data={"email": world.citizen.email, "town": world.sahinbey.id})
    client.post(f"/admin/users/{world.citizen.id}/role", data={"role": "moderator"})
    client.post(f"/admin/partnerships/{world.proposal.id}/approve")
    assert [row.action for row in audit()] == [
        "town.create",
        "town.update",
        "partnership.create",
        "partnership.update",
        "membership.appoint_coordinator",
        "user.set_role",
        "partnership.approve",
    ]
    assert {row.actor_name for row in audit()} == {"Admin Ana"}
    html = client.get("/admin/").get_data(as_text=True)
    for label in ("Town added", "Town changed", "Partnership added", "Partnership changed",
                  "Coordinator appointed", "Site role changed", "Proposal approved"):
        assert said(world.admin.locale, label) in html


def test_admin_home_shows_only_the_last_20_entries(client, db, world, login_as):
    for n in range(25):
        record_action(world.admin, "town.update", "town", n, f"Köy {n:02d}")
    db.session.commit()
    login_as(world.admin)
    html = client.get("/admin/").get_data(as_text=True)
    assert "Köy 24" in html and "Köy 05" in html
    assert "Köy 04" not in html

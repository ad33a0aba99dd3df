"""Admins add and edit partnerships, and appoint coordinators."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from hub.partnerships.models import Membership, Partnership
from tests.admin.helpers import INVALID_CHOICE, refusal
from tests.helpers import said, said_by_template


def partnership_form(towns, **overrides) -> dict:
    data = {
        "name": "Şahinbey – Θεσσαλονίκη – Пловдив",
        "towns": [t.id for t in towns],
        "description": "**Üç şehir**, one network: Ελληνικά, Български, Türkçe.",
        "description_language": "tr",
        "founded_on": "2004-06-18",
        "status": "active",
        "themes": ["environment", "intercultural"],
        "activity_types": ["study_visits", "personnel_exchange"],
        "working_languages": ["tr", "el", "bg", "en"],
    }
    data.update(overrides)
    return data


def count_partnerships(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Partnership))


def by_slug(db, slug) -> Partnership | None:
    db.session.expire_all()
    return db.session.scalar(select(Partnership).where(Partnership.slug == slug))


def test_new_partnership_form(client, world, as_admin):
    html = client.get("/admin/partnerships/new").get_data(as_text=True)
    assert "Θεσσαλονίκη (Thessaloniki) · Greece" in html
    assert '<fieldset class="checkbox-grid"' in html
    assert said(as_admin.locale, "Protection of the environment") in html
    assert '<option value="proposed"' not in html


def test_admin_adds_partnership(client, db, world, as_admin, audit):
    towns = [world.sahinbey, world.thessaloniki, world.plovdiv]
    response = client.post("/admin/partnerships/new", data=partnership_form(towns))
    assert response.status_code == 303
    p = by_slug(db, "sahinbey-thessaloniki-plovdiv")
    assert p is not None
    assert response.headers["Location"] == f"/admin/partnerships/{p.id}/edit"
    assert p.name == "Şahinbey – Θεσσαλονίκη – Пловдив"
    assert p.towns == towns
    assert p.status == "active" and p.approved_at is not None
    assert p.founded_on == date(2004, 6, 18)
    assert p.themes == ["environment", "intercultural"]
    assert p.working_languages == ["tr", "el", "bg", "en"]
    assert p.proposed_by_id is None
    [row] = audit("partnership.create")
    assert (row.target_id, row.partnership_id, row.target_label) == (p.id, p.id, p.name)


def test_duplicate_name_gets_unique_slug(client, db, world, as_admin):
    data = partnership_form([world.plovdiv, world.nilufer], name="Şahinbey – Θεσσαλονίκη")
    assert client.post("/admin/partnerships/new", data=data).status_code == 303
    assert by_slug(db, "sahinbey-thessaloniki-2").towns == [world.plovdiv, world.nilufer]


@pytest.mark.parametrize(
    "overrides, field, source, message, values",
    [
        ({"towns": "one"}, "towns", "hub", "A partnership needs at least two different towns.",
         {}),
        ({"towns": "none"}, "towns", "hub", "A partnership needs at least two different towns.",
         {}),
        ({"towns": "same"}, "towns", "hub",
         "Each town can take part only once. Choose different towns.", {}),
        ({"towns": "unknown"}, "towns", "hub", "Choose towns from the list.", {}),
        ({"founded_on": (date.today() + timedelta(days=2)).isoformat()}, "founded_on", "hub",
         "The founding date cannot be in the future.", {}),
        ({"founded_on": "18.06.2004"}, "founded_on", "wtforms", "Not a valid date value.", {}),
        ({"name": "   "}, "name", "wtforms", "This field is required.", {}),
        ({"status": "proposed"}, "status", "wtforms", "Not a valid choice.", {}),
        ({"themes": ["environment", "astrology"]}, "themes", "wtforms", INVALID_CHOICE,
         {"value": "astrology"}),
        ({"working_languages": ["tlh"]}, "working_languages", "wtforms", INVALID_CHOICE,
         {"value": "tlh"}),
    ],
)
def test_bad_partnership_input_is_refused(client, db, world, as_admin, audit,
                                          overrides, field, source, message, values):
    towns = {
        "one": [world.plovdiv.id],
        "none": [],
        "same": [world.plovdiv.id, world.plovdiv.id],
        "unknown": [world.plovdiv.id, 9999],
    }
    if "towns" in overrides:
        overrides = {"towns": towns[overrides["towns"]]}
    before = count_partnerships(db)
    data = partnership_form([world.plovdiv, world.nilufer], name="Пловдив – Nilüfer – Ağrı")
    data.update(overrides)
    response = client.post("/admin/partnerships/new", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert refusal(as_admin.locale, source, message, **values) in html
    assert f'id="{field}-error"' in html
    if field != "name":
        assert 'value="Пловдив – Nilüfer – Ağrı"' in html
    assert "**Üç şehir**, one network" in html
    assert count_partnerships(db) == before
    assert audit() == []


def test_admin_edits_partnership(client, db, world, as_admin, audit):
    p = world.p
    page = client.get(f"/admin/partnerships/{p.id}/edit").get_data(as_text=True)
    assert 'value="Şahinbey – Θεσσαλονίκη"' in page
    assert said_by_template(as_admin.locale, "Appoint a coordinator") in page
    data = partnership_form(
        [world.sahinbey, world.thessaloniki, world.plovdiv],
        name="Şahinbey – Θεσσαλονίκη – Пловдив", status="dormant", themes=["crisis_management"],
    )
    response = client.post(f"/admin/partnerships/{p.id}/edit", data=data)
    assert response.status_code == 303
    db.session.expire_all()
    assert p.name == "Şahinbey – Θεσσαλονίκη – Пловдив"
    assert p.slug == "sahinbey-thessaloniki"
    assert p.status == "dormant"
    assert p.themes == ["crisis_management"]
    assert p.towns == [world.sahinbey, world.thessaloniki, world.plovdiv]
    assert [r.action for r in audit()] == ["partnership.update"]


def test_town_without_members_can_be_removed(client, db, world, as_admin, make_partnership):
    p = make_partnership([world.sahinbey, world.plovdiv, world.nilufer], name="Üçlü")
    data = partnership_form([world.sahinbey, world.plovdiv], name="Üçlü")
    assert client.post(f"/admin/partnerships/{p.id}/edit", data=data).status_code == 303
    db.session.expire_all()
    assert p.towns == [world.sahinbey, world.plovdiv]


def test_town_with_members_cannot_be_removed(client, db, world, as_admin, audit):
    p = world.p
    # Şahinbey still has a staff member; swap it for Plovdiv.
    data = partnership_form([world.thessaloniki, world.plovdiv], name="Θεσσαλονίκη – Пловдив")
    response = client.post(f"/admin/partnerships/{p.id}/edit", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert said(as_admin.locale, "%(town)s cannot be removed: %(num)d member still represents it.",
                "%(town)s cannot be removed: %(num)d members still represent it.", 1,
                town="Şahinbey") in html
    assert 'id="towns-error"' in html
    assert 'value="Θεσσαλονίκη – Пловдив"' in html
    db.session.expire_all()
    assert p.name == "Şahinbey – Θεσσαλονίκη"
    assert p.towns == [world.sahinbey, world.thessaloniki]
    assert audit() == []


def test_edit_proposal_has_no_status_and_keeps_it_proposed(client, db, world, as_admin):
    p = world.proposal
    page = client.get(f"/admin/partnerships/{p.id}/edit").get_data(as_text=True)
    assert 'name="status"' not in page
    assert said_by_template(as_admin.locale, "Approve the proposal") in page
    data = partnership_form([world.plovdiv, world.nilufer], name="Пловдив – Нилюфер",
                            status="active")
    assert client.post(f"/admin/partnerships/{p.id}/edit", data=data).status_code == 303
    db.session.expire_all()
    assert p.name == "Пловдив – Нилюфер"
    assert p.status == "proposed"


def test_partnership_list_shows_proposals_first(client, world, as_admin):
    html = client.get("/admin/partnerships").get_data(as_text=True)
    assert html.index("Пловдив – Nilüfer") < html.index("Şahinbey – Θεσσαλονίκη")
    html = client.get("/admin/partnerships?status=active").get_data(as_text=True)
    assert "Пловдив – Nilüfer" not in html and "Şahinbey – Θεσσαλονίκη" in html
    fragment = client.htmx_get("/admin/partnerships?q=Пловдив").get_data(as_text=True)
    assert "<html" not in fragment and "Пловдив – Nilüfer" in fragment


def test_partnership_list_has_no_n_plus_one(client, world, as_admin, make_partnership,
                                            count_queries):
    client.get("/admin/partnerships")
    with count_queries() as few:
        client.get("/admin/partnerships")
    for n in range(6):
        make_partnership([world.plovdiv, world.nilufer], name=f"Ağ {n}")
    client.get("/admin/partnerships")
    with count_queries() as many:
        client.get("/admin/partnerships")
    assert many.count == few.count


def test_edit_unknown_partnership_is_404(client, world, as_admin):
    assert client.get("/admin/partnerships/9999/edit").status_code == 404
    assert client.post("/admin/partnerships/9999/approve").status_code == 404


# --- coordinators ---------------------------------------------------------------------------

def membership_of(db, user, p) -> Membership | None:
    db.session.expire_all()
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.partnership_id == p.id)
    )


def test_admin_appoints_new_coordinator(client, db, world, as_admin, audit, outbox):
    p = world.p
    response = client.post(f"/admin/partnerships/{p.id}/coordinators", data={
        "email": "  ADMIN@example.org ", "town": world.sahinbey.id,
    })
    assert response.status_code == 303
    m = membership_of(db, world.admin, p)
    assert (m.role, m.status, m.town_id) == ("coordinator", "active", world.sahinbey.id)
    [row] = audit("membership.appoint_coordinator")
    assert row.partnership_id == p.id and row.target_id == m.id
    assert "Şahinbey" in row.target_label
    [mail] = outbox("admin@example.org")
    assert mail.locale == "tr"
    assert "http://hub.test/p/sahinbey-thessaloniki" in mail.body_text
    assert "Şahinbey" in mail.body_text
    page = client.get(f"/admin/partnerships/{p.id}/edit").get_data(as_text=True)
    assert "Admin Ana" in page


def test_appointing_changes_existing_membership(client, db, world, as_admin):
    p = world.p
    response = client.post(f"/admin/partnerships/{p.id}/coordinators", data={
        "email": world.staff.email, "town": world.thessaloniki.id,
    })
    assert response.status_code == 303
    m = membership_of(db, world.staff, p)
    assert (m.role, m.status, m.town_id) == ("coordinator", "active", world.thessaloniki.id)
    assert db.session.scalar(
        select(func.count()).select_from(Membership).where(Membership.user_id == world.staff.id)
    ) == 1


@pytest.mark.parametrize(
    "email, town, field, source, message",
    [
        ("nobody@example.org", "sahinbey", "email", "hub",
         "No account uses this e-mail address."),
        ("not-an-address", "sahinbey", "email", "wtforms", "Invalid email address."),
        ("", "sahinbey", "email", "wtforms", "This field is required."),
        ("jurgen", "plovdiv", "town", "hub", "Choose one of this partnership's towns."),
    ],
)
def test_bad_appointment_is_refused(client, db, world, as_admin, audit, outbox,
                                    email, town, field, source, message):
    p = world.p
    if email == "jurgen":
        email = world.citizen.email
    response = client.post(f"/admin/partnerships/{p.id}/coordinators", data={
        "email": email, "town": getattr(world, town).id,
    })
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert refusal(as_admin.locale, source, message) in html
    assert f'id="{field}-error"' in html
    # The partnership's own form is shown unchanged, not filled from the appointment.
    assert 'value="Şahinbey – Θεσσαλονίκη"' in html
    assert membership_of(db, world.citizen, p) is None
    assert audit() == []
    assert outbox() == []

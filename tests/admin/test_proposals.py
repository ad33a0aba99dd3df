"""Proposing a partnership, and the admin's approval or refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from hub.partnerships.models import Membership, Partnership, PartnershipTown
from tests.helpers import said, said_by_template, said_by_wtforms, said_in_text


def proposal_form(towns, **overrides) -> dict:
    data = {
        "name": "Nilüfer – Θεσσαλονίκη",
        "towns": [t.id for t in towns],
        "description": "Kardeş şehirler since 1998 — Αδελφοποίηση.",
        "description_language": "tr",
        "founded_on": "1998-09-01",
        "themes": ["intercultural"],
        "activity_types": ["regular_events"],
        "working_languages": ["tr", "el"],
    }
    data.update(overrides)
    return data


def by_slug(db, slug) -> Partnership | None:
    db.session.expire_all()
    return db.session.scalar(select(Partnership).where(Partnership.slug == slug))


def membership_of(db, user, p) -> Membership | None:
    db.session.expire_all()
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.partnership_id == p.id)
    )


def test_propose_form_preselects_own_town_and_has_no_status(client, world, login_as):
    login_as(world.staff)
    html = client.get("/partnerships/propose").get_data(as_text=True)
    assert f'<option selected value="{world.sahinbey.id}">' in html or (
        f'<option value="{world.sahinbey.id}" selected' in html
    )
    assert 'name="status"' not in html
    assert 'name="slug"' not in html


def test_citizen_proposes_and_every_admin_hears_in_their_language(
    client, db, world, login_as, make_user, outbox, audit
):
    second_admin = make_user("admin2@example.gr", display_name="Ελένη", site_role="admin",
                             locale="el")
    proposer = world.citizen
    proposer.town = world.nilufer
    proposer.locale = "en"
    db.session.commit()
    login_as(proposer)
    response = client.post("/partnerships/propose",
                           data=proposal_form([world.nilufer, world.thessaloniki]))
    assert response.status_code == 303
    assert response.headers["Location"] == "/p/nilufer-thessaloniki"
    p = by_slug(db, "nilufer-thessaloniki")
    assert p.status == "proposed"
    assert p.approved_at is None
    assert p.proposed_by_id == proposer.id
    assert p.towns == [world.nilufer, world.thessaloniki]
    assert p.description.startswith("Kardeş şehirler")
    mails = {m.recipient: m for m in outbox()}
    assert set(mails) == {world.admin.email, second_admin.email}
    assert mails[world.admin.email].locale == "tr"
    assert mails[second_admin.email].locale == "el"
    for mail in mails.values():
        assert "Nilüfer – Θεσσαλονίκη" in mail.subject
        assert "http://hub.test/admin/" in mail.body_text
        assert "Θεσσαλονίκη" in mail.body_text and "Jürgen Groß" in mail.body_text
    assert audit() == []
    # The proposer sees the flash on the next page.
    assert said(proposer.locale, "Thank you! Your proposal was sent to the administrators. It "
                "becomes public once they approve it.") in client.get("/").get_data(as_text=True)


def test_admin_proposing_does_not_mail_themselves(client, db, world, login_as, outbox):
    login_as(world.admin)
    response = client.post("/partnerships/propose",
                           data=proposal_form([world.nilufer, world.plovdiv]))
    assert response.status_code == 303
    assert outbox() == []
    assert by_slug(db, "nilufer-thessaloniki").status == "proposed"


@pytest.mark.parametrize(
    "overrides, source, message",
    [
        ({"towns": "one"}, "hub", "A partnership needs at least two different towns."),
        ({"towns": "same"}, "hub", "Each town can take part only once. Choose different towns."),
        ({"founded_on": (date.today() + timedelta(days=1)).isoformat()}, "hub",
         "The founding date cannot be in the future."),
        ({"name": ""}, "wtforms", "This field is required."),
    ],
)
def test_bad_proposal_is_refused(client, db, world, login_as, outbox, overrides, source,
                                 message):
    reader = login_as(world.moderator).locale
    towns = {"one": [world.nilufer.id], "same": [world.nilufer.id, world.nilufer.id]}
    if "towns" in overrides:
        overrides = {"towns": towns[overrides["towns"]]}
    before = db.session.scalar(select(func.count()).select_from(Partnership))
    data = proposal_form([world.nilufer, world.thessaloniki])
    data.update(overrides)
    response = client.post("/partnerships/propose", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert (said if source == "hub" else said_by_wtforms)(reader, message) in html
    assert "Kardeş şehirler since 1998 — Αδελφοποίηση." in html
    assert db.session.scalar(select(func.count()).select_from(Partnership)) == before
    assert outbox() == []


def test_pending_proposal_on_admin_home(client, world, login_as):
    reader = login_as(world.admin).locale
    html = client.get("/admin/").get_data(as_text=True)
    assert said_by_template(reader, "Proposals awaiting approval") in html
    assert "Пловдив – Nilüfer" in html
    assert "Иван Петров" in html
    assert f'action="/admin/partnerships/{world.proposal.id}/approve"' in html
    # The figures
    assert said_by_template(reader, "Partnerships: %(status)s",
                            status=said_in_text(reader, "Proposed")) in html


def test_approve_makes_public_and_proposer_coordinator(client, db, world, login_as, outbox, audit):
    login_as(world.admin)
    p = world.proposal
    response = client.post(f"/admin/partnerships/{p.id}/approve")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/"
    db.session.expire_all()
    assert p.status == "active"
    assert p.approved_at is not None
    m = membership_of(db, world.proposer, p)
    assert (m.role, m.status, m.town_id) == ("coordinator", "active", world.plovdiv.id)
    [mail] = outbox(world.proposer.email)
    assert mail.locale == "bg"
    assert "Пловдив – Nilüfer" in mail.subject
    assert "http://hub.test/p/plovdiv-nilufer" in mail.body_text
    assert "Пловдив" in mail.body_text
    [row] = audit("partnership.approve")
    assert (row.target_id, row.partnership_id, row.actor_name) == (p.id, p.id, "Admin Ana")
    html = client.get("/admin/").get_data(as_text=True)
    assert f'action="/admin/partnerships/{p.id}/approve"' not in html
    assert said_by_template(world.admin.locale, "No proposals are waiting.") in html
    assert said(world.admin.locale, "Proposal approved") in html


def test_approve_when_proposer_lives_elsewhere(client, db, world, login_as, make_partnership,
                                               outbox):
    p = make_partnership([world.sahinbey, world.nilufer], name="Şahinbey – Nilüfer",
                         status="proposed", proposed_by=world.proposer)
    login_as(world.admin)
    assert client.post(f"/admin/partnerships/{p.id}/approve").status_code == 303
    db.session.expire_all()
    assert p.status == "active"
    assert membership_of(db, world.proposer, p) is None
    [mail] = outbox(world.proposer.email)
    for town in (world.sahinbey, world.nilufer, world.plovdiv):
        assert said_in_text(
            world.proposer.locale, "You are the coordinator for %(town)s: you can invite your "
            "colleagues and approve their requests to join.", town=town.native_name,
        ) not in mail.body_text


def test_approve_twice_is_harmless(client, db, world, login_as, audit):
    login_as(world.admin)
    p = world.proposal
    client.post(f"/admin/partnerships/{p.id}/approve")
    response = client.post(f"/admin/partnerships/{p.id}/approve")
    assert response.status_code == 303
    assert len(audit("partnership.approve")) == 1


def test_decline_needs_a_reason(client, db, world, login_as, outbox, audit):
    login_as(world.admin)
    p = world.proposal
    response = client.post(f"/admin/partnerships/{p.id}/decline", data={"reason": "  "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="reason-error"' in html
    assert by_slug(db, "plovdiv-nilufer") is not None
    assert outbox() == [] and audit() == []


def test_decline_deletes_proposal_and_keeps_audit(client, db, world, login_as, outbox, audit):
    login_as(world.admin)
    p = world.proposal
    p_id = p.id
    reason = "Nilüfer ist bereits mit Пловдив verbunden; bitte schließen Sie sich an."
    response = client.post(f"/admin/partnerships/{p_id}/decline", data={"reason": reason})
    assert response.status_code == 303
    assert by_slug(db, "plovdiv-nilufer") is None
    assert db.session.scalar(
        select(func.count()).select_from(PartnershipTown)
        .where(PartnershipTown.partnership_id == p_id)
    ) == 0
    [mail] = outbox(world.proposer.email)
    assert mail.locale == "bg"
    assert reason in mail.body_text
    assert "http://hub.test/partnerships/propose" in mail.body_text
    [row] = audit("partnership.decline")
    assert (row.target_id, row.target_label, row.reason) == (p_id, "Пловдив – Nilüfer", reason)
    html = client.get("/admin/").get_data(as_text=True)
    assert said(world.admin.locale, "Proposal declined") in html and reason in html


def test_public_partnership_cannot_be_declined(client, db, world, login_as, audit):
    login_as(world.admin)
    response = client.post(f"/admin/partnerships/{world.p.id}/decline", data={"reason": "x"})
    assert response.status_code == 303
    assert by_slug(db, "sahinbey-thessaloniki") is not None
    assert audit() == []


def test_approve_with_htmx_redirects_on_the_client(client, world, login_as):
    login_as(world.admin)
    response = client.htmx_post(f"/admin/partnerships/{world.proposal.id}/approve")
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/admin/"

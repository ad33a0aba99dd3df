"""/p/<slug>: the public profile for outsiders, the workspace home for members."""

from __future__ import annotations

import pytest

from hub.db import utcnow
from tests.helpers import said, said_by_template

LIBRARY = "Document library"
PENDING = ("Your request to join, as a representative of %(town)s, is pending. The town's "
           "coordinators will decide on it; we will e-mail you.")


def test_visitor_sees_public_profile_with_sign_in_link(client, world):
    response = client.get("/p/nilufer-darmstadt")
    html = response.get_data(as_text=True)
    reader = "en"  # a visitor without Accept-Language
    assert response.status_code == 200
    assert "<h1>Nilüfer – Darmstadt</h1>" in html
    assert '<a href="/towns/nilufer"><span lang="tr">Nilüfer</span></a>' in html
    assert '<span lang="de">Darmstadt</span>' in html
    assert said(reader, "Protection of the environment") in html
    assert said(reader, "Inter-cultural exchange") in html
    assert said(reader, "Study visits") in html
    assert "Turkish" in html and "German" in html
    assert "May 1, 2010" in html
    assert said_by_template(reader, "%(num)s member", "%(num)s members", 3) in html
    assert 'href="/login?next=/p/nilufer-darmstadt"' in html
    assert said_by_template(reader, "Sign in to join") in html
    assert said_by_template(reader, LIBRARY) not in html
    assert 'action="/p/nilufer-darmstadt/join"' not in html


def test_description_is_rendered_from_markdown_safely(client, make_partnership):
    make_partnership(slug="md", description="**Ortak** çalışma <script>alert(1)</script>")
    html = client.get("/p/md").get_data(as_text=True)
    assert "<strong>Ortak</strong> çalışma" in html
    assert "<script>alert(1)" not in html


def test_citizen_gets_join_form_defaulting_to_own_partner_town(client, login_as, make_user, world):
    reader = login_as(make_user(town=world.town_b)).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert 'action="/p/nilufer-darmstadt/join"' in html
    assert f'value="{world.town_b.id}" checked' in html or (
        f'checked id="town-1" name="town" type="radio" value="{world.town_b.id}"' in html
    )
    assert said_by_template(reader, "Request to join") in html
    assert said_by_template(reader, LIBRARY) not in html


def test_join_form_has_no_default_when_own_town_is_not_a_partner(client, login_as, world):
    login_as(world.citizen)
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert 'action="/p/nilufer-darmstadt/join"' in html
    assert "checked" not in html.split('action="/p/nilufer-darmstadt/join"')[1].split("</form>")[0]


def test_unverified_user_is_asked_to_confirm_first(client, login_as, make_user, world):
    reader = login_as(make_user(verified=False)).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said_by_template(
        reader, "Please confirm your e-mail address before you ask to join a partnership."
    ) in html
    assert 'action="/p/nilufer-darmstadt/join"' not in html


def test_ended_partnership_takes_no_members(client, login_as, make_partnership, world):
    make_partnership(slug="ended", status="ended")
    reader = login_as(world.citizen).locale
    html = client.get("/p/ended").get_data(as_text=True)
    assert said_by_template(
        reader, "This partnership has ended and does not take new members."
    ) in html
    assert "/join" not in html


@pytest.mark.parametrize("role", ["staff", "coordinator", "other_coordinator", "admin"])
def test_members_and_admins_see_the_workspace_home(client, login_as, world, role):
    reader = login_as(getattr(world, role)).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert "<h1>Nilüfer – Darmstadt</h1>" in html
    for area in (LIBRARY, "Know-how forum", "Personnel exchange"):
        assert said_by_template(reader, area) in html
    assert said_by_template(
        reader, "The library holds the partnership's shared documents — agreements, reports, "
        "guides — with their versions and translations. There are no documents yet."
    ) in html
    assert 'href="/p/nilufer-darmstadt" aria-current="page"' in html
    assert 'href="/p/nilufer-darmstadt/members"' in html
    assert "Ayşe Yılmaz" in html and "Şule Çelik" in html and "Jürgen Groß" in html
    assert said(reader, "Coordinator") in html
    # Staff may leave; each coordinator here is their town's last one, and admins are no members.
    assert (said_by_template(reader, "Leave partnership") in html) == (role == "staff")
    assert said_by_template(reader, "Request to join") not in html


@pytest.mark.parametrize("role", ["visitor", "citizen", "moderator"])
def test_outsiders_do_not_see_the_workspace(client, login_as, who, role):
    user = login_as(who(role))
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said_by_template(user.locale if user else "en", LIBRARY) not in html
    assert "Ayşe Yılmaz" not in html


def test_pending_member_sees_profile_with_pending_notice(client, login_as, make_user,
                                                         make_membership, world):
    user = make_user()
    make_membership(user, world.p, world.town_b, status="pending")
    reader = login_as(user).locale
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert said_by_template(reader, PENDING, town="Darmstadt") in html
    assert said_by_template(reader, LIBRARY) not in html
    assert 'action="/p/nilufer-darmstadt/join"' not in html
    assert said_by_template(reader, "Withdraw my request") in html


def test_unknown_partnership_is_404(client):
    assert client.get("/p/no-such-partnership").status_code == 404


@pytest.fixture
def proposal(make_user, make_partnership):
    proposer = make_user(display_name="Proposer Pınar")
    p = make_partnership(slug="proposed-one", name="Çorum – Θεσσαλονίκη", status="proposed",
                         proposed_by=proposer)
    return p, proposer


@pytest.mark.parametrize("role", ["visitor", "citizen", "staff", "coordinator", "moderator"])
def test_proposed_partnership_is_hidden_from_others(client, login_as, who, proposal, role):
    login_as(who(role))
    assert client.get("/p/proposed-one").status_code == 404
    assert client.get("/p/proposed-one/members").status_code in (404, 303)
    assert "Çorum" not in client.get("/partnerships").get_data(as_text=True)


def test_proposed_partnership_visible_to_proposer_and_admin_with_banner(client, login_as, world,
                                                                      proposal):
    p, proposer = proposal
    for user in (proposer, world.admin):
        reader = login_as(user).locale
        response = client.get("/p/proposed-one")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert said_by_template(
            reader, "Proposed — awaiting approval. Only the person who proposed this partnership "
            "and the hub administrators can see this page."
        ) in html
        assert said_by_template(reader, LIBRARY) not in html
        assert 'action="/p/proposed-one/join"' not in html


def test_admin_cannot_open_workspace_of_proposal(client, login_as, world, proposal):
    login_as(world.admin)
    assert client.get("/p/proposed-one/members").status_code == 404


def test_suspended_user_has_no_join_form(client, login_as, make_user, world, db):
    from datetime import timedelta

    user = make_user()
    user.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    login_as(user)
    html = client.get("/p/nilufer-darmstadt").get_data(as_text=True)
    assert 'action="/p/nilufer-darmstadt/join"' not in html

"""Towns, a partnership, a proposal and people in every role, for the administration tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from hub.moderation.models import ModerationAction

ROLES = ["visitor", "unverified", "citizen", "staff", "coordinator", "moderator", "admin"]


@pytest.fixture
def world(make_town, make_user, make_partnership, make_membership):
    sahinbey = make_town("Şahinbey", country="TR", slug="sahinbey", region="Gaziantep")
    thessaloniki = make_town("Θεσσαλονίκη", latin_name="Thessaloniki", country="GR",
                             slug="thessaloniki", official_languages=["el"])
    plovdiv = make_town("Пловдив", latin_name="Plovdiv", country="BG", slug="plovdiv",
                        official_languages=["bg"])
    nilufer = make_town("Nilüfer", country="TR", slug="nilufer", region="Bursa")
    p = make_partnership([sahinbey, thessaloniki], name="Şahinbey – Θεσσαλονίκη",
                         slug="sahinbey-thessaloniki")
    staff = make_user(display_name="Ayşe Yılmaz", town=sahinbey, locale="tr")
    coordinator = make_user(display_name="Νίκος Παπαδόπουλος", town=thessaloniki, locale="el")
    make_membership(staff, p, sahinbey)
    make_membership(coordinator, p, thessaloniki, role="coordinator")
    proposer = make_user("ivan@example.bg", display_name="Иван Петров", town=plovdiv,
                         locale="bg")
    proposal = make_partnership([plovdiv, nilufer], name="Пловдив – Nilüfer",
                                slug="plovdiv-nilufer", status="proposed", proposed_by=proposer)
    return SimpleNamespace(
        p=p, proposal=proposal, proposer=proposer,
        sahinbey=sahinbey, thessaloniki=thessaloniki, plovdiv=plovdiv, nilufer=nilufer,
        staff=staff, coordinator=coordinator,
        unverified=make_user(display_name="Gülşen Öztürk", verified=False),
        citizen=make_user(display_name="Jürgen Groß", locale="de"),
        moderator=make_user(display_name="Moderator Mira", site_role="moderator"),
        admin=make_user("admin@example.org", display_name="Admin Ana", site_role="admin",
                        locale="tr"),
    )


@pytest.fixture
def who(world):
    """The person for a role name used in parametrised permission tests (None: a visitor)."""
    return lambda role: None if role == "visitor" else getattr(world, role)


@pytest.fixture
def as_admin(make_user, login_as):
    """Signed in as an admin of their own (the `world` fixture is not needed for this)."""
    return login_as(make_user("root@example.org", display_name="Yönetici Ada", site_role="admin"))


@pytest.fixture
def audit(db):
    """The audit-log rows so far, oldest first (optionally only one action)."""

    def rows(action: str | None = None) -> list[ModerationAction]:
        db.session.expire_all()
        stmt = select(ModerationAction).order_by(ModerationAction.id)
        if action:
            stmt = stmt.where(ModerationAction.action == action)
        return list(db.session.scalars(stmt))

    return rows


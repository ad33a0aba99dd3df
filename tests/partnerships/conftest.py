"""A partnership between Nilüfer (TR) and Darmstadt (DE) and the people around it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from hub.partnerships.models import Membership


@pytest.fixture
def world(make_town, make_user, make_partnership, make_membership):
    nilufer = make_town("Nilüfer", country="TR", slug="nilufer", region="Bursa", population=500_000)
    darmstadt = make_town(
        "Darmstadt", country="DE", slug="darmstadt", official_languages=["de"], population=160_000
    )
    p = make_partnership(
        [nilufer, darmstadt], name="Nilüfer – Darmstadt", slug="nilufer-darmstadt",
        themes=["environment", "intercultural"],
    )
    staff = make_user(display_name="Ayşe Yılmaz", town=nilufer, locale="tr")
    coordinator = make_user(display_name="Şule Çelik", town=nilufer, locale="tr")
    other_coordinator = make_user(display_name="Jürgen Groß", town=darmstadt, locale="de")
    make_membership(staff, p, nilufer)
    make_membership(coordinator, p, nilufer, role="coordinator")
    make_membership(other_coordinator, p, darmstadt, role="coordinator")
    return SimpleNamespace(
        p=p, town_a=nilufer, town_b=darmstadt,
        citizen=make_user(display_name="Ιωάννης Παπαδόπουλος", locale="el"),
        staff=staff, coordinator=coordinator, other_coordinator=other_coordinator,
        moderator=make_user(display_name="Moderator Mira", site_role="moderator"),
        admin=make_user(display_name="Admin Ana", site_role="admin"),
    )


@pytest.fixture
def who(world):
    """The person for a role name used in parametrised permission tests (None: a visitor)."""
    return lambda role: None if role == "visitor" else getattr(world, role)


@pytest.fixture
def membership_of(db):
    def find(user, partnership):
        db.session.expire_all()
        return db.session.scalar(
            select(Membership).where(
                Membership.user_id == user.id, Membership.partnership_id == partnership.id
            )
        )

    return find

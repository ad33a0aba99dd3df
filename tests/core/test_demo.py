"""`flask --app hub demo`: real towns, active partnerships and an account for every role."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.accounts.models import User
from hub.demo import PASSWORD
from hub.partnerships.models import Membership, Partnership
from hub.towns.models import Town


def email(name: str) -> str:
    return f"{name}@demo.twinning.example"


@pytest.fixture
def run_demo(app):
    runner = app.test_cli_runner()

    def run(*args: str):
        result = runner.invoke(args=["demo", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    db.session.expire_all()
    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row) for row in conn.execute(table.select().order_by(*table.primary_key))
            ]
            for table in db.metadata.sorted_tables
        }


def user(db, name: str) -> User:
    return db.session.scalar(select(User).where(User.email == email(name)))


def test_demo_prints_accounts_and_password(run_demo):
    output = run_demo()
    assert email("admin") in output
    assert email("staff.tr") in output
    assert f"Password for every demo account: {PASSWORD}" in output


def test_demo_twice_gives_the_same_data(run_demo, db):
    run_demo()
    first = snapshot(db)
    run_demo()
    assert snapshot(db) == first
    assert len(first["user"]) >= 10
    assert len(first["town"]) >= 8


def test_demo_towns_keep_native_names_and_facts(run_demo, db):
    run_demo()
    towns = {t.slug: t for t in db.session.scalars(select(Town))}
    expected = {
        "nilufer": ("Nilüfer", "TR", "Bursa"),
        "cankaya": ("Çankaya", "TR", "Ankara"),
        "karsiyaka": ("Karşıyaka", "TR", "İzmir"),
        "sahinbey": ("Şahinbey", "TR", "Gaziantep"),
        "darmstadt": ("Darmstadt", "DE", "Hessen"),
        "lyon": ("Lyon", "FR", "Auvergne-Rhône-Alpes"),
        "krakow": ("Kraków", "PL", "Małopolskie"),
        "thessaloniki": ("Θεσσαλονίκη", "GR", "Κεντρική Μακεδονία"),
        "plovdiv": ("Пловдив", "BG", "Пловдив"),
    }
    for slug, (native, country, region) in expected.items():
        town = towns[slug]
        assert (town.native_name, town.country, town.region) == (native, country, region)
        assert town.population and town.population > 100_000
        assert town.official_languages and town.timezone
        assert town.latitude is not None and town.longitude is not None
    assert towns["thessaloniki"].latin_name == "Thessaloniki"
    assert towns["plovdiv"].latin_name == "Plovdiv"


def test_demo_partnerships_are_active_with_members(run_demo, db):
    run_demo()
    active = db.session.scalars(select(Partnership).where(Partnership.status == "active")).all()
    assert {p.name for p in active} >= {
        "Nilüfer – Darmstadt",
        "Çankaya – Lyon – Kraków",
        "Karşıyaka – Thessaloniki",
    }
    for p in active:
        assert p.themes and p.activity_types and p.working_languages and p.founded_on
        assert p.description and p.description_language
        member_towns = {m.town.slug for m in p.memberships if m.is_active}
        assert member_towns == {t.slug for t in p.towns}, p.name


@pytest.mark.parametrize(
    "name, site_role",
    [
        ("admin", "admin"),
        ("moderator", "moderator"),
        ("coordinator.tr", "user"),
        ("coordinator.de", "user"),
        ("staff.tr", "user"),
        ("citizen", "user"),
    ],
)
def test_demo_accounts_sign_in_with_the_demo_password(run_demo, db, name, site_role):
    run_demo()
    account = user(db, name)
    assert account.site_role == site_role
    assert account.is_verified
    assert account.check_password(PASSWORD)


def test_demo_coordinators_share_one_partnership(run_demo, db):
    run_demo()
    tr = user(db, "coordinator.tr")
    de = user(db, "coordinator.de")
    staff = user(db, "staff.tr")
    memberships = {
        m.user_id: m
        for m in db.session.scalars(
            select(Membership).join(Membership.partnership).where(
                Partnership.slug == "nilufer-darmstadt"
            )
        )
    }
    assert memberships[tr.id].is_coordinator and memberships[tr.id].town.country == "TR"
    assert memberships[de.id].is_coordinator and memberships[de.id].town.country == "DE"
    assert memberships[staff.id].role == "staff" and memberships[staff.id].is_active
    assert memberships[staff.id].town == memberships[tr.id].town


def test_demo_citizen_has_no_membership(run_demo, db):
    run_demo()
    citizen = user(db, "citizen")
    mine = select(Membership).where(Membership.user_id == citizen.id)
    assert db.session.scalars(mine).all() == []


def test_demo_staff_speak_languages_with_cefr_levels(run_demo, db):
    run_demo()
    giorgos = user(db, "giorgos.papadopoulos")
    assert giorgos.display_name == "Γιώργος Παπαδόπουλος"
    assert {lang.language: lang.level for lang in giorgos.languages}["el"] == "native"
    levels = {lang.level for lang in user(db, "staff.tr").languages}
    assert levels <= {"A1", "A2", "B1", "B2", "C1", "C2", "native"}


def test_demo_if_empty_does_nothing_when_users_exist(run_demo, db, make_user):
    make_user(email="ayse@example.org", display_name="Ayşe")
    output = run_demo("--if-empty")
    assert "not loaded" in output
    assert db.session.scalars(select(Town)).all() == []
    assert len(db.session.scalars(select(User)).all()) == 1


def test_demo_if_empty_loads_into_an_empty_database(run_demo, db):
    run_demo("--if-empty")
    assert user(db, "admin").is_admin

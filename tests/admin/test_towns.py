"""Admins add and edit towns: names in every script, ASCII slugs, careful validation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub.towns.models import Town
from tests.admin.helpers import INVALID_CHOICE, refusal
from tests.helpers import said_by_template

WEB_ADDRESS = "Enter a web address starting with http:// or https://."


def town_form(**overrides) -> dict:
    data = {
        "native_name": "Şahinbey",
        "latin_name": "",
        "country": "TR",
        "region": "Gaziantep",
        "population": "640000",
        "official_languages": ["tr"],
        "website": "https://www.sahinbey.bel.tr",
        "timezone": "Europe/Istanbul",
        "latitude": "37.06",
        "longitude": "37.38",
    }
    data.update(overrides)
    return data


def count_towns(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Town))


def town_by_slug(db, slug) -> Town | None:
    db.session.expire_all()
    return db.session.scalar(select(Town).where(Town.slug == slug))


def test_new_town_form_lists_countries_in_the_readers_language(client, login_as, make_user):
    login_as(make_user(site_role="admin", locale="tr"))
    html = client.get("/admin/towns/new").get_data(as_text=True)
    assert '<option value="TR">Türkiye</option>' in html
    assert '<option value="DE">Almanya</option>' in html
    assert 'value="EU"' not in html and 'value="001"' not in html
    assert '<option value="Europe/Istanbul">' in html
    assert 'for="native_name"' in html


@pytest.mark.parametrize(
    "native, latin, country, slug, stored_latin",
    [
        ("Şahinbey", "", "TR", "sahinbey", "Şahinbey"),
        ("Θεσσαλονίκη", "Thessaloniki", "GR", "thessaloniki", "Thessaloniki"),
        ("Θεσσαλονίκη", "", "GR", "thessaloniki", "Θεσσαλονίκη"),
        ("Пловдив", "Plovdiv", "BG", "plovdiv", "Plovdiv"),
        ("Пловдив", "", "BG", "plovdiv", "Пловдив"),
        ("Kraków", "", "PL", "krakow", "Kraków"),
    ],
)
def test_admin_adds_town(client, db, as_admin, audit, native, latin, country, slug, stored_latin):
    response = client.post("/admin/towns/new", data=town_form(
        native_name=native, latin_name=latin, country=country, official_languages=["el", "bg"],
    ))
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/towns"
    town = town_by_slug(db, slug)
    assert town is not None
    assert town.native_name == native
    assert town.latin_name == stored_latin
    assert town.country == country
    assert town.population == 640000
    assert town.official_languages == ["el", "bg"]
    assert town.latitude == pytest.approx(37.06)
    rows = audit("town.create")
    assert [(r.target_id, r.actor_name) for r in rows] == [(town.id, "Yönetici Ada")]
    listing = client.get("/admin/towns").get_data(as_text=True)
    assert native in listing


def test_same_name_gets_a_numbered_slug(client, db, as_admin):
    for _ in range(2):
        assert client.post("/admin/towns/new", data=town_form()).status_code == 303
    response = client.post("/admin/towns/new", data=town_form(native_name="ŞAHİNBEY"))
    assert response.status_code == 303
    slugs = db.session.scalars(select(Town.slug).where(Town.slug.like("sahinbey%"))).all()
    assert sorted(slugs) == ["sahinbey", "sahinbey-2", "sahinbey-3"]


def test_optional_fields_may_stay_empty(client, db, world, as_admin):
    response = client.post("/admin/towns/new", data={"native_name": "Bursa", "country": "TR"})
    assert response.status_code == 303
    town = town_by_slug(db, "bursa")
    assert town.population is None and town.website is None and town.latitude is None
    assert town.official_languages == []
    assert town.timezone is None


@pytest.mark.parametrize(
    "field, value, source, message, values",
    [
        ("native_name", "", "wtforms", "This field is required.", {}),
        ("country", "", "hub", "Choose a country.", {}),
        ("country", "XX", "wtforms", "Not a valid choice.", {}),
        ("country", "EU", "wtforms", "Not a valid choice.", {}),
        ("country", "TUR", "wtforms", "Not a valid choice.", {}),
        ("website", "javascript:alert(1)", "hub", WEB_ADDRESS, {}),
        ("website", "ftp://files.sahinbey.bel.tr", "hub", WEB_ADDRESS, {}),
        ("website", "www.sahinbey.bel.tr", "hub", WEB_ADDRESS, {}),
        ("website", "https://", "hub", WEB_ADDRESS, {}),
        ("latitude", "91", "wtforms", "Number must be between %(min)s and %(max)s.",
         {"min": -90, "max": 90}),
        ("latitude", "-90.5", "wtforms", "Number must be between %(min)s and %(max)s.",
         {"min": -90, "max": 90}),
        ("latitude", "nan", "hub", "Please enter a number.", {}),
        ("latitude", "kuzey", "wtforms", "Not a valid float value.", {}),
        ("longitude", "-181", "wtforms", "Number must be between %(min)s and %(max)s.",
         {"min": -180, "max": 180}),
        ("longitude", "inf", "wtforms", "Number must be between %(min)s and %(max)s.",
         {"min": -180, "max": 180}),
        ("population", "-1", "wtforms", "Number must be at least %(min)s.", {"min": 0}),
        ("population", "çok", "wtforms", "Not a valid integer value.", {}),
        ("timezone", "Mars/Olympus", "wtforms", "Not a valid choice.", {}),
        ("official_languages", ["xx"], "wtforms", INVALID_CHOICE, {"value": "xx"}),
    ],
)
def test_bad_town_input_is_refused(client, db, as_admin, audit, field, value, source, message,
                                   values):
    before = count_towns(db)
    response = client.post("/admin/towns/new", data=town_form(**{field: value}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert refusal(as_admin.locale, source, message, **values) in html
    assert f'id="{field}-error"' in html
    assert said_by_template(as_admin.locale, "Please correct the marked fields.") in html
    # What the admin typed is still there.
    if field != "native_name":
        assert 'value="Şahinbey"' in html
    assert 'value="Gaziantep"' in html
    assert count_towns(db) == before
    assert audit() == []


def test_admin_edits_town_and_slug_stays(client, db, world, as_admin, audit):
    town = world.sahinbey
    form = client.get(f"/admin/towns/{town.id}/edit").get_data(as_text=True)
    assert 'value="Şahinbey"' in form
    assert 'value="Gaziantep" ' in form or 'value="Gaziantep">' in form
    response = client.post(f"/admin/towns/{town.id}/edit", data=town_form(
        native_name="Şahinbey Belediyesi", population="700000", website="http://sahinbey.example",
    ))
    assert response.status_code == 303
    db.session.expire_all()
    assert town.native_name == "Şahinbey Belediyesi"
    assert town.population == 700000
    assert town.website == "http://sahinbey.example"
    assert town.slug == "sahinbey"
    assert [r.target_label for r in audit("town.update")] == ["Şahinbey Belediyesi"]


def test_bad_edit_changes_nothing(client, db, world, as_admin, audit):
    town = world.thessaloniki
    response = client.post(f"/admin/towns/{town.id}/edit", data=town_form(
        native_name="Θεσσαλονίκη!", country="GR", latitude="140",
    ))
    assert response.status_code == 422
    assert 'value="Θεσσαλονίκη!"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert town.native_name == "Θεσσαλονίκη"
    assert audit() == []


def test_edit_unknown_town_is_404(client, world, as_admin):
    assert client.get("/admin/towns/9999/edit").status_code == 404


def test_town_list_searches_in_every_script(client, world, as_admin):
    html = client.get("/admin/towns?q=Θεσσαλ").get_data(as_text=True)
    assert "Θεσσαλονίκη" in html
    assert "Пловдив" not in html
    html = client.get("/admin/towns?q=plov").get_data(as_text=True)
    assert "Пловдив" in html and "Θεσσαλονίκη" not in html
    html = client.get("/admin/towns?q=BG").get_data(as_text=True)
    assert "Пловдив" in html and "Nilüfer" not in html


def test_town_list_fragment_for_htmx(client, world, as_admin):
    response = client.htmx_get("/admin/towns?q=nil")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert 'id="town-results"' in html
    assert "Nilüfer" in html
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/admin/towns?q=nil").get_data(as_text=True)
    assert "<html" in full and 'id="town-results"' in full
    boosted = client.htmx_get("/admin/towns?q=nil", boosted=True).get_data(as_text=True)
    assert "<html" in boosted


def test_town_list_paginates(client, db, as_admin, make_town):
    for n in range(55):
        make_town(f"Köy {n:02d}", slug=f"koy-{n}")
    html = client.get("/admin/towns").get_data(as_text=True)
    assert said_by_template(as_admin.locale, "%(num)d town", "%(num)d towns", 55) in html
    assert said_by_template(as_admin.locale, "Page %(page)s of %(pages)s", page=1, pages=2) in html
    assert "Köy 54" not in html
    assert "Köy 54" in client.get("/admin/towns?page=2").get_data(as_text=True)

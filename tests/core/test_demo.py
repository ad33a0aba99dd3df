"""`flask --app hub demo`: real towns, active partnerships and an account for every role."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from hub import permissions
from hub.accounts.models import User
from hub.demo import PASSWORD
from hub.forum.models import Post, PostRevision, Thread
from hub.partnerships.models import Membership, Partnership
from hub.sanitize import render_markdown
from hub.towns.models import Town
from hub.translations.demo import seed_translations
from hub.translations.glossary import mark_terms, terms_of
from hub.translations.models import ContentTranslation, GlossaryTerm, source_hash
from hub.translations.targets import get_target
from tests.helpers import said_by_template


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


# --- glossaries and translations (the languages feature) ----------------------------------------


def test_demo_glossaries_name_each_term_in_every_working_language(run_demo, db):
    run_demo()
    for p in db.session.scalars(select(Partnership).where(Partnership.status == "active")):
        terms = db.session.scalars(
            select(GlossaryTerm).where(GlossaryTerm.partnership_id == p.id)).all()
        assert 6 <= len(terms) <= 10, p.name
        for term in terms:
            assert set(term.entries) == set(p.working_languages), term
            assert all(text.strip() == text and text for text in term.entries.values()), term
            assert term.search_text  # found by the glossary's search


def test_demo_posts_contain_glossary_terms(run_demo, db):
    """Posts of every active partnership show at least one term with its tooltip."""
    run_demo()
    for p in db.session.scalars(select(Partnership).where(Partnership.status == "active")):
        terms = terms_of(p.id)
        posts = db.session.scalars(
            select(Post).join(Post.thread).where(Thread.partnership_id == p.id)).all()
        marked = [post for post in posts
                  if 'class="term"' in mark_terms(render_markdown(post.body), terms)]
        assert marked, p.name
    jugendrat = _post(db, "Jugendrat gründen", 0)  # German, naming the Turkish council too
    html = mark_terms(render_markdown(jugendrat.body), terms_of(jugendrat.thread.partnership_id))
    assert '<span class="term" tabindex="0"' in html and ">Jugendrat</span>" in html
    assert "role=\"tooltip\"" in html and "youth council" in html and "gençlik meclisi" in html


def test_demo_translations_are_made_and_verified_by_members_who_read_both_languages(
    run_demo, db
):
    run_demo()
    rows = db.session.scalars(select(ContentTranslation)).all()
    assert {row.target_type for row in rows} == {
        "post", "thread", "document", "posting", "good_practice"}
    states = set()
    for row in rows:
        target = get_target(row.target_type)
        obj = target.load(row.target_id)
        original = target.text(obj, row.field)
        assert row.origin == "human" and row.text.strip() and row.text != original, row
        assert row.source_language == target.language(obj, row.field) != row.language, row
        assert permissions.can_translate(row.translator, row.source_language, row.language), row
        assert _is_active_member(db, row.translator, target.partnership_id(obj)), row
        if row.verified_by is not None:
            assert row.verified_by_id != row.translator_id, row
            assert permissions.can_translate(
                row.verified_by, row.source_language, row.language), row
        stale = row.is_out_of_date(original)
        states.add("out of date" if stale else "verified" if row.is_verified else "unverified")
        if stale:  # the original was edited after the translation: the forum kept the text
            revision = db.session.scalar(
                select(PostRevision).where(PostRevision.post_id == obj.id))
            assert row.target_type == "post" and obj.edited_at is not None
            assert source_hash(revision.body) == row.source_hash
    assert states == {"verified", "unverified", "out of date"}
    assert seed_translations() == 0  # nothing added twice


def test_demo_turkish_reader_sees_the_verified_translation_of_a_german_post(
    run_demo, db, client, login_as
):
    run_demo()
    post = _post(db, "Jugendrat gründen", 0)
    url = f"/p/nilufer-darmstadt/forum/{post.thread_id}"
    login_as(user(db, "coordinator.tr"))  # Ayşe reads Turkish (German A2 only)
    html = client.get(url).get_data(as_text=True)
    assert 'lang="tr"' in html and "Gençlik meclisi kurmak: Nilüfer nasıl başladı?" in html
    assert "Darmstadt bir <strong><span class=\"term\"" in html  # translated, term marked
    assert said_by_template("tr", "Verified translation") in html
    assert said_by_template("tr", "Show original") in html
    assert said_by_template("tr", "may be out of date") not in html
    login_as(user(db, "coordinator.de"))  # Jürgen wrote it in German: he sees his own text
    html = client.get(url).get_data(as_text=True)
    assert "Darmstadt möchte einen" in html and "Darmstadt bir" not in html


def test_demo_translations_show_on_their_pages_with_their_label(run_demo, db, client, login_as,
                                                                  app):
    """Every demo translation reaches a member who reads its language, on the content's own
    page (a posting's title is shown translated in lists only)."""
    run_demo()
    readers = {"tr": user(db, "coordinator.tr"), "de": user(db, "coordinator.de")}
    for row in db.session.scalars(select(ContentTranslation).order_by(ContentTranslation.id)):
        if (row.target_type, row.field) == ("posting", "title"):
            continue
        target = get_target(row.target_type)
        obj = target.load(row.target_id)
        with app.test_request_context():
            url = target.url(obj)
        reader = readers[row.language]
        login_as(reader)
        html = _field(client.get(url, follow_redirects=True).get_data(as_text=True), row)
        words = " ".join(re.sub(r"[*#>_-]", " ", row.text).split()[:3])
        assert words in _page_text(html), (row, words)
        label = "Verified translation" if row.is_verified else "Unverified translation"
        assert said_by_template(reader.locale, label) in html, row
        stale = said_by_template(reader.locale, "may be out of date") in html
        assert stale == row.is_out_of_date(target.text(obj, row.field)), row


def _field(html: str, row: ContentTranslation) -> str:
    """The part of a page that shows one translatable field (up to the next such field)."""
    start = html.index(f'id="tr-{row.target_type}-{row.target_id}-{row.field}"')
    end = html.find('class="translated', start)
    return html[start:end if end != -1 else len(html)]


def _page_text(html: str) -> str:
    """The words of a page, without tags and without the glossary's tooltips."""
    html = re.sub(r'<span class="term-tip"[^>]*>[^<]*</span>', " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _post(db, title_start: str, index: int) -> Post:
    thread = db.session.scalar(select(Thread).where(Thread.title.startswith(title_start)))
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()
    return posts[index]


def _is_active_member(db, person: User, partnership_id: int) -> bool:
    return db.session.scalar(select(Membership.id).where(
        Membership.user_id == person.id, Membership.partnership_id == partnership_id,
        Membership.status == "active")) is not None

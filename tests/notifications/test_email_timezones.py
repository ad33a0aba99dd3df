"""E-mails show times in the recipient's time zone, whoever sends them and from where (a
request of someone in another zone, or a job outside any request); the sender's page keeps
the sender's zone. Accounts without a zone read times in their town's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date, format_datetime
from flask import g
from flask.testing import FlaskCliRunner
from flask_babel import format_datetime as format_for_reader
from flask_login import login_user
from markupsafe import escape
from sqlalchemy import select

from hub.extensions import db as _db
from hub.forum import services as forum
from hub.forum.models import Post
from hub.i18n import as_recipient, user_timezone
from hub.notifications import services
from hub.outbox.services import queue_email
from tests import factories

# 22:30 UTC on a winter evening: 22:30 in Lisbon, 23:30 in Berlin, 01:30 the next day in Istanbul.
WHEN = datetime(2024, 1, 15, 22, 30, tzinfo=UTC)


def shown(value: datetime, locale: str, zone: str) -> str:
    """A time as the templates' `|datetime("medium")` shows it to a reader in `zone`."""
    return format_datetime(value, "medium", tzinfo=zone, locale=locale)


@pytest.fixture
def people(app):
    """Ana in Lisbon (Portuguese), Şükrü in İzmir (Turkish), Klaus in Berlin (German)."""
    lisboa = factories.town("Lisboa", country="PT", timezone="Europe/Lisbon",
                            official_languages=["pt"])
    izmir = factories.town("İzmir", latin_name="Izmir", country="TR")
    berlin = factories.town("Berlin", country="DE", timezone="Europe/Berlin",
                            official_languages=["de"])
    p = factories.partnership([izmir, lisboa, berlin], name="İzmir – Lisboa – Berlin",
                              slug="izmir-lisboa-berlin")
    ana = factories.user(display_name="Ana Conceição", locale="pt", town=lisboa,
                         email="ana@example.pt")
    sukru = factories.user(display_name="Şükrü Güneş", locale="tr", town=izmir,
                           email="sukru@example.org")
    klaus = factories.user(display_name="Klaus Müller", locale="de", town=berlin,
                           email="klaus@example.de")
    ana.timezone, sukru.timezone = "Europe/Lisbon", "Europe/Istanbul"
    klaus.timezone = "Europe/Berlin"
    for user, town in ((ana, lisboa), (sukru, izmir), (klaus, berlin)):
        factories.membership(user, p, town)
    _db.session.commit()
    return p, ana, sukru, klaus


def waiting_for_digest(user, actor) -> None:
    """A notification from WHEN that waits for `user`'s daily digest."""
    user.notify_email = "daily"
    n = services.notify(user, "forum.reply", actor=actor, subject="Deprem tatbikatı",
                        url="/p/x/forum/1/posts/2")
    n.created_at = WHEN
    _db.session.commit()


def assert_digests_in_each_recipients_zone(outbox) -> None:
    [to_ana] = outbox("ana@example.pt")
    [to_sukru] = outbox("sukru@example.org")
    assert shown(WHEN, "pt", "Europe/Lisbon") in to_ana.body_text
    assert shown(WHEN, "pt", "Europe/Berlin") not in to_ana.body_text
    assert shown(WHEN, "pt", "Europe/Istanbul") not in to_ana.body_text
    assert shown(WHEN, "tr", "Europe/Istanbul") in to_sukru.body_text
    assert shown(WHEN, "tr", "Europe/Berlin") not in to_sukru.body_text


def fresh_request_globals() -> None:
    """What a new request starts with (the test's app context is shared by its requests)."""
    for key in list(g):
        g.pop(key)


# --- digests: a job, and a request of someone in another zone -----------------------------------

def test_digest_job_writes_each_recipients_time(app, people, outbox):
    p, ana, sukru, klaus = people
    waiting_for_digest(ana, klaus)
    waiting_for_digest(sukru, klaus)
    result = FlaskCliRunner(app).invoke(args=["notifications", "digest", "daily"])
    assert result.exit_code == 0 and "2 digest" in result.output
    assert_digests_in_each_recipients_zone(outbox)


@pytest.mark.parametrize("page_formatted_a_time_before", [True, False])
def test_digest_sent_in_a_berlin_request_keeps_berlin_for_the_page(
    app, people, outbox, page_formatted_a_time_before
):
    p, ana, sukru, klaus = people
    waiting_for_digest(ana, klaus)
    waiting_for_digest(sukru, klaus)
    fresh_request_globals()
    with app.test_request_context("/"):
        login_user(klaus)
        if page_formatted_a_time_before:
            assert format_for_reader(WHEN, "medium") == shown(WHEN, "de", "Europe/Berlin")
        assert services.send_digests("daily") == 2
        # The rest of Klaus's page: his language and his zone again.
        assert format_for_reader(WHEN, "medium") == shown(WHEN, "de", "Europe/Berlin")
    _db.session.commit()
    assert_digests_in_each_recipients_zone(outbox)


def test_reply_by_a_berlin_member_answers_in_berlin_time_after_emailing_others(
    client, login_as, people, outbox
):
    """Lisbon and Istanbul followers are e-mailed during Klaus's request; the fragment he gets
    back afterwards still shows his zone."""
    p, ana, sukru, klaus = people
    thread = forum.create_thread(p, ana, title="Deprem tatbikatı / Simulacro", body="Olá!",
                                 theme="crisis_management", language="pt", visibility="members")
    forum.follow(thread, sukru)
    klaus.created_at = WHEN  # an established account: no new-account posting limits
    _db.session.commit()
    login_as(klaus)
    response = client.htmx_post(f"/p/{p.slug}/forum/{thread.id}/reply",
                                data={"body": "Gern, im März.", "language": "de"})
    assert response.status_code == 200
    assert [m.locale for m in outbox("ana@example.pt")] == ["pt"]
    assert [m.locale for m in outbox("sukru@example.org")] == ["tr"]
    post = _db.session.scalars(select(Post).order_by(Post.id.desc())).first()
    html = response.get_data(as_text=True)
    assert f'title="{escape(shown(post.created_at, "de", "Europe/Berlin"))}"' in html
    assert escape(shown(post.created_at, "de", "Europe/Istanbul")) not in html
    assert escape(shown(post.created_at, "de", "Europe/Lisbon")) not in html


# --- invitations: a person with an account, and an address only ------------------------------

@pytest.mark.parametrize(
    ("invitee", "expires_at", "locale", "day", "not_day"),
    [
        # Şükrü has an account: Turkish, Istanbul — already the 11th there, the 10th in Berlin.
        ("sukru@example.org", datetime(2030, 3, 10, 22, 30, tzinfo=UTC), "tr", 11, 10),
        # Someone new for Lisboa: the inviter's language, Lisbon's zone — still the 10th there,
        # already the 11th in Berlin (the inviter's) and Istanbul (the hub's default).
        ("nova@example.pt", datetime(2030, 3, 10, 23, 30, tzinfo=UTC), "de", 10, 11),
    ],
)
def test_invitation_expiry_in_the_invitees_zone(
    app, client, login_as, people, outbox, monkeypatch, invitee, expires_at, locale, day, not_day
):
    p, ana, sukru, klaus = people
    klaus.site_role = "admin"  # admins invite for every partner town
    _db.session.commit()
    monkeypatch.setattr("hub.partnerships.services.utcnow",
                        lambda: expires_at - app.config["TOKEN_TTL_INVITATION"])
    login_as(klaus)
    lisboa = ana.town
    response = client.post(f"/p/{p.slug}/invite",
                           data={"email": invitee, "town": lisboa.id, "role": "staff"})
    assert response.status_code == 303
    [mail] = outbox(invitee)
    assert mail.locale == locale
    assert format_date(date(2030, 3, day), "medium", locale=locale) in mail.body_text
    assert format_date(date(2030, 3, not_day), "medium", locale=locale) not in mail.body_text


def test_address_only_email_from_a_berlin_request_uses_the_hub_zone(app, people):
    """queue_email without a zone: the hub's default, never the sender's."""
    p, ana, sukru, klaus = people
    fresh_request_globals()
    with app.test_request_context("/"):
        login_user(klaus)
        assert format_for_reader(WHEN, "medium") == shown(WHEN, "de", "Europe/Berlin")
        with as_recipient("pt"):
            assert format_for_reader(WHEN, "medium") == shown(
                WHEN, "pt", app.config["HUB_DEFAULT_TIMEZONE"]
            )
        message = queue_email("someone@example.org", "pt", "digest", reader=ana,
                              notifications=[], frequency="daily", links={},
                              notifications_url="", unsubscribe_url="", preferences_url="")
        assert message.locale == "pt"
        assert format_for_reader(WHEN, "medium") == shown(WHEN, "de", "Europe/Berlin")


# --- accounts without a time zone (made before there was a setting) ---------------------------

@pytest.mark.parametrize(
    ("country", "town_zone", "expected"),
    [
        ("TR", None, "Europe/Istanbul"),  # Turkish towns' members: Istanbul
        ("PT", "Atlantic/Azores", "Atlantic/Azores"),  # the town's own zone
        ("PT", None, "Europe/Lisbon"),  # else its country's main zone
        (None, None, None),  # no town: the hub's default
    ],
)
def test_user_without_zone_reads_times_in_their_towns_zone(
    app, client, login_as, make_user, make_town, outbox, country, town_zone, expected
):
    town = make_town(country=country, timezone=town_zone) if country else None
    expected = expected or app.config["HUB_DEFAULT_TIMEZONE"]
    reader = make_user(locale="pt", town=town, email="reader@example.org")
    actor = make_user(locale="en")
    assert reader.timezone is None
    assert user_timezone(reader) == expected

    # The notifications page (the time is in the item's title).
    waiting_for_digest(reader, actor)
    login_as(reader)
    page = client.get("/notifications").get_data(as_text=True)
    assert f'title="{escape(shown(WHEN, "pt", expected))}"' in page

    # And the digest e-mail.
    assert services.send_digests("daily") == 1
    _db.session.commit()
    [digest] = outbox("reader@example.org")
    assert shown(WHEN, "pt", expected) in digest.body_text


def test_unknown_zone_falls_back_instead_of_breaking_pages(client, login_as, make_user,
                                                           make_town):
    town = make_town(country="PT", timezone="Europe/Lisbon")
    reader = make_user(locale="pt", town=town)
    reader.timezone = "Mars/Olympus_Mons"
    actor = make_user()
    waiting_for_digest(reader, actor)
    assert user_timezone(reader) == "Europe/Lisbon"
    login_as(reader)
    response = client.get("/notifications")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'title="{escape(shown(WHEN, "pt", "Europe/Lisbon"))}"' in html

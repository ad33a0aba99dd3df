"""Notifications: e-mail per preference in the recipient's language, digests, the bell, the
notifications page, mark read, and the one-click unsubscribe link."""

from __future__ import annotations

import pytest
from babel.dates import format_datetime
from sqlalchemy import select

from hub.extensions import db as _db
from hub.forum import services as forum
from hub.notifications import services
from hub.notifications.models import Notification
from tests.conftest import link_from
from tests.helpers import said, said_by_template, said_in_text

REPLIED = "%(actor)s replied to “%(subject)s”"
MENTIONED = "%(actor)s mentioned you in “%(subject)s”"


@pytest.fixture
def people(make_user, make_partnership, make_membership):
    p = make_partnership(name="Karşıyaka – Θεσσαλονίκη", slug="karsiyaka-thessaloniki")
    sukru = make_user(display_name="Şükrü Güneş", locale="tr", email="sukru@example.org")
    giorgos = make_user(display_name="Γιώργος Παπαδόπουλος", locale="el",
                        email="giorgos@example.org")
    make_membership(sukru, p)
    make_membership(giorgos, p, p.towns[1])
    return p, sukru, giorgos


def note(user, actor, **kwargs) -> Notification:
    n = services.notify(user, "forum.reply", actor=actor, subject="Deprem tatbikatı",
                        url="/p/x/forum/1/posts/2", **kwargs)
    _db.session.commit()
    return n


# --- e-mail per preference --------------------------------------------------------------------

def test_immediate_email_in_the_recipients_language(people, outbox):
    p, sukru, giorgos = people
    note(sukru, giorgos)
    [message] = outbox("sukru@example.org")
    assert message.locale == "tr"
    assert message.subject == said_in_text(sukru.locale, REPLIED, actor="Γιώργος Παπαδόπουλος",
                                           subject="Deprem tatbikatı")
    assert "http://hub.test/p/x/forum/1/posts/2" in message.body_text
    assert "/notifications/unsubscribe/" in message.body_text


@pytest.mark.parametrize("preference", ["daily", "weekly", "never"])
def test_no_immediate_email_for_other_preferences(people, outbox, preference):
    p, sukru, giorgos = people
    sukru.notify_email = preference
    n = note(sukru, giorgos)
    assert outbox() == []
    assert n.email_status == ("none" if preference == "never" else "digest")


def test_unverified_accounts_get_no_email(people, outbox):
    p, sukru, giorgos = people
    sukru.verified_at = None
    note(sukru, giorgos)
    assert outbox() == []


def test_nobody_is_notified_of_their_own_doing(people):
    p, sukru, _ = people
    assert services.notify(sukru, "forum.reply", actor=sukru) is None


def test_daily_digest_collects_unread_notifications(people, outbox):
    p, sukru, giorgos = people
    sukru.notify_email = "daily"
    first = note(sukru, giorgos)
    note(sukru, giorgos)
    read = note(sukru, giorgos)
    services.mark_read(read)
    _db.session.commit()
    assert services.send_digests("weekly") == 0
    assert services.send_digests("daily") == 1
    _db.session.commit()
    [digest] = outbox("sukru@example.org")
    assert digest.locale == "tr"
    assert digest.subject == said_in_text(
        sukru.locale, "Your daily digest: %(num)s new notification",
        "Your daily digest: %(num)s new notifications", 2,
    )
    reply = said_in_text(sukru.locale, REPLIED, actor="Γιώργος Παπαδόπουλος",
                         subject="Deprem tatbikatı")
    assert digest.body_text.count(reply) == 2
    when = format_datetime(first.created_at, "medium", tzinfo="Europe/Istanbul", locale="tr")
    assert when in digest.body_text  # dates in the recipient's language
    assert services.send_digests("daily") == 0  # nothing twice
    statuses = _db.session.scalars(select(Notification.email_status)).all()
    assert set(statuses) == {"digested"}


def test_flow_thread_reply_mention_notification_digest(client, login_as, people, outbox, db):
    """A thread, a reply that mentions a member, the notification, then the digest in Turkish."""
    p, sukru, giorgos = people
    sukru.notify_email = "weekly"
    db.session.commit()
    thread = forum.create_thread(p, sukru, title="Άσκηση σεισμού / Deprem tatbikatı",
                                 body="Ortak senaryo?", theme="crisis_management",
                                 language="tr", visibility="members")
    db.session.commit()
    login_as(giorgos)
    response = client.post(f"/p/{p.slug}/forum/{thread.id}/reply",
                           data={"body": "Συμφωνώ, @Şükrü Güneş!", "language": "el"})
    assert response.status_code == 303
    [n] = db.session.scalars(select(Notification).where(Notification.user_id == sukru.id)).all()
    assert n.kind == "forum.mention" and n.email_status == "digest"
    assert outbox("sukru@example.org") == []
    reader = login_as(sukru).locale
    bell = client.htmx_get("/notifications/bell").get_data(as_text=True)
    assert said_by_template(reader, "Notifications: %(num)s unread",
                            "Notifications: %(num)s unread", 1) in bell
    page = client.get("/notifications").get_data(as_text=True)
    mention = {"actor": "Γιώργος Παπαδόπουλος", "subject": "Άσκηση σεισμού / Deprem tatbikatı"}
    assert said(reader, MENTIONED, **mention) in page
    from flask.testing import FlaskCliRunner

    result = FlaskCliRunner(client.application).invoke(args=["notifications", "digest", "weekly"])
    assert result.exit_code == 0 and "1 digest" in result.output
    [digest] = outbox("sukru@example.org")
    assert digest.locale == "tr"
    assert digest.subject == said_in_text(
        sukru.locale, "Your weekly digest: %(num)s new notification",
        "Your weekly digest: %(num)s new notifications", 1,
    )
    assert said_in_text(sukru.locale, MENTIONED, **mention) in digest.body_text
    path = link_from(digest.body_text, f"/p/{p.slug}/forum/{thread.id}/posts/")
    assert client.get(path).status_code == 303  # to the post on its page


# --- the bell and the page --------------------------------------------------------------------

def test_bell_fragment_and_without_htmx(client, login_as, people):
    p, sukru, giorgos = people
    note(sukru, giorgos)
    login_as(sukru)
    response = client.htmx_get("/notifications/bell")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'hx-trigger="every 45s, notifications-changed from:body"' in html
    assert '<span class="bell-count" aria-hidden="true">1</span>' in html
    plain = client.get("/notifications/bell")
    assert plain.status_code == 303 and plain.headers["Location"] == "/notifications"


def test_bell_when_signed_out(client):
    assert client.htmx_get("/notifications/bell").get_data(as_text=True).strip() == ""
    assert client.get("/notifications").status_code == 303  # to /login


def test_mark_read_with_and_without_htmx(client, login_as, people, db):
    p, sukru, giorgos = people
    first, second = note(sukru, giorgos), note(sukru, giorgos)
    reader = login_as(sukru).locale
    response = client.htmx_post(f"/notifications/{first.id}/read")
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notifications-changed"
    assert said_by_template(reader, "Mark as read") not in response.get_data(as_text=True)
    response = client.post(f"/notifications/{second.id}/read")
    assert response.status_code == 303
    db.session.expire_all()
    assert first.read_at and second.read_at


def test_someone_elses_notification_is_404(client, login_as, people):
    p, sukru, giorgos = people
    n = note(sukru, giorgos)
    login_as(giorgos)
    assert client.post(f"/notifications/{n.id}/read").status_code == 404
    assert client.htmx_post(f"/notifications/{n.id}/read").status_code == 404
    assert "Deprem" not in client.get("/notifications").get_data(as_text=True)


def test_mark_all_read_and_unread_filter(client, login_as, people, db):
    p, sukru, giorgos = people
    note(sukru, giorgos)
    note(sukru, giorgos)
    login_as(sukru)
    fragment = client.htmx_get("/notifications?show=unread").get_data(as_text=True)
    assert "<html" not in fragment and fragment.count('class="notification is-unread"') == 2
    assert client.post("/notifications/read-all").status_code == 303
    html = client.get("/notifications?show=unread").get_data(as_text=True)
    assert said_by_template(sukru.locale, "No unread notifications.") in html


def test_email_preference(client, login_as, people, db):
    p, sukru, giorgos = people
    sukru.notify_email = "daily"
    pending = note(sukru, giorgos)
    login_as(sukru)
    response = client.post("/notifications/preferences", data={"notify_email": "weekly"})
    assert response.status_code == 303
    db.session.expire_all()
    assert sukru.notify_email == "weekly" and pending.email_status == "digest"
    bad = client.post("/notifications/preferences", data={"notify_email": "hourly"})
    assert bad.status_code == 422
    db.session.expire_all()
    assert sukru.notify_email == "weekly"
    client.post("/notifications/preferences", data={"notify_email": "never"})
    db.session.expire_all()
    assert pending.email_status == "none"  # no digest will carry it any more


# --- unsubscribe --------------------------------------------------------------------------------

def test_unsubscribe_link_confirms_then_unsubscribes_without_login(client, people, outbox, db):
    p, sukru, giorgos = people
    note(sukru, giorgos)
    path = link_from(outbox()[0].body_text, "/notifications/unsubscribe/")
    page = client.get(path)
    assert page.status_code == 200 and "sukru@example.org" in page.get_data(as_text=True)
    db.session.expire_all()
    assert sukru.notify_email == "immediately"  # GET changes nothing (mail scanners)
    response = client.post(path, csrf=False)
    visitor = "en"  # signed out, no Accept-Language
    done = said_by_template(visitor, "Done: %(email)s will get no more notification e-mails. "
                            "Notifications still appear in the hub.", email="sukru@example.org")
    assert response.status_code == 200 and done in response.get_data(as_text=True)
    db.session.expire_all()
    assert sukru.notify_email == "never"


def test_notification_emails_carry_one_click_unsubscribe_headers(people, outbox):
    p, sukru, giorgos = people
    note(sukru, giorgos)
    [mail] = outbox()
    path = link_from(mail.body_text, "/notifications/unsubscribe/")
    assert mail.headers["List-Unsubscribe"].endswith(f"{path}>")
    assert mail.headers["List-Unsubscribe"].startswith("<http")
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_unsubscribe_rfc8058(client, people, db):
    p, sukru, _ = people
    with client.application.test_request_context():
        token = services.unsubscribe_token(sukru)
    response = client.post(f"/notifications/unsubscribe/{token}", csrf=False,
                           data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    db.session.expire_all()
    assert sukru.notify_email == "never"


def test_forged_unsubscribe_token_is_404(client, people):
    assert client.get("/notifications/unsubscribe/forged").status_code == 404
    assert client.post("/notifications/unsubscribe/forged", csrf=False).status_code == 404


def test_describe_unknown_kind_falls_back_to_subject():
    n = Notification(kind="library.something", subject="Şartname v3")
    assert services.describe(n) == "Şartname v3"
    services.register_kind("library.something", lambda n: f"New: {n.subject}")
    try:
        assert services.describe(n) == "New: Şartname v3"
    finally:
        services.KINDS.pop("library.something")

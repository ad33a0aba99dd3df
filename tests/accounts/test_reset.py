"""Forgotten password: request a link, use it once, within its time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from hub.accounts.models import AccountToken
from hub.db import utcnow
from tests.accounts.helpers import NEW_PASSWORD, flashes, signed_in_as
from tests.conftest import link_from
from tests.factories import PASSWORD


def ask_for_link(client, outbox, email: str) -> str:
    response = client.post("/reset-password", data={"email": email})
    assert response.status_code == 303
    return link_from(outbox(email.strip().lower())[-1].body_text, "/reset-password/")


def new_password(password: str = NEW_PASSWORD, confirm: str | None = None) -> dict:
    return {"password": password, "confirm": password if confirm is None else confirm}


def test_reset_request_page(client):
    response = client.get("/reset-password")
    assert response.status_code == 200
    assert 'autocomplete="email"' in response.get_data(as_text=True)


def test_reset_flow_end_to_end(client, app, db, outbox, make_user):
    user = make_user("zeynep@example.org", verified=False, locale="tr")
    elsewhere = app.test_client()
    with elsewhere.session_transaction() as session:
        session["_user_id"] = user.get_id()
    assert elsewhere.get("/account").status_code == 200

    link = ask_for_link(client, outbox, " Zeynep@Example.org ")
    assert outbox("zeynep@example.org")[-1].locale == "tr"
    form = client.get(link)
    assert form.status_code == 200
    assert 'autocomplete="new-password"' in form.get_data(as_text=True)

    response = client.post(link, data=new_password())
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    assert user.is_verified  # the link proved the address
    assert signed_in_as(client) == user.get_id()
    assert user.session_version == 2
    # Every other session ended.
    assert elsewhere.get("/account").status_code == 303
    # The owner is told, in their language.
    assert outbox("zeynep@example.org")[-1].locale == "tr"

    # Single use.
    again = client.post(link, data=new_password("another-long-phrase-7"))
    assert again.status_code == 400
    assert 'href="/reset-password"' in again.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)


def test_reset_link_is_single_use_on_get_too(client, outbox, make_user):
    make_user("once@example.org")
    link = ask_for_link(client, outbox, "once@example.org")
    client.post(link, data=new_password())
    assert client.get(link).status_code == 400


def test_newer_and_older_links_all_die_after_a_reset(client, outbox, make_user):
    make_user("two@example.org")
    first = ask_for_link(client, outbox, "two@example.org")
    second = ask_for_link(client, outbox, "two@example.org")
    assert client.post(second, data=new_password()).status_code == 303
    assert client.get(first).status_code == 400


def test_expired_reset_link_is_refused(client, db, outbox, make_user):
    user = make_user("late@example.org")
    link = ask_for_link(client, outbox, "late@example.org")
    db.session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert client.get(link).status_code == 400
    assert client.post(link, data=new_password()).status_code == 400
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_unknown_reset_link_is_not_found(client):
    assert client.get("/reset-password/made-up").status_code == 404


def test_reset_request_does_not_reveal_accounts(client, app, outbox, make_user):
    make_user("exists@example.org")
    other = app.test_client()
    known = client.post("/reset-password", data={"email": "exists@example.org"})
    unknown = other.post("/reset-password", data={"email": "missing@example.org"})
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"] == "/login"
    assert known.get_data() == unknown.get_data()
    assert [m.replace("exists@", "X@") for m in flashes(client)] == [
        m.replace("missing@", "X@") for m in flashes(other)
    ]
    assert [m.recipient for m in outbox()] == ["exists@example.org"]


def test_deleted_account_gets_no_reset_link(client, db, outbox, make_user):
    user = make_user("deleted@example.org")
    user.deleted_at = utcnow()
    db.session.commit()
    assert client.post("/reset-password", data={"email": "deleted@example.org"}).status_code == 303
    assert outbox() == []


def test_bad_reset_request(client, outbox):
    response = client.post("/reset-password", data={"email": "not an address"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    assert 'value="not an address"' in html
    assert outbox() == []


@pytest.mark.parametrize(
    "data",
    [
        new_password("short"),
        new_password(NEW_PASSWORD, "different-phrase-99"),
        new_password("qwerty123456"),
        new_password("Mustafa-Kemal-1881x"),  # contains the display name's word
    ],
    ids=["short", "mismatch", "common", "name"],
)
def test_bad_new_password_is_refused_and_link_stays_usable(client, db, outbox, make_user, data):
    user = make_user("rules@example.org", display_name="Mustafa Kemal")
    link = ask_for_link(client, outbox, "rules@example.org")
    response = client.post(link, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-errors"' in html
    assert data["password"] not in html
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
    assert signed_in_as(client) is None
    assert client.get(link).status_code == 200


def test_reset_request_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "3 per minute")
    for _ in range(3):
        assert client.post("/reset-password", data={"email": "a@example.org"}).status_code == 303
    assert client.post("/reset-password", data={"email": "a@example.org"}).status_code == 429


def test_reset_request_without_csrf_is_refused(client, outbox, make_user):
    make_user("csrf-reset@example.org")
    response = client.post("/reset-password", data={"email": "csrf-reset@example.org"}, csrf=False)
    assert response.status_code == 400
    assert outbox() == []


def test_htmx_reset_request_redirects_on_the_client(client):
    response = client.htmx_post("/reset-password", data={"email": "hx@example.org"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/login"

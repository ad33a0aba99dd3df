"""Two host coordinators accept the last place at the same moment: exactly one succeeds.

Real parallel requests need real connections: an in-memory SQLite database has only one, so
without TEST_DATABASE_URL this test runs its own app on a temporary SQLite file; with it (CI's
PostgreSQL run) it uses that database. Each thread has its own app context, session and client.
"""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub import create_app
from hub.db import utcnow
from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from tests import factories
from tests.conftest import HubClient
from tests.exchange.conftest import posting_fields
from tests.exchange.helpers import said

ROUNDS = 4


@pytest.fixture
def race_app(app, tmp_path):
    if os.environ.get("TEST_DATABASE_URL"):
        yield app  # the shared PostgreSQL test database; _clean empties it afterwards
        return
    race = create_app({
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "HUB_STORAGE_DIR": str(tmp_path / "files"),
    })
    race.test_client_class = HubClient
    with race.app_context():
        db.create_all()
    yield race
    with race.app_context():
        db.engine.dispose()


def _setup(race_app, rounds: int) -> dict:
    """A partnership, two host coordinators, and per round an offer with one place left and two
    endorsed applications."""
    with race_app.app_context():
        nilufer = factories.town("Nilüfer", country="TR")
        darmstadt = factories.town("Darmstadt", country="DE", official_languages=["de"])
        p = factories.partnership([nilufer, darmstadt], slug="race-nilufer-darmstadt")
        coordinators = []
        for name in ("Ayşe Yılmaz", "Oğuz Kılıç"):
            user = factories.user(display_name=name, locale="tr", town=nilufer)
            factories.membership(user, p, nilufer, role="coordinator")
            coordinators.append(user)
        applicants = []
        for name in ("Anna Schäfer", "Jörg Müller"):
            user = factories.user(display_name=name, locale="de", town=darmstadt)
            factories.membership(user, p, darmstadt)
            applicants.append(user)
        cases = []
        for n in range(rounds):
            fields = posting_fields(title=f"Son yer {n}", places=2, host_town_id=nilufer.id)
            posting = Posting(partnership=p, town_id=nilufer.id, status="open",
                              created_by=coordinators[0], places_taken=1, **fields)
            db.session.add(posting)
            db.session.flush()
            ids = []
            for applicant in applicants:
                application = Application(
                    posting=posting, applicant=applicant, sending_town_id=darmstadt.id,
                    motivation="Bitte!", languages={"de": "native"}, status="endorsed",
                    endorsed_at=utcnow() - timedelta(hours=1),
                )
                db.session.add(application)
                db.session.flush()
                ids.append(application.id)
            cases.append((posting.id, ids))
        db.session.commit()
        data = {
            "slug": p.slug,
            "logins": [u.get_id() for u in coordinators],
            "cases": cases,
        }
        db.session.remove()
    return data


def _accept(race_app, login: str, url: str, barrier: threading.Barrier, results: list) -> None:
    with race_app.app_context():
        client = race_app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = login
            session["_fresh"] = True
        barrier.wait(timeout=10)
        response = client.post(url, data={"decision": "accept", "message": "Hoş geldiniz"})
        results.append((response.status_code, response.get_data(as_text=True)))
        db.session.remove()


def test_two_coordinators_accept_the_last_place_at_once(race_app):
    data = _setup(race_app, ROUNDS)
    for posting_id, application_ids in data["cases"]:
        barrier = threading.Barrier(2)
        results: list = []
        threads = [
            threading.Thread(
                target=_accept,
                args=(race_app, login,
                      f"/p/{data['slug']}/exchange/applications/{application_id}/decide",
                      barrier, results),
            )
            for login, application_id in zip(data["logins"], application_ids, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        statuses = sorted(code for code, _body in results)
        assert statuses == [303, 409], [(code, body[:300]) for code, body in results]
        loser = next(body for code, body in results if code == 409)
        with race_app.app_context():
            full = said("tr", "This offer is full: every place has been taken. The application "
                              "stays undecided.")
        assert full in loser

        with race_app.app_context():
            posting = db.session.get(Posting, posting_id)
            assert posting.places_taken == posting.places == 2
            assert posting.status == "closed" and posting.closed_reason == "full"
            decided = db.session.scalars(
                select(Application.status).where(Application.id.in_(application_ids))
            ).all()
            assert sorted(decided) == ["accepted", "endorsed"]
            placements = db.session.scalar(
                select(func.count()).select_from(Placement).where(
                    Placement.posting_id == posting_id)
            )
            assert placements == 1
            db.session.remove()

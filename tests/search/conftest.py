"""A small world for the search tests: an active partnership (İzmir – Köln) with a staff
member and a coordinator, another partnership with its own member, a proposal, a citizen
without membership, a moderator and an admin."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.extensions import db as _db
from tests import factories
from tests.search import helpers


@dataclass
class World:
    p: object
    other_p: object
    proposal: object
    staff: object
    coordinator: object
    other_staff: object
    citizen: object
    moderator: object
    admin: object

    def user(self, role: str):
        return None if role == "visitor" else getattr(self, role)


@pytest.fixture
def world(app):
    izmir = factories.town("İzmir", latin_name="Izmir", country="TR", slug="izmir")
    koln = factories.town("Köln", latin_name="Koeln", country="DE", slug="koln",
                          official_languages=["de"])
    p = factories.partnership([izmir, koln], name="İzmir – Köln", slug="izmir-koln")
    other_p = factories.partnership(name="Çankaya – Lyon", slug="cankaya-lyon")
    proposal = factories.partnership(name="Öneri – Patras", slug="oneri-patras",
                                     status="proposed")
    staff = factories.user(display_name="Ayşe Yılmaz")
    coordinator = factories.user(display_name="Jürgen Schäfer")
    other_staff = factories.user(display_name="Émile Durand")
    citizen = factories.user(display_name="Zofia Wiśniewska")
    moderator = factories.user(display_name="Ελένη Παπαδοπούλου", site_role="moderator")
    admin = factories.user(display_name="Admin", site_role="admin")
    factories.membership(staff, p, izmir)
    factories.membership(coordinator, p, koln, role="coordinator")
    factories.membership(other_staff, other_p)
    _db.session.commit()
    return World(p, other_p, proposal, staff, coordinator, other_staff, citizen, moderator,
                 admin)


@pytest.fixture
def find(client, login_as):
    """`find("word", as_=user, **filters)`: the results of /search as that user sees them."""

    def search(q: str, *, as_=None, **params):
        login_as(as_)
        response = client.get("/search", query_string={"q": q, **params})
        return helpers.results(response)

    return search

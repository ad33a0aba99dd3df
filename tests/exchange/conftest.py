"""Exchange fixtures: a partnership of Nilüfer (host) and Darmstadt (sending), the people of the
permission matrix, and postings/applications in any state, made through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from hub import jobs
from hub.db import utcnow
from hub.exchange import services
from hub.exchange.models import Application, Posting
from hub.extensions import db
from hub.permissions import forget_memberships

ROLES = [
    "visitor", "citizen", "host_staff", "sending_staff", "other_staff",
    "host_coordinator", "sending_coordinator", "moderator",
]


@pytest.fixture(autouse=True)
def storage_dir(own_storage_dir) -> Path:
    """Every test stores its files (CVs) in its own temporary directory."""
    return own_storage_dir


@pytest.fixture
def client(buffered_client):
    return buffered_client


@dataclass
class World:
    p: object
    other: object
    nilufer: object
    darmstadt: object
    host_staff: object
    sending_staff: object
    other_staff: object
    host_coordinator: object
    sending_coordinator: object
    citizen: object
    moderator: object

    def role(self, name: str):
        return None if name == "visitor" else getattr(self, name)


@pytest.fixture
def world(make_user, make_town, make_partnership, make_membership) -> World:
    nilufer = make_town("Nilüfer", latin_name="Nilufer", country="TR", slug="nilufer")
    darmstadt = make_town("Darmstadt", country="DE", slug="darmstadt",
                          official_languages=["de"])
    p = make_partnership([nilufer, darmstadt], name="Nilüfer – Darmstadt",
                         slug="nilufer-darmstadt")
    other = make_partnership(name="Karşıyaka – Θεσσαλονίκη", slug="karsiyaka-thessaloniki")
    host_coordinator = make_user("ayse@example.org", display_name="Ayşe Yılmaz", locale="tr",
                                 town=nilufer, languages={"tr": "native", "en": "B2"})
    host_staff = make_user("mehmet@example.org", display_name="Mehmet Öztürk", locale="tr",
                           town=nilufer, languages={"tr": "native", "de": "B1"})
    sending_coordinator = make_user("juergen@example.org", display_name="Jürgen Weiß",
                                    locale="de", town=darmstadt,
                                    languages={"de": "native", "en": "C1"})
    sending_staff = make_user("anna@example.org", display_name="Anna Schäfer", locale="de",
                              town=darmstadt, languages={"de": "native", "en": "C1",
                                                         "tr": "A2"})
    other_staff = make_user("ivan@example.org", display_name="Иван Петров", locale="bg")
    make_membership(host_coordinator, p, nilufer, role="coordinator")
    make_membership(host_staff, p, nilufer)
    make_membership(sending_coordinator, p, darmstadt, role="coordinator")
    make_membership(sending_staff, p, darmstadt)
    make_membership(other_staff, other)
    citizen = make_user("zeynep@example.org", display_name="Zeynep Çelik")
    moderator = make_user("giorgos@example.org", display_name="Γιώργος Παπαδόπουλος",
                          site_role="moderator", locale="el")
    return World(p, other, nilufer, darmstadt, host_staff, sending_staff, other_staff,
                 host_coordinator, sending_coordinator, citizen, moderator)


def posting_fields(**overrides) -> dict:
    today = utcnow().date()
    fields = {
        "kind": "offer",
        "title": "Bütçe müdürlüğünde iki haftalık staj",
        "description": "Two weeks in **Nilüfer's** budget office: çalışma, öğrenme.",
        "language": "tr",
        "format": "secondment",
        "theme": "good_governance",
        "department": "Mali Hizmetler Müdürlüğü",
        "host_town_id": None,
        "duration_days": 14,
        "earliest_start": today + timedelta(days=30),
        "latest_end": today + timedelta(days=90),
        "places": 2,
        "eligibility": "Staff of the finance departments.",
        "costs_covered": ["accommodation", "daily_allowance"],
        "deadline": today + timedelta(days=20),
        "contact": "Ayşe Yılmaz <ayse@example.org>",
        "visibility": "partnership",
    }
    fields.update(overrides)
    return fields


def finish(obj=None):
    """Commit, run the after-commit jobs (e-mail), forget per-request caches."""
    db.session.commit()
    jobs.run_ready()
    forget_memberships()
    return obj


@pytest.fixture
def make_posting(world):
    def make(*, status: str = "open", author=None, languages=None, town=None,
             **overrides) -> Posting:
        author = author or world.host_coordinator
        town = town or world.nilufer
        fields = posting_fields(**overrides)
        if fields["kind"] == "offer" and fields["host_town_id"] is None:
            fields["host_town_id"] = town.id
        posting = services.create_posting(
            world.p, author, town_id=town.id,
            languages={"en": "B1"} if languages is None else languages, **fields,
        )
        if status in {"submitted", "open", "closed"}:
            posting.status = status
            posting.submitted_at = utcnow()
        if status in {"open", "closed"}:
            posting.opened_at = utcnow()
        if status == "closed":
            posting.closed_at = utcnow()
            posting.closed_reason = "manual"
        return finish(posting)

    return make


@pytest.fixture
def make_application(world, make_posting):
    """An application of the sending staff, moved on to `status` through the services."""

    def make(posting: Posting | None = None, *, status: str = "submitted", applicant=None,
             **fields) -> Application:
        posting = posting or make_posting()
        applicant = applicant or world.sending_staff
        forget_memberships()
        application = services.apply(
            posting, applicant, motivation=fields.pop("motivation", "Öğrenmek istiyorum."),
            languages=fields.pop("languages", {"de": "native", "en": "C1"}), **fields,
        )
        finish()
        coordinators = {world.nilufer.id: world.host_coordinator,
                        world.darmstadt.id: world.sending_coordinator}
        endorser = coordinators[application.sending_town_id]
        host = coordinators[posting.town_id]
        wants_endorsement = {"endorsed", "refused", "shortlisted", "accepted", "declined"}
        if status in wants_endorsement and application.status == "submitted":
            services.endorse(application, endorser, endorsed=status != "refused", note="")
            finish()
        if status == "shortlisted":
            services.decide(application, host, decision="shortlist")
            finish()
        if status in {"accepted", "declined"}:
            services.decide(application, host,
                            decision="accept" if status == "accepted" else "decline",
                            message="Hoş geldiniz!" if status == "accepted" else "Üzgünüz.")
            finish()
        if status == "withdrawn":
            services.withdraw(application, applicant)
            finish()
        db.session.refresh(application)
        return application

    return make


@pytest.fixture
def ended_placement(world, make_application):
    """An accepted application whose placement ended last week."""
    application = make_application(status="accepted")
    placement = application.placement
    today = utcnow().date()
    placement.start_on = today - timedelta(days=20)
    placement.end_on = today - timedelta(days=7)
    return finish(placement)

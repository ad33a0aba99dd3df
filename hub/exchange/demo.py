"""Demo data for the exchange board: open offers and requests, applications in every state and two
completed placements with reports. Uses the demo towns, partnerships and accounts of hub/demo.py.

`seed_exchange()` is idempotent (postings are found by partnership and title, applications by
posting and applicant); it flushes, the caller commits. Rows are added directly, without
notifications or e-mails. Dates are relative to today, so open postings stay open.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hub.accounts.models import User
from hub.db import utcnow
from hub.exchange.models import Application, Placement, PlacementReport, Posting, PostingLanguage
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.towns.models import Town

DOMAIN = "demo.twinning.example"

# partnership, town, author, kind, title, language, format, theme, department, host town,
# days, (start, end) offsets from today, places, languages, costs, deadline offset, visibility,
# status
POSTINGS = [
    ("nilufer-darmstadt", "darmstadt", "coordinator.de", "offer",
     "Hospitation im Umweltamt: Bioabfall und Kompostierung", "de", "job_shadowing",
     "environment", "Umweltamt", "darmstadt", 10, (45, 120), 3, {"de": "B1", "en": "B2"},
     ["accommodation", "daily_allowance"], 30, "public", "open"),
    ("nilufer-darmstadt", "nilufer", "coordinator.tr", "offer",
     "Mali Hizmetler Müdürlüğünde iki haftalık staj", "tr", "secondment", "good_governance",
     "Mali Hizmetler Müdürlüğü", "nilufer", 14, (60, 150), 2, {"en": "B2"},
     ["accommodation", "daily_allowance", "travel"], 40, "hub", "open"),
    ("nilufer-darmstadt", "nilufer", "coordinator.tr", "offer",
     "Kültür mirası ofisinde iş başında gözlem", "tr", "job_shadowing", "intercultural",
     "Kültür ve Turizm Müdürlüğü", "nilufer", 5, (50, 90), 1, {"tr": "A2", "en": "B1"},
     ["accommodation"], 35, "partnership", "open"),
    ("nilufer-darmstadt", "nilufer", "staff.tr", "request",
     "Looking for a host: smart traffic management", "en", "expert_mission",
     "technical_knowhow", "Ulaşım Planlama", "darmstadt", 5, (30, 200), 2, {"en": "B2"},
     [], 20, "partnership", "open"),
    ("nilufer-darmstadt", "nilufer", "staff.tr", "offer",
     "İklim uyum planı için çalışma ziyareti", "tr", "study_visit", "environment",
     "İklim Değişikliği Müdürlüğü", "nilufer", 3, (70, 110), 4, {"en": "B1"}, ["travel"], 50,
     "partnership", "submitted"),
    ("nilufer-darmstadt", "darmstadt", "coordinator.de", "offer",
     "Study visit: climate adaptation in Darmstadt", "en", "study_visit", "environment",
     "Umweltamt", "darmstadt", 10, (-420, -300), 1, {"en": "B1"}, ["accommodation"], -450,
     "partnership", "closed"),
    ("cankaya-lyon-krakow", "lyon", "claire.dubois", "offer",
     "Stage : services aux personnes âgées", "fr", "secondment", "social_development",
     "Direction de la solidarité", "lyon", 21, (60, 180), 2, {"fr": "B1"},
     ["accommodation", "daily_allowance"], 45, "public", "open"),
    ("cankaya-lyon-krakow", "cankaya", "emre.celik", "offer",
     "Erişilebilir kent merkezi: uzman ziyareti", "tr", "expert_mission", "social_development",
     "Engelsiz Yaşam Merkezi", "cankaya", 5, (-200, -150), 1, {"en": "B2"},
     ["accommodation", "daily_allowance"], -230, "partnership", "closed"),
    ("karsiyaka-thessaloniki", "thessaloniki", "giorgos.papadopoulos", "offer",
     "Εκπαίδευση: πολιτική προστασία και ασκήσεις σεισμού", "el", "training",
     "crisis_management", "Πολιτική Προστασία", "thessaloniki", 5, (40, 70), 4, {"en": "B1"},
     ["accommodation"], 25, "public", "open"),
    ("karsiyaka-thessaloniki", "karsiyaka", "sukru.gunes", "request",
     "Ev sahibi aranıyor: kıyı turizmi ve yerel üreticiler", "tr", "study_visit",
     "local_economy", "Turizm Müdürlüğü", "thessaloniki", 4, (30, 120), 3, {"en": "B1"}, [],
     20, "hub", "open"),
]

# posting title, applicant, status, motivation, decision message, (start, end) offsets
APPLICATIONS = [
    ("Hospitation im Umweltamt: Bioabfall und Kompostierung", "staff.tr", "shortlisted",
     "Nilüfer'de organik atık toplamayı yeniden düzenliyoruz; kompost tesisinizi görmek "
     "istiyorum.", None),
    ("Hospitation im Umweltamt: Bioabfall und Kompostierung", "coordinator.tr", "endorsed",
     "Als Koordinatorin möchte ich die Zusammenarbeit der Umweltämter vertiefen.", None),
    ("Mali Hizmetler Müdürlüğünde iki haftalık staj", "staff.de", "submitted",
     "Ich arbeite in der Kämmerei und möchte die Haushaltsplanung in Nilüfer kennenlernen.",
     None),
    ("Kültür mirası ofisinde iş başında gözlem", "staff.de", "refused",
     "Ich interessiere mich für Denkmalpflege.", None),
    ("Stage : services aux personnes âgées", "emre.celik", "declined",
     "Çankaya'da yaşlı hizmetleri birimini kuruyoruz.",
     "Merci ! Cette année le stage est réservé aux travailleurs sociaux ; postulez en 2026."),
    ("Stage : services aux personnes âgées", "piotr.wisniewski", "withdrawn",
     "Chciałbym poznać usługi dla seniorów w Lyonie.", None),
    ("Εκπαίδευση: πολιτική προστασία και ασκήσεις σεισμού", "sukru.gunes", "accepted",
     "Karşıyaka'nın deprem tatbikatlarını ortak bir plana bağlamak istiyoruz.",
     "Καλώς ήρθατε! Welcome to Thessaloniki."),
    ("Study visit: climate adaptation in Darmstadt", "staff.tr", "accepted",
     "Nilüfer iklim uyum eylem planını hazırlıyor; Darmstadt'ın deneyimi çok değerli.",
     "Herzlich willkommen!"),
    ("Erişilebilir kent merkezi: uzman ziyareti", "claire.dubois", "accepted",
     "Lyon a rendu sa presqu'île accessible ; je partage volontiers notre méthode.",
     "Hoş geldiniz, Claire!"),
]

# posting title → participant report and host evaluation: (learned, apply at home, language)
REPORTS = {
    "Study visit: climate adaptation in Darmstadt": (
        ("Darmstadt'ın yağmur suyu yönetimi ve yeşil çatı teşvikleri; mahalle ölçeğinde ısı "
         "haritaları.", "Nilüfer'de iki okulda yeşil çatı pilotu ve ısı haritası.", "tr"),
        ("Mehmet brought a clear picture of Nilüfer's heat-island risks; we learned how they "
         "involve neighbourhood headmen (muhtar).", "A joint guide to heat action plans.", "en"),
    ),
    "Erişilebilir kent merkezi: uzman ziyareti": (
        ("La méthode d'audit participatif d'Çankaya avec les associations de personnes "
         "handicapées.", "Un audit participatif dans le 7e arrondissement.", "fr"),
        ("Lyon'un erişilebilirlik denetim yöntemi ve yaya yollarında dokunsal yüzeyler.",
         "Kızılay çevresinde erişilebilir güzergâh projesi.", "tr"),
    ),
}


def _user(name: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{name}@{DOMAIN}"))


def _by_slug(model, slug: str):
    return db.session.scalar(select(model).where(model.slug == slug))


def _posting(row, today: date) -> Posting:
    (slug, town, author, kind, title, language, fmt, theme, department, host, days, window,
     places, languages, costs, deadline, visibility, status) = row
    partnership = _by_slug(Partnership, slug)
    posting = db.session.scalar(
        select(Posting).where(Posting.partnership_id == partnership.id, Posting.title == title)
    )
    if posting is not None:
        return posting
    now = utcnow()
    posting = Posting(
        partnership=partnership, town=_by_slug(Town, town), host_town=_by_slug(Town, host),
        created_by=_user(author), kind=kind, title=title, language=language, format=fmt,
        theme=theme, department=department, duration_days=days,
        description=f"**{title}**\n\n{department}.",
        earliest_start=today + timedelta(days=window[0]),
        latest_end=today + timedelta(days=window[1]), places=places, costs_covered=costs,
        deadline=today + timedelta(days=deadline), contact=f"{author}@{DOMAIN}",
        visibility=visibility, status=status, created_at=now, updated_at=now,
        submitted_at=now, opened_at=now if status in {"open", "closed"} else None,
        closed_at=now if status == "closed" else None,
        closed_reason="full" if status == "closed" else None,
        languages=[PostingLanguage(language=c, level=lvl) for c, lvl in languages.items()],
    )
    db.session.add(posting)
    db.session.flush()
    return posting


def _coordinator_of(posting: Posting, town_id: int) -> User | None:
    from hub.partnerships.models import Membership

    return db.session.scalar(
        select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.partnership_id == posting.partnership_id, Membership.town_id == town_id,
            Membership.role == "coordinator",
        ).order_by(User.id).limit(1)
    )


def _application(posting: Posting, applicant: User, status: str, motivation: str,
                 message: str | None) -> Application:
    application = db.session.scalar(
        select(Application).where(
            Application.posting_id == posting.id, Application.applicant_id == applicant.id
        )
    )
    if application is not None:
        return application
    now = utcnow()
    endorser = _coordinator_of(posting, applicant.town_id)
    decider = _coordinator_of(posting, posting.town_id)
    endorsed = status not in {"submitted", "refused", "withdrawn"}
    application = Application(
        posting=posting, applicant=applicant, sending_town_id=applicant.town_id,
        motivation=motivation, status=status, created_at=now - timedelta(days=3),
        languages={ul.language: ul.level for ul in applicant.languages},
        endorsed_by=endorser if endorsed else None, endorsed_at=now if endorsed else None,
        endorsement_note="Bitte nächstes Jahr erneut bewerben." if status == "refused" else None,
        decided_by=decider if status in {"accepted", "declined"} else None,
        decided_at=now if status in {"accepted", "declined"} else None,
        decision_message=message, withdrawn_at=now if status == "withdrawn" else None,
    )
    db.session.add(application)
    db.session.flush()
    if status == "accepted":
        _placement(application, posting)
    return application


def _placement(application: Application, posting: Posting) -> Placement:
    start = posting.earliest_start
    placement = Placement(
        application_id=application.id, posting_id=posting.id,
        partnership_id=posting.partnership_id, participant_id=application.applicant_id,
        sending_town_id=application.sending_town_id, host_town_id=posting.town_id,
        start_on=start, end_on=start + timedelta(days=posting.duration_days - 1),
        objectives="- " + posting.department + "\n- " + posting.title,
    )
    posting.places_taken = min(posting.places, posting.places_taken + 1)
    db.session.add(placement)
    db.session.flush()
    reports = REPORTS.get(posting.title)
    if reports:
        host = _coordinator_of(posting, posting.town_id)
        for role, author, (learned, apply_at_home, language) in (
            ("participant", application.applicant, reports[0]), ("host", host, reports[1]),
        ):
            placement.reports.append(PlacementReport(
                role=role, author=author, learned=learned, apply_at_home=apply_at_home,
                language=language,
            ))
        placement.completed_at = utcnow()
    db.session.flush()
    return placement


def seed_exchange() -> None:
    """Add the exchange demo rows that are missing (after hub.demo.load())."""
    today = utcnow().date()
    postings = {row[4]: _posting(row, today) for row in POSTINGS}
    for title, applicant, status, motivation, message in APPLICATIONS:
        _application(postings[title], _user(applicant), status, motivation, message)
    db.session.flush()

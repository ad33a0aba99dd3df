"""Demo data: real towns, three active partnerships and accounts for every role.

`load()` is idempotent: it looks rows up by slug or e-mail and adds only what is missing, so
running it twice gives the same data. It flushes; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from hub.accounts.models import User, UserLanguage
from hub.db import utcnow
from hub.extensions import db
from hub.partnerships.models import Membership, Partnership, PartnershipTown
from hub.towns.models import Town

PASSWORD = "twinning-demo"  # noqa: S105 - published demo password, only for demo accounts
DOMAIN = "demo.twinning.example"

# slug, native name, Latin name, country, region, population, languages, time zone, lat, lon, web
TOWNS = [
    ("nilufer", "Nilüfer", "Nilufer", "TR", "Bursa", 500_000, ["tr"], "Europe/Istanbul",
     40.2136, 28.9875, "https://www.nilufer.bel.tr"),
    ("cankaya", "Çankaya", "Cankaya", "TR", "Ankara", 920_000, ["tr"], "Europe/Istanbul",
     39.9179, 32.8627, "https://www.cankaya.bel.tr"),
    ("karsiyaka", "Karşıyaka", "Karsiyaka", "TR", "İzmir", 345_000, ["tr"], "Europe/Istanbul",
     38.4594, 27.1150, "https://www.karsiyaka.bel.tr"),
    ("sahinbey", "Şahinbey", "Sahinbey", "TR", "Gaziantep", 960_000, ["tr"], "Europe/Istanbul",
     37.0594, 37.3510, "https://www.sahinbey.bel.tr"),
    ("darmstadt", "Darmstadt", "Darmstadt", "DE", "Hessen", 163_000, ["de"], "Europe/Berlin",
     49.8728, 8.6512, "https://www.darmstadt.de"),
    ("lyon", "Lyon", "Lyon", "FR", "Auvergne-Rhône-Alpes", 520_000, ["fr"], "Europe/Paris",
     45.7640, 4.8357, "https://www.lyon.fr"),
    ("krakow", "Kraków", "Krakow", "PL", "Małopolskie", 805_000, ["pl"], "Europe/Warsaw",
     50.0647, 19.9450, "https://www.krakow.pl"),
    ("thessaloniki", "Θεσσαλονίκη", "Thessaloniki", "GR", "Κεντρική Μακεδονία", 319_000, ["el"],
     "Europe/Athens", 40.6401, 22.9444, "https://thessaloniki.gr"),
    ("plovdiv", "Пловдив", "Plovdiv", "BG", "Пловдив", 345_000, ["bg"], "Europe/Sofia",
     42.1354, 24.7453, "https://www.plovdiv.bg"),
]

PARTNERSHIPS = [
    {
        "slug": "nilufer-darmstadt",
        "name": "Nilüfer – Darmstadt",
        "towns": ["nilufer", "darmstadt"],
        "status": "active",
        "founded_on": date(2012, 6, 15),
        "themes": ["environment", "technical_knowhow", "good_governance"],
        "activity_types": ["study_visits", "personnel_exchange", "capacity_building"],
        "working_languages": ["tr", "de", "en"],
        "description_language": "en",
        "description": (
            "Two municipalities that share **climate adaptation** and **waste management** "
            "know-how.\n\n"
            "- Yearly study visits between the environment departments\n"
            "- Staff exchanges of two to six weeks\n"
            "- A shared guide to separate collection of organic waste\n"
        ),
    },
    {
        "slug": "cankaya-lyon-krakow",
        "name": "Çankaya – Lyon – Kraków",
        "towns": ["cankaya", "lyon", "krakow"],
        "status": "active",
        "founded_on": date(2016, 3, 21),
        "themes": ["social_development", "intercultural", "policy_development"],
        "activity_types": ["regular_events", "knowhow_networks", "shared_tools"],
        "working_languages": ["tr", "fr", "pl", "en"],
        "description_language": "en",
        "description": (
            "A three-town network for **social services** and **culture**: accessible city "
            "centres, services for older people and a joint youth festival every summer.\n\n"
            "Meetings rotate between Ankara, Lyon and Kraków."
        ),
    },
    {
        "slug": "karsiyaka-thessaloniki",
        "name": "Karşıyaka – Thessaloniki",
        "towns": ["karsiyaka", "thessaloniki"],
        "status": "active",
        "founded_on": date(2008, 9, 1),
        "themes": ["intercultural", "local_economy", "crisis_management"],
        "activity_types": ["project_implementation", "study_visits", "monitoring"],
        "working_languages": ["tr", "el", "en"],
        "description_language": "tr",
        "description": (
            "Ege'nin iki kıyısındaki iki belediye: **kültür mirası**, **kıyı turizmi** ve "
            "**afet hazırlığı** alanlarında ortak projeler.\n\n"
            "1. Ortak deprem tatbikatları\n"
            "2. Yerel üreticiler için karşılıklı pazar günleri\n"
        ),
    },
    {
        "slug": "sahinbey-plovdiv",
        "name": "Şahinbey – Plovdiv",
        "towns": ["sahinbey", "plovdiv"],
        "status": "proposed",
        "proposed_by": "hatice.dogan",
        "founded_on": None,
        "themes": ["local_economy", "research"],
        "activity_types": ["study_visits"],
        "working_languages": ["tr", "bg", "en"],
        "description_language": "en",
        "description": "A proposed partnership on **food industry** and **vocational training**.",
    },
]

# e-mail (before @), display name, locale, town, site role, languages {code: CEFR level},
# memberships [(partnership slug, role)]
ACCOUNTS = [
    ("admin", "Elif Aydın", "en", None, "admin", {"tr": "native", "en": "C2"}, []),
    ("moderator", "Katarzyna Nowak", "en", "krakow", "moderator",
     {"pl": "native", "en": "C1", "de": "B1"}, []),
    ("coordinator.tr", "Ayşe Yılmaz", "tr", "nilufer", "user",
     {"tr": "native", "en": "B2", "de": "A2"}, [("nilufer-darmstadt", "coordinator")]),
    ("coordinator.de", "Jürgen Weiß", "de", "darmstadt", "user",
     {"de": "native", "en": "C1", "tr": "A1"}, [("nilufer-darmstadt", "coordinator")]),
    ("staff.tr", "Mehmet Öztürk", "en", "nilufer", "user",
     {"tr": "native", "en": "B2", "de": "B1"}, [("nilufer-darmstadt", "staff")]),
    ("citizen", "Zeynep Kaya", "en", "karsiyaka", "user", {"tr": "native", "en": "B1"}, []),
    ("staff.de", "Anna Schäfer", "de", "darmstadt", "user",
     {"de": "native", "en": "C1", "tr": "B2"}, [("nilufer-darmstadt", "staff")]),
    ("deniz.arslan", "Deniz Arslan", "de", "darmstadt", "user",
     {"de": "native", "tr": "native", "en": "B2"}, [("nilufer-darmstadt", "staff")]),
    ("emre.celik", "Emre Çelik", "tr", "cankaya", "user",
     {"tr": "native", "fr": "B2", "en": "B2"}, [("cankaya-lyon-krakow", "coordinator")]),
    ("claire.dubois", "Claire Dubois", "fr", "lyon", "user",
     {"fr": "native", "en": "C1", "tr": "A1"}, [("cankaya-lyon-krakow", "coordinator")]),
    ("piotr.wisniewski", "Piotr Wiśniewski", "pl", "krakow", "user",
     {"pl": "native", "en": "B2", "fr": "A2"}, [("cankaya-lyon-krakow", "staff")]),
    ("sukru.gunes", "Şükrü Güneş", "tr", "karsiyaka", "user",
     {"tr": "native", "el": "A2", "en": "B1"}, [("karsiyaka-thessaloniki", "coordinator")]),
    ("giorgos.papadopoulos", "Γιώργος Παπαδόπουλος", "el", "thessaloniki", "user",
     {"el": "native", "en": "C1", "tr": "A2"}, [("karsiyaka-thessaloniki", "coordinator")]),
    ("hatice.dogan", "Hatice Doğan", "tr", "sahinbey", "user",
     {"tr": "native", "en": "B1", "bg": "A1"}, [("sahinbey-plovdiv", "coordinator")]),
]

ROLE_LABELS = {"admin": "administrator", "moderator": "moderator"}


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str  # a short description for the command's output


def email_for(name: str) -> str:
    return f"{name}@{DOMAIN}"


def database_is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None


def load() -> list[DemoAccount]:
    """Add whatever demo rows are missing; return the accounts, for printing."""
    towns = {row[0]: _town(*row) for row in TOWNS}
    partnerships = {spec["slug"]: _partnership(spec, towns) for spec in PARTNERSHIPS}
    users: dict[str, User] = {}
    password_hash: list[str] = []  # hashing is slow on purpose: every demo account shares one
    accounts = []
    for name, display_name, locale, town_slug, site_role, languages, roles in ACCOUNTS:
        town = towns[town_slug] if town_slug else None
        user = _user(
            email_for(name), display_name, locale, town, site_role, languages, password_hash
        )
        users[name] = user
        described = []
        for slug, role in roles:
            partnership = partnerships[slug]
            _membership(user, partnership, town, role)
            proposed = " (proposed)" if partnership.status == "proposed" else ""
            described.append(f"{role}, {partnership.name}{proposed}, {town.native_name}")
        if site_role in ROLE_LABELS:
            described.insert(0, ROLE_LABELS[site_role])
        accounts.append(DemoAccount(user.email, "; ".join(described) or "citizen (no membership)"))
    for spec in PARTNERSHIPS:
        partnership = partnerships[spec["slug"]]
        if spec.get("proposed_by") and partnership.proposed_by_id is None:
            partnership.proposed_by = users[spec["proposed_by"]]
    db.session.flush()
    load_content()
    return accounts


def load_content() -> None:
    """Documents, threads, exchange postings, good practices, flags, glossaries and
    translations of the demo partnerships (each seeder is idempotent on its own; translations
    come last because they are of the others' content)."""
    from hub.exchange.demo import seed_exchange
    from hub.forum.demo import seed_forum
    from hub.goodpractices.demo import seed_good_practices
    from hub.library.demo import seed_library
    from hub.moderation.demo import seed_moderation
    from hub.translations.demo import seed_translations

    seed_library()
    seed_forum()
    seed_exchange()
    seed_good_practices()
    seed_moderation()
    seed_translations()
    db.session.flush()


def _town(slug, native, latin, country, region, population, languages, tz, lat, lon, web) -> Town:
    town = db.session.scalar(select(Town).where(Town.slug == slug))
    if town is None:
        town = Town(
            slug=slug, native_name=native, latin_name=latin, country=country, region=region,
            population=population, official_languages=languages, timezone=tz,
            latitude=lat, longitude=lon, website=web,
        )
        db.session.add(town)
        db.session.flush()
    return town


def _partnership(spec: dict, towns: dict[str, Town]) -> Partnership:
    partnership = db.session.scalar(select(Partnership).where(Partnership.slug == spec["slug"]))
    if partnership is None:
        fields = {k: v for k, v in spec.items() if k not in {"towns", "proposed_by"}}
        partnership = Partnership(
            **fields, approved_at=utcnow() if spec["status"] != "proposed" else None
        )
        partnership.partner_towns = [PartnershipTown(town=towns[slug]) for slug in spec["towns"]]
        db.session.add(partnership)
        db.session.flush()
    return partnership


def _user(email, display_name, locale, town, site_role, languages, password_hash) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(
            email=email, display_name=display_name, locale=locale, site_role=site_role,
            town=town, timezone=town.timezone if town else None, verified_at=utcnow(),
        )
        if password_hash:
            user.password_hash = password_hash[0]
        else:
            user.set_password(PASSWORD)
            password_hash.append(user.password_hash)
        user.languages = [UserLanguage(language=c, level=lvl) for c, lvl in languages.items()]
        db.session.add(user)
        db.session.flush()
    return user


def _membership(user: User, partnership: Partnership, town: Town, role: str) -> Membership:
    membership = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.partnership_id == partnership.id
        )
    )
    if membership is None:
        membership = Membership(
            user=user, partnership=partnership, town=town, role=role, status="active",
            decided_at=utcnow(),
        )
        db.session.add(membership)
        db.session.flush()
    return membership

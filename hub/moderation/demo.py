"""Demo moderation: a few flags in the queue, built on the demo forum and library.

`seed_moderation()` is called by hub/demo.py after the forum and the library are seeded. It
adds its posts and flags only when there are no flags yet (safe to run again), looks people and
content up by the demo e-mail addresses and titles, and skips whatever is missing. It flushes;
the caller commits.

- An off-topic advertisement in the public earthquake-drill thread, flagged by three people:
  hidden automatically, its author notified, waiting for a moderator.
- A reply with a volunteer's phone number in the public youth-festival thread (one flag,
  personal data).
- A public library document flagged as out of date.
"""

from __future__ import annotations

from flask import current_app, has_request_context
from sqlalchemy import select

from hub.accounts.models import User
from hub.extensions import db
from hub.forum import services as forum_services
from hub.forum.models import Thread
from hub.library.models import Document
from hub.moderation import services
from hub.moderation.models import Flag
from hub.moderation.targets import get_target

DOMAIN = "demo.twinning.example"

ADVERT = (
    "Merhabalar! Gaziantep'ten **taze fıstıklı baklava** siparişi alıyoruz, tüm Türkiye'ye ve "
    "Yunanistan'a kargo var. Deprem tatbikatına katılan okullara %20 indirim 🙂 "
    "Sipariş için bana yazın."
)
PHONE = (
    "Koordynatorka wolontariuszy z Lyonu to pani Amélie — jej prywatny numer: +33 6 12 34 56 78, "
    "adres: 14 rue des Capucins. Dzwońcie śmiało o każdej porze!"
)


def _user(name: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == f"{name}@{DOMAIN}"))


def _thread(title_start: str) -> Thread | None:
    return db.session.scalar(select(Thread).where(Thread.title.startswith(title_start)))


def seed_moderation() -> int:
    """Add the demo flags when there are none; returns how many flags were added."""
    if has_request_context():
        return _seed()
    with current_app.test_request_context(base_url=current_app.config["HUB_BASE_URL"]):
        return _seed()


def _flag(reporter: User | None, kind: str, obj, reason: str, note: str = "") -> int:
    if reporter is None or obj is None:
        return 0
    services.flag(reporter, get_target(kind), obj, reason, note)
    return 1


def _seed() -> int:
    if db.session.scalar(select(Flag.id).limit(1)) is not None:
        return 0
    added = 0
    drill = _thread("Άσκηση σεισμού")
    advertiser = _user("hatice.dogan")
    if drill is not None and advertiser is not None:
        advert = forum_services.add_reply(drill, advertiser, body=ADVERT, language="tr")
        added += _flag(_user("giorgos.papadopoulos"), "post", advert, "off_topic",
                       "Διαφήμιση, όχι σχετικό με την άσκηση.")
        added += _flag(_user("sukru.gunes"), "post", advert, "spam", "Reklam.")
        added += _flag(_user("citizen"), "post", advert, "off_topic")
    festival = _thread("Festiwal Młodzieży")
    piotr = _user("piotr.wisniewski")
    if festival is not None and piotr is not None:
        phone = forum_services.add_reply(festival, piotr, body=PHONE, language="pl")
        added += _flag(_user("claire.dubois"), "post", phone, "personal_data",
                       "Amélie n'a jamais accepté que son numéro soit publié ici.")
    report = db.session.scalar(
        select(Document).where(Document.title == "Workshop report: community composting"))
    added += _flag(_user("citizen"), "document", report, "other",
                   "Bu rapordaki rakamlar 2019'dan kalma, güncel değil.")
    db.session.flush()
    return added

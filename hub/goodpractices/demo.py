"""Demo good practices: five published entries built from the demo partnerships' threads and
documents, and one open nomination.

`seed_good_practices()` is called by hub/demo.py after the forum and the library are seeded.
The moderator (moderator@…) writes each entry and sends it for review; the admin (admin@…)
approves it: the second pair of eyes the library asks for. It adds nothing when entries exist
already (safe to run again), skips whatever is missing, and flushes; the caller commits.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db
from hub.forum.models import Thread
from hub.goodpractices import services
from hub.goodpractices.models import GoodPractice
from hub.library.models import Document
from hub.partnerships.models import Partnership

DOMAIN = "demo.twinning.example"

ENTRIES = [
    {
        "slug": "nilufer-darmstadt", "language": "en", "days_ago": 40,
        "themes": ["environment", "technical_knowhow"],
        "thread": "Organik atıkların", "document": "Workshop report: community composting",
        "title": "Separate collection of organic waste, written into the tender",
        "summary": "Nilüfer wrote its first tender for collecting organic waste separately with "
                   "Darmstadt's contract terms at hand: weekly summer collection, a target for "
                   "impurities and a quarterly bonus or penalty for the contractor.",
        "problem": "Organic waste went to landfill with everything else. The first draft of "
                   "the tender had no measurable quality targets, so the compost plant would "
                   "have received whatever came.",
        "approach": "- Darmstadt shared its 2019 service description\n- Nilüfer translated "
                    "the performance criteria and adapted them to Turkish procurement law\n- A "
                    "joint workshop visited three neighbourhood compost sites",
        "results": "In Darmstadt, checks at the bin (a yellow card for plastic) cut "
                   "impurities from 7.1 % to 2.5 % in one year. In Nilüfer's pilot streets "
                   "organic waste in the residual bin fell by 38 % within six months.",
        "resources": "Staff time of two environment departments; one study visit; no "
                     "outside consultants.",
        "transferability": "Any municipality that tenders waste collection can copy the "
                           "contract terms. Translate the performance criteria, not just the "
                           "words: legal limits for penalties differ between countries.",
        "pitfalls": "Collect weekly in summer, or complaints about smells will sink the "
                    "project. Announce bin checks before the first yellow card.",
        "contacts": "Environment departments of Nilüfer and Darmstadt, through the partnership's "
                    "workspace.",
    },
    {
        "slug": "nilufer-darmstadt", "language": "tr", "days_ago": 30,
        "themes": ["good_governance", "social_development"],
        "thread": "Jugendrat gründen",
        "title": "Gençlik meclisi: gençlerin belediye kararlarına katılımı",
        "summary": "Nilüfer 2015'ten beri okullardan ve gençlik kulüplerinden seçilen 60 "
                   "üyeli bir gençlik meclisiyle çalışıyor; Darmstadt bu modeli kendi "
                   "Jugendrat'ı için inceledi.",
        "problem": "Gençler belediyenin kararlarında söz sahibi değildi; katılım "
                   "toplantılarına neredeyse hiç genç gelmiyordu.",
        "approach": "Meclis üyeleri okullardan ve kulüplerden seçiliyor. Yıllık küçük bir "
                    "proje bütçesi var; meclis kararlarını belediye meclisine öneri olarak "
                    "sunuyor.",
        "results": "Gençlik meclisinin önerileri her yıl belediye meclisinin gündemine "
                   "giriyor; Darmstadt aynı seçim yöntemini deniyor.",
        "resources": "Bir koordinatör ve yıllık küçük bir proje bütçesi.",
        "transferability": "Her büyüklükte belediyeye uyarlanabilir; seçim yöntemi okul "
                           "sistemine göre değişir.",
        "pitfalls": "Toplantılar okul saatleri dışında yapılmalı ve kararların gerçekten takip "
                    "edildiği gençlere gösterilmeli.",
        "contacts": "Nilüfer Belediyesi Gençlik Meclisi.",
    },
    {
        "slug": "cankaya-lyon-krakow", "language": "fr", "days_ago": 21,
        "themes": ["social_development"],
        "thread": "Portage de repas",
        "title": "Portage de repas à domicile : trois modèles comparés",
        "summary": "Lyon, Cracovie et Çankaya ont comparé leurs services de repas pour les "
                   "personnes âgées : régie municipale, partenariat avec des associations et "
                   "cuisine centrale.",
        "problem": "Lyon devait choisir entre une régie et une délégation de service public "
                   "sans données comparables.",
        "approach": "Chaque ville a décrit son modèle, ses coûts et ses points faibles dans le "
                    "forum du partenariat ; Çankaya a partagé son tableau de coûts.",
        "results": "Çankaya livre 1 200 repas chauds par jour depuis sa propre cuisine. "
                   "Cracovie a montré l'intérêt d'un numéro de téléphone unique pour les "
                   "seniors.",
        "resources": "Aucun budget supplémentaire : échange entre services sociaux.",
        "transferability": "La comparaison vaut pour toute ville qui revoit son service ; les "
                           "coûts doivent être ramenés au repas livré.",
        "pitfalls": "Comparer des repas livrés, pas des budgets annuels : les périmètres "
                    "diffèrent.",
        "contacts": "Services sociaux de Lyon, de Cracovie (MOPS) et de Çankaya.",
    },
    {
        "slug": "karsiyaka-thessaloniki", "language": "en", "days_ago": 12,
        "themes": ["crisis_management"],
        "thread": "Άσκηση σεισμού",
        "title": "A joint earthquake drill for the schools of two towns",
        "summary": "Thessaloniki and Karşıyaka ran the same earthquake scenario in their "
                   "schools and compared the results with one questionnaire.",
        "problem": "Each town drilled on its own, with different scenarios, so neither could "
                   "learn from the other's evacuation times.",
        "approach": "1. A common scenario of magnitude 6.2\n2. Evacuation within three "
                    "minutes\n3. One questionnaire, translated into Greek and Turkish\n"
                    "4. Twelve schools in Karşıyaka, with the national disaster agency",
        "results": "Comparable evacuation times for both towns, and a questionnaire that "
                   "other partnerships can reuse.",
        "resources": "Civil protection staff of both towns; translation of the questionnaire.",
        "transferability": "Works for any pair of towns in earthquake zones; the scenario and "
                           "the questionnaire can be reused as they are.",
        "pitfalls": "Tell the parents beforehand: without notice, children were frightened.",
        "contacts": "Civil protection offices of Karşıyaka and Thessaloniki.",
    },
    {
        "slug": "karsiyaka-thessaloniki", "language": "tr", "days_ago": 5,
        "themes": ["local_economy", "intercultural"],
        "thread": "Karşılıklı pazar günleri",
        "title": "Karşılıklı pazar günleri: yerel üreticiler Ege'nin iki yakasında",
        "summary": "Karşıyaka ve Selanik, birbirlerinin kentinde yerel üreticilere açık pazar "
                   "günleri düzenliyor; kadın kooperatiflerine öncelik veriliyor.",
        "problem": "Küçük üreticilerin yurt dışı pazarlara ulaşması çok pahalıydı.",
        "approach": "Her kent 15 üretici seçiyor; seçimde kadın kooperatiflerine öncelik "
                    "veriliyor. Selanik'ten zeytinyağı ve bal üreticileri geliyor.",
        "results": "İlk pazar günü 14 Eylül'de yapıldı; iki kentin üreticileri arasında "
                   "ilk ortak satış anlaşmaları imzalandı.",
        "resources": "Stant alanı, ulaşım desteği ve tercüman.",
        "transferability": "Kıyı kentleri ve feribot bağlantısı olan eşleşmeler için uygun.",
        "pitfalls": "Gümrük ve gıda güvenliği kurallarını erkenden öğrenin.",
        "contacts": "Karşıyaka Belediyesi Yerel Ekonomi Birimi.",
    },
]


def _user(name: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == f"{name}@{DOMAIN}"))


def seed_good_practices() -> int:
    """Add the demo entries when there are none; returns how many were published."""
    if has_request_context():
        return _seed()
    with current_app.test_request_context(base_url=current_app.config["HUB_BASE_URL"]):
        return _seed()


def _sources(spec: dict, partnership: Partnership) -> list[dict]:
    found = []
    thread = db.session.scalar(select(Thread).where(
        Thread.partnership_id == partnership.id, Thread.title.startswith(spec["thread"])))
    if thread is not None:
        path = url_for("forum.thread", slug=partnership.slug, thread_id=thread.id)
        found.append({"kind": "thread", "target_id": thread.id, "url": path, "label": ""})
    document = db.session.scalar(select(Document).where(
        Document.partnership_id == partnership.id, Document.title == spec.get("document", "")))
    if document is not None:
        path = url_for("library.document", slug=partnership.slug, document_id=document.id)
        found.append({"kind": "document", "target_id": document.id, "url": path, "label": ""})
    return found


def _seed() -> int:
    if db.session.scalar(select(GoodPractice.id).limit(1)) is not None:
        return 0
    writer, reviewer = _user("moderator"), _user("admin")
    if writer is None or reviewer is None:
        return 0
    published = 0
    for spec in ENTRIES:
        partnership = db.session.scalar(select(Partnership).where(
            Partnership.slug == spec["slug"]))
        if partnership is None:
            continue
        values = {key: spec[key] for key in (
            "title", "summary", "problem", "approach", "results", "resources",
            "transferability", "pitfalls", "contacts", "language", "themes")}
        values.update(partnership_id=partnership.id,
                      town_ids=[t.id for t in partnership.towns],
                      sources=_sources(spec, partnership))
        practice = services.create_entry(writer, values)
        services.submit(writer, practice)
        services.approve(reviewer, practice)
        practice.published_at = utcnow() - timedelta(days=spec["days_ago"])
        published += 1
    festival = db.session.scalar(select(Thread).where(Thread.title.startswith("Festiwal")))
    nominator = _user("emre.celik")
    if festival is not None and nominator is not None:
        services.nominate(nominator, "thread", festival, label=festival.title,
                          partnership_id=festival.partnership_id,
                          note="Üç kentten gönüllülerle bir festival: başka eşleşmelere örnek.")
    db.session.flush()
    return published

"""Demo forum threads in Turkish, German, French, Polish and Greek, for the demo partnerships.

`seed_forum()` is called by hub/demo.py after the partnerships and accounts exist. It adds the
threads of a partnership only when that partnership has none yet (safe to run again), looks
people up by the demo e-mail addresses and skips whatever is missing. It flushes; the caller
commits.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, has_request_context
from sqlalchemy import func, select

from hub.accounts.models import User
from hub.db import utcnow
from hub.extensions import db
from hub.forum import services
from hub.forum.models import Post, Thread
from hub.partnerships.models import Partnership

DOMAIN = "demo.twinning.example"

# partnership slug → threads: (author, title, theme, language, visibility, flags, posts)
# posts: (author, language, Markdown); flags: "pinned", "locked", "solved:<post index>".
THREADS = {
    "nilufer-darmstadt": [
        ("coordinator.tr",
         "Organik atıkların ayrı toplanması: ihale şartnamesini nasıl yazdınız?",
         "environment", "tr", "members", ["solved:2"], [
             ("coordinator.tr", "tr",
              "Merhaba arkadaşlar,\n\nNilüfer'de 2025'te **organik atık** için ayrı toplama "
              "ihalesine çıkıyoruz. Şartnamede şu konularda zorlanıyoruz:\n\n"
              "1. Toplama sıklığı (yazın haftada iki mi, üç mü?)\n"
              "2. Kompost tesisine teslimde kalite kontrolü\n"
              "3. Yüklenicinin performans ölçütleri\n\nDarmstadt'taki deneyimlerinizi merak "
              "ediyoruz."),
             ("coordinator.de", "de",
              "Hallo Ayşe,\n\nwir haben die Biotonne 2019 neu ausgeschrieben. Wichtig war:\n\n"
              "- **Sommer:** wöchentliche Leerung, sonst Geruchsbeschwerden\n"
              "- **Störstoffquote** unter 3 % als Vertragsziel, mit Sichtkontrolle an der "
              "Anlage\n- Bonus/Malus je Quartal\n\nIch schicke dir unsere Leistungsbeschreibung."),
             ("staff.de", "de",
              "Ergänzung aus der Praxis: Die Kontrollen an der Tonne (gelbe Karte bei Plastik) "
              "haben die Störstoffquote in einem Jahr von 7 % auf 2,5 % gesenkt.\n\n"
              "| Jahr | Störstoffe |\n|---|---|\n| 2019 | 7,1 % |\n| 2020 | 2,5 % |"),
             ("staff.tr", "tr",
              "Teşekkürler! @Jürgen Weiß, performans ölçütlerini Türkçeye çevirip "
              "şartnameye uyarladık. Taslağı kütüphaneye yükleyeceğim."),
         ]),
        ("coordinator.de", "Jugendrat gründen: Wie hat Nilüfer angefangen?",
         "good_governance", "de", "public", ["pinned"], [
             ("coordinator.de", "de",
              "Darmstadt möchte einen **Jugendrat** einrichten. Nilüfer hat seit 2015 einen "
              "Gençlik Meclisi.\n\nWie werden die Mitglieder gewählt, und welches Budget hat "
              "der Rat?"),
             ("coordinator.tr", "tr",
              "Gençlik Meclisimiz okullardan ve gençlik kulüplerinden seçilen 60 üyeden "
              "oluşuyor. Yıllık küçük bir proje bütçesi var; kararları belediye meclisine "
              "öneri olarak sunuluyor."),
             ("citizen", "tr",
              "Ben de Karşıyaka Gençlik Meclisi'ndeydim. En önemli şey: toplantıların okul "
              "saatleri dışında yapılması ve kararların gerçekten takip edilmesi."),
         ]),
    ],
    "cankaya-lyon-krakow": [
        ("claire.dubois",
         "Portage de repas à domicile pour les personnes âgées : quel modèle ?",
         "social_development", "fr", "members", [], [
             ("claire.dubois", "fr",
              "Bonjour à tous,\n\nLyon revoit son service de **portage de repas**. Nous "
              "hésitons entre une régie municipale et une délégation de service public.\n\n"
              "Comment faites-vous à Cracovie et à Çankaya ?"),
             ("piotr.wisniewski", "pl",
              "W Krakowie posiłki dostarcza miejski ośrodek pomocy społecznej (MOPS) razem z "
              "organizacjami pozarządowymi. Kluczowe okazało się **jedno centrum "
              "telefoniczne** dla seniorów."),
             ("emre.celik", "tr",
              "Çankaya'da sıcak yemek servisini kendi mutfağımızdan yapıyoruz; 1.200 kişiye "
              "günlük dağıtım var. Maliyet tablosunu paylaşabilirim."),
         ]),
        ("piotr.wisniewski", "Festiwal Młodzieży 2025: wolontariusze z trzech miast",
         "intercultural", "pl", "public", [], [
             ("piotr.wisniewski", "pl",
              "Cześć!\n\nPrzygotowujemy **Festiwal Młodzieży 2025** w Krakowie (lipiec). "
              "Szukamy po 10 wolontariuszy z Lyonu i Çankayi.\n\n- zakwaterowanie: akademik\n"
              "- język roboczy: angielski\n- zgłoszenia do 31 marca"),
             ("claire.dubois", "fr",
              "Super ! Lyon enverra un groupe de la Maison de la jeunesse. Pouvez-vous "
              "partager le programme provisoire ?"),
         ]),
    ],
    "karsiyaka-thessaloniki": [
        ("giorgos.papadopoulos", "Άσκηση σεισμού: κοινό σενάριο για τα σχολεία",
         "crisis_management", "el", "public", [], [
             ("giorgos.papadopoulos", "el",
              "Καλημέρα σας,\n\nΠροτείνουμε **κοινή άσκηση σεισμού** στα σχολεία της "
              "Θεσσαλονίκης και της Karşıyaka τον Οκτώβριο.\n\n1. Κοινό σενάριο 6,2 Ρίχτερ\n"
              "2. Εκκένωση σε 3 λεπτά\n3. Αξιολόγηση με κοινό ερωτηματολόγιο"),
             ("sukru.gunes", "tr",
              "Harika bir fikir. AFAD ile birlikte 12 okulda tatbikat yapabiliriz. "
              "Soru formunu Türkçeye çevirelim mi?"),
             ("citizen", "tr",
              "Bir veli olarak: lütfen velilere önceden bilgi verin, geçen yıl çocuklar çok "
              "korkmuştu."),
         ]),
        ("sukru.gunes", "Karşılıklı pazar günleri: üretici seçimi nasıl yapılmalı?",
         "local_economy", "tr", "members", ["locked"], [
             ("sukru.gunes", "tr",
              "Selanik'teki pazar günü için Karşıyaka'dan 15 üretici seçeceğiz. Kadın "
              "kooperatiflerine öncelik vermeyi düşünüyoruz."),
             ("giorgos.papadopoulos", "el",
              "Συμφωνούμε. Από τη Θεσσαλονίκη θα έρθουν παραγωγοί ελαιολάδου και μελιού. "
              "Η ημερομηνία είναι 14 Σεπτεμβρίου."),
         ]),
    ],
}


def _user(name: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == f"{name}@{DOMAIN}"))


def seed_forum() -> int:
    """Add the demo threads that are missing; returns how many threads were added."""
    if has_request_context():
        return _seed()
    with current_app.test_request_context(base_url=current_app.config["HUB_BASE_URL"]):
        return _seed()


def _seed() -> int:
    added = 0
    for slug, threads in THREADS.items():
        p = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
        if p is None or not p.is_public:
            continue
        if db.session.scalar(select(func.count(Thread.id)).where(Thread.partnership_id == p.id)):
            continue
        for days_ago, spec in zip((9, 4), threads, strict=False):
            if _seed_thread(p, spec, utcnow() - timedelta(days=days_ago)):
                added += 1
    db.session.flush()
    return added


def _seed_thread(p: Partnership, spec, start) -> Thread | None:
    author_name, title, theme, language, visibility, flags, posts = spec
    people = [_user(name) for name, _lang, _text in posts]
    author = _user(author_name)
    if author is None or any(u is None for u in people):
        return None
    thread = services.create_thread(
        p, author, title=title, body=posts[0][2], theme=theme, language=language,
        visibility=visibility,
    )
    created: list[Post] = list(db.session.scalars(select(Post).where(Post.thread_id == thread.id)))
    for user, (_name, lang, text) in zip(people[1:], posts[1:], strict=True):
        created.append(services.add_reply(thread, user, body=text, language=lang))
    for i, post in enumerate(created):  # spread the conversation over a few days
        post.created_at = start + timedelta(hours=7 * i)
    thread.created_at = created[0].created_at
    thread.last_activity_at = created[-1].created_at
    for flag in flags:
        if flag == "pinned":
            thread.pinned = True
        elif flag == "locked":
            thread.locked = True
        elif flag.startswith("solved:"):
            thread.solution_post_id = created[int(flag.split(":")[1])].id
    if len(created) > 1:
        services.toggle_reaction(created[1], author, "helpful")
        services.toggle_reaction(created[1], author, "thanks")
    db.session.flush()
    return thread

"""Demo glossaries and human translations, so that a person trying the hub meets them at once.

Each active demo partnership gets a shared glossary of real municipal terms in its working
languages; the forum posts seeded by hub/forum/demo.py already use several of them, so they show
as tooltips. In Nilüfer – Darmstadt, two bilingual members (Deniz Arslan, German and Turkish;
Anna Schäfer, German with good Turkish) have translated posts, a thread title, a document
description, an exchange posting and a good-practice field: some verified by the other one, some
not yet, and one whose original was edited after it was translated (shown as out of date).

`seed_translations()` is called by hub/demo.py after the other demo content. It is idempotent: a
partnership's glossary is added only when it has no terms, a translation only when the field has
no human translation into that language yet. It looks people up by their demo e-mail address and
content by partnership and title, and skips whatever is missing. It writes through the services
(so the search index follows) and flushes; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hub.accounts.models import User
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum import services as forum_services
from hub.forum.models import Post, Thread
from hub.goodpractices.models import GoodPractice
from hub.library.models import Document
from hub.partnerships.models import Partnership
from hub.translations import queries, services
from hub.translations.models import GlossaryTerm
from hub.translations.targets import get_target

DOMAIN = "demo.twinning.example"

# partnership slug → (the coordinator who keeps the glossary, [(entries, note)])
GLOSSARIES: dict[str, tuple[str, list[tuple[dict[str, str], str]]]] = {
    "nilufer-darmstadt": ("coordinator.tr", [
        ({"tr": "belediye meclisi", "de": "Gemeinderat", "en": "city council"},
         "Darmstadt (Hessen): Stadtverordnetenversammlung."),
        ({"tr": "belediye başkanı", "de": "Oberbürgermeister", "en": "mayor"}, ""),
        ({"tr": "gençlik meclisi", "de": "Jugendrat", "en": "youth council"}, ""),
        ({"tr": "muhtar", "de": "Ortsvorsteher", "en": "neighbourhood headman"},
         "Elected head of a mahalle; Ortsvorsteher is the nearest German office."),
        ({"tr": "organik atık", "de": "Bioabfall", "en": "organic waste"}, ""),
        ({"tr": "ayrı toplama", "de": "getrennte Sammlung", "en": "separate collection"}, ""),
        ({"tr": "yabancı madde oranı", "de": "Störstoffquote", "en": "contamination rate"},
         "Share of plastic, glass and other impurities in collected organic waste."),
        ({"tr": "teknik şartname", "de": "Leistungsbeschreibung",
          "en": "technical specifications"}, ""),
        ({"tr": "çalışma ziyareti", "de": "Studienbesuch", "en": "study visit"}, ""),
        ({"tr": "kompost tesisi", "de": "Kompostwerk", "en": "composting plant"}, ""),
    ]),
    "cankaya-lyon-krakow": ("emre.celik", [
        ({"tr": "belediye meclisi", "fr": "conseil municipal", "pl": "rada miasta",
          "en": "city council"}, ""),
        ({"tr": "belediye başkanı", "fr": "maire", "pl": "prezydent miasta", "en": "mayor"},
         "Polish cities: prezydent miasta; smaller towns: burmistrz."),
        ({"tr": "sosyal yardım işleri müdürlüğü", "fr": "centre communal d'action sociale",
          "pl": "ośrodek pomocy społecznej", "en": "municipal social welfare office"},
         "Lyon: CCAS; Kraków: MOPS."),
        ({"tr": "sıcak yemek servisi", "fr": "portage de repas", "pl": "dowóz posiłków",
          "en": "meals on wheels"}, ""),
        ({"tr": "gönüllü", "fr": "bénévole", "pl": "wolontariusz", "en": "volunteer"}, ""),
        ({"tr": "gençlik festivali", "fr": "festival de la jeunesse",
          "pl": "festiwal młodzieży", "en": "youth festival"}, ""),
        ({"tr": "yaşlı hizmetleri", "fr": "services aux personnes âgées",
          "pl": "usługi dla seniorów", "en": "services for older people"}, ""),
    ]),
    "karsiyaka-thessaloniki": ("sukru.gunes", [
        ({"tr": "belediye meclisi", "el": "δημοτικό συμβούλιο", "en": "city council"}, ""),
        ({"tr": "belediye başkanı", "el": "δήμαρχος", "en": "mayor"}, ""),
        ({"tr": "deprem tatbikatı", "el": "άσκηση σεισμού", "en": "earthquake drill"}, ""),
        ({"tr": "tahliye", "el": "εκκένωση", "en": "evacuation"}, ""),
        ({"tr": "sivil koruma", "el": "πολιτική προστασία", "en": "civil protection"},
         "Türkiye: AFAD (Afet ve Acil Durum Yönetimi Başkanlığı)."),
        ({"tr": "semt pazarı", "el": "λαϊκή αγορά", "en": "weekly street market"}, ""),
        ({"tr": "kadın kooperatifi", "el": "γυναικείος συνεταιρισμός",
          "en": "women's cooperative"}, ""),
    ]),
}


@dataclass(frozen=True)
class DemoTranslation:
    """A human translation of one field. `find` names the content: a thread's title prefix
    (thread, post), a document's, posting's or good practice's exact title; `post` is the
    post's position in its thread. With `earlier`, the original had that text when it was
    translated and was edited afterwards (the translation is out of date)."""

    target_type: str
    find: str
    field: str
    language: str
    text: str
    translator: str
    verifier: str | None = None
    post: int = 0
    earlier: str | None = None


JUGENDRAT = "Jugendrat gründen"
ORGANIC = "Organik atıkların ayrı toplanması"
HOSPITATION = "Hospitation im Umweltamt: Bioabfall und Kompostierung"
YOUTH_PRACTICE = "Gençlik meclisi: gençlerin belediye kararlarına katılımı"

# Translations in Nilüfer – Darmstadt (the other partnerships have no member who reads two of
# their working languages well enough to translate).
TRANSLATIONS = [
    DemoTranslation(
        "thread", JUGENDRAT, "title", "tr", "Gençlik meclisi kurmak: Nilüfer nasıl başladı?",
        "deniz.arslan", verifier="staff.de"),
    DemoTranslation(
        "post", JUGENDRAT, "body", "tr",
        "Darmstadt bir **gençlik meclisi** kurmak istiyor. Nilüfer'in 2015'ten beri bir Gençlik "
        "Meclisi var.\n\nÜyeler nasıl seçiliyor ve meclisin bütçesi ne kadar?",
        "deniz.arslan", verifier="staff.de", post=0),
    DemoTranslation(
        "post", JUGENDRAT, "body", "de",
        "Unser Jugendrat (Gençlik Meclisi) hat 60 Mitglieder, die aus Schulen und Jugendklubs "
        "gewählt werden. Er hat ein kleines jährliches Projektbudget; seine Beschlüsse gehen "
        "als Empfehlungen an den Gemeinderat.",
        "staff.de", verifier="deniz.arslan", post=1),
    DemoTranslation(
        "post", ORGANIC, "body", "tr",
        "Merhaba Ayşe,\n\nBiz organik atık konteynerlerinin toplanmasını 2019'da yeniden "
        "ihaleye çıkardık. Önemli olanlar şunlardı:\n\n"
        "- **Yaz:** haftalık boşaltma, yoksa koku şikâyetleri başlıyor\n"
        "- Sözleşme hedefi olarak %3'ün altında **yabancı madde oranı**, tesiste gözle "
        "kontrol\n- Üç ayda bir bonus/ceza\n\nTeknik şartname metnimizi sana gönderiyorum.",
        "deniz.arslan", post=1),
    DemoTranslation(
        "post", ORGANIC, "body", "tr",
        "Uygulamadan bir ek: Konteynerlerde yapılan kontroller (plastik için sarı kart) "
        "sayesinde yabancı madde oranı bir yılda %7'den %3'e düştü.",
        "deniz.arslan", post=2,
        earlier="Ergänzung aus der Praxis: Die Kontrollen an der Tonne (gelbe Karte bei "
                "Plastik) haben die Störstoffquote in einem Jahr von 7 % auf 3 % gesenkt."),
    DemoTranslation(
        "document", "Atık Yönetimi Eylem Planı", "description", "de",
        "Dreijähriger Aktionsplan: Ziele, Zuständigkeiten, Budget.", "staff.de"),
    DemoTranslation(
        "document", "Workshop report: community composting", "description", "tr",
        "Ortak kompost çalıştayının bulguları ve pilot sokaklardan rakamlar.",
        "staff.tr", verifier="deniz.arslan"),
    DemoTranslation(
        "posting", HOSPITATION, "title", "tr",
        "Çevre Dairesinde iş başında gözlem: organik atık ve kompostlama",
        "deniz.arslan", verifier="staff.de"),
    DemoTranslation(
        "posting", HOSPITATION, "description", "tr",
        "**Çevre Dairesinde iş başında gözlem: organik atık ve kompostlama**\n\n"
        "Çevre Dairesi (Umweltamt).",
        "deniz.arslan"),
    DemoTranslation(
        "good_practice", YOUTH_PRACTICE, "title", "de",
        "Jugendrat: Wie junge Menschen an den Entscheidungen der Stadt mitwirken",
        "staff.de", verifier="deniz.arslan"),
    DemoTranslation(
        "good_practice", YOUTH_PRACTICE, "summary", "de",
        "Nilüfer arbeitet seit 2015 mit einem Jugendrat aus 60 Mitgliedern, die von Schulen "
        "und Jugendklubs gewählt werden; Darmstadt hat das Modell für seinen eigenen Jugendrat "
        "geprüft.",
        "staff.de"),
]
TRANSLATIONS_IN = "nilufer-darmstadt"


def _user(name: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == f"{name}@{DOMAIN}"))


def _partnership(slug: str) -> Partnership | None:
    return db.session.scalar(select(Partnership).where(Partnership.slug == slug))


def seed_translations() -> int:
    """Add the missing glossaries and translations; returns how many rows were added."""
    added = sum(_seed_glossary(slug, *spec) for slug, spec in GLOSSARIES.items())
    partnership = _partnership(TRANSLATIONS_IN)
    if partnership is not None:
        added += sum(_seed_translation(partnership, spec) for spec in TRANSLATIONS)
    db.session.flush()
    return added


def _seed_glossary(slug: str, keeper: str, terms: list[tuple[dict[str, str], str]]) -> int:
    partnership = _partnership(slug)
    user = _user(keeper)
    if partnership is None or user is None:
        return 0
    has_terms = db.session.scalar(
        select(GlossaryTerm.id).where(GlossaryTerm.partnership_id == partnership.id).limit(1)
    )
    if has_terms is not None:
        return 0
    for entries, note in terms:
        services.save_term(None, partnership, entries, note, user)
    return len(terms)


def _content(partnership: Partnership, spec: DemoTranslation):
    """The post, thread, document, posting or good practice the translation is of, or None."""
    if spec.target_type in {"thread", "post"}:
        thread = db.session.scalar(select(Thread).where(
            Thread.partnership_id == partnership.id, Thread.title.startswith(spec.find)))
        if thread is None or spec.target_type == "thread":
            return thread
        posts = db.session.scalars(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()
        return posts[spec.post] if spec.post < len(posts) else None
    model = {"document": Document, "posting": Posting, "good_practice": GoodPractice}[
        spec.target_type]
    return db.session.scalar(select(model).where(
        model.partnership_id == partnership.id, model.title == spec.find).limit(1))


def _seed_translation(partnership: Partnership, spec: DemoTranslation) -> int:
    target = get_target(spec.target_type)
    obj = _content(partnership, spec)
    translator = _user(spec.translator)
    verifier = _user(spec.verifier) if spec.verifier else None
    if obj is None or translator is None or (spec.verifier and verifier is None):
        return 0
    existing = db.session.scalar(
        queries.translation_of(spec.target_type, obj.id, spec.field, spec.language, "human"))
    if existing is not None:
        return 0
    if spec.earlier is not None:
        return _seed_outdated(target, obj, spec, translator)
    row = services.save_translation(target, obj, spec.field, spec.language, spec.text,
                                    translator)
    if verifier is not None:
        services.verify_translation(row, verifier)
    return 1


def _seed_outdated(target, post: Post, spec: DemoTranslation, translator: User) -> int:
    """Replay what happened: the post said `earlier` when it was translated; its author
    edited it afterwards (the forum keeps the earlier text as a revision)."""
    current = post.body
    post.body = spec.earlier
    db.session.flush()
    services.save_translation(target, post, spec.field, spec.language, spec.text, translator)
    forum_services.edit_post(post, post.author, current)
    return 1

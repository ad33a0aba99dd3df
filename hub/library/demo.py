"""Demo documents: a dozen realistic files in several languages, with folders and translations.

`seed_library()` is idempotent (a partnership whose library already has documents is left
alone), needs the demo partnerships and members (hub.demo.load) and the app's file store. It
extracts text and makes thumbnails at once and flushes; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from hub.extensions import db
from hub.library import samples, services, uploads
from hub.library.models import Document, Folder
from hub.partnerships.models import Membership, Partnership


@dataclass
class Demo:
    key: str
    town: str  # slug of the uploader's town
    filename: str
    content: bytes
    title: str
    language: str
    theme: str | None = None
    description: str = ""
    public: bool = False
    folder: str | None = None  # "Parent/Child"
    translation_of: str | None = None
    notes: list[str] = field(default_factory=list)


def _docs() -> dict[str, list[Demo]]:
    compost_pdf = samples.pdf(
        [
            "Workshop report: community composting in Niluefer",
            "Participants from Niluefer and Darmstadt visited three neighbourhood compost sites.",
            "Result: organic waste in the pilot streets fell by 38 percent within six months.",
        ]
    )
    return {
        "nilufer-darmstadt": [
            Demo(
                "compost",
                "nilufer",
                "Workshop report composting 2025.pdf",
                compost_pdf,
                "Workshop report: community composting",
                "en",
                "environment",
                "Findings of the joint composting workshop, with figures from the pilot streets.",
                public=True,
                folder="Raporlar",
            ),
            Demo(
                "plan-tr",
                "nilufer",
                "Atık Yönetimi Eylem Planı.docx",
                samples.docx(
                    [
                        "Atık Yönetimi Eylem Planı 2026–2028",
                        "Nilüfer Belediyesi, Darmstadt'ın deneyiminden yararlanarak mahalle "
                        "ölçeğinde kompost ve ayrıştırma noktaları kuracaktır.",
                        "Çalıştay sonrasında üç pilot mahalle seçildi: "
                        "Görükle, Ataevler ve Beşevler.",
                    ]
                ),
                "Atık Yönetimi Eylem Planı",
                "tr",
                "environment",
                "Üç yıllık eylem planı: hedefler, sorumlular, bütçe.",
                folder="Raporlar",
            ),
            Demo(
                "plan-de",
                "darmstadt",
                "Aktionsplan Abfallwirtschaft.docx",
                samples.docx(
                    [
                        "Aktionsplan Abfallwirtschaft 2026–2028",
                        "Die Stadt Nilüfer richtet nach dem Darmstädter Vorbild Kompost- und "
                        "Sammelstellen in den Quartieren ein.",
                    ]
                ),
                "Aktionsplan Abfallwirtschaft",
                "de",
                "environment",
                folder="Raporlar",
                translation_of="plan-tr",
            ),
            Demo(
                "plan-en",
                "darmstadt",
                "Waste management action plan.odt",
                samples.odf(
                    "text",
                    [
                        "Waste management action plan 2026–2028",
                        "Nilüfer will set up neighbourhood composting and separation points.",
                    ],
                ),
                "Waste management action plan",
                "en",
                "environment",
                public=True,
                folder="Raporlar",
                translation_of="plan-tr",
            ),
            Demo(
                "budget",
                "nilufer",
                "Bütçe 2026.xlsx",
                samples.xlsx(
                    [
                        "Kalem",
                        "Kompost makineleri",
                        "Eğitim ve çalıştaylar",
                        "Personel değişimi",
                        "Toplam: 1.250.000 TL",
                    ]
                ),
                "Ortak proje bütçesi 2026",
                "tr",
                "local_economy",
            ),
            Demo(
                "exchange",
                "nilufer",
                "Personel değişimi katılımcılar.csv",
                "ad;birim;şehir;tarih\nMehmet Öztürk;Temizlik İşleri;Darmstadt;2026-05\n"
                "Anna Schäfer;Umweltamt;Nilüfer;2026-09\n".encode(),
                "Personel değişimi – katılımcı listesi",
                "tr",
                "technical_knowhow",
            ),
            Demo(
                "visit",
                "darmstadt",
                "Studienbesuch Programm.pdf",
                samples.pdf(
                    [
                        "Studienbesuch in Darmstadt - Programm",
                        "Montag: Besuch des Kompostwerks, Dienstag: Gespraech mit dem Umweltamt.",
                    ]
                ),
                "Studienbesuch Darmstadt – Programm",
                "de",
                "intercultural",
                public=True,
                folder="Toplantılar/2026",
            ),
            Demo(
                "minutes",
                "nilufer",
                "Toplantı notları 12 Mart 2026.md",
                "# Toplantı notları – 12 Mart 2026\n\n- Kompost çalıştayının sonuçları görüşüldü.\n"
                "- Darmstadt heyeti Mayıs'ta Nilüfer'i ziyaret edecek.\n".encode(),
                "Toplantı notları – 12 Mart 2026",
                "tr",
                "good_governance",
                folder="Toplantılar/2026",
            ),
            Demo(
                "photo",
                "nilufer",
                "Kompost tesisi.png",
                samples.image("png", (800, 600)),
                "Kompost tesisi, Görükle",
                "tr",
                "environment",
                public=True,
            ),
        ],
        "cankaya-lyon-krakow": [
            Demo(
                "mobility-fr",
                "lyon",
                "Plan de mobilité douce.pptx",
                samples.pptx(
                    [
                        "Plan de mobilité douce",
                        "Pistes cyclables et zones piétonnes à Lyon et Çankaya",
                    ]
                ),
                "Plan de mobilité douce",
                "fr",
                "policy_development",
                public=True,
            ),
            Demo(
                "mobility-tr",
                "cankaya",
                "Yumuşak ulaşım planı.odp",
                samples.odf(
                    "presentation",
                    [
                        "Yumuşak ulaşım planı",
                        "Lyon ve Çankaya'da bisiklet yolları ve yaya bölgeleri",
                    ],
                ),
                "Yumuşak ulaşım planı",
                "tr",
                "policy_development",
                translation_of="mobility-fr",
            ),
            Demo(
                "minutes-pl",
                "krakow",
                "Protokół ze spotkania.txt",
                "Protokół ze spotkania w Krakowie\n"
                "Omówiono wymianę pracowników urzędów.\n".encode(),
                "Protokół ze spotkania w Krakowie",
                "pl",
                "good_governance",
            ),
        ],
        "karsiyaka-thessaloniki": [
            Demo(
                "coast-el",
                "thessaloniki",
                "Σχέδιο δράσης για την ακτή.docx",
                samples.docx(
                    [
                        "Σχέδιο δράσης για την προστασία της ακτής",
                        "Κοινή δράση Θεσσαλονίκης και Καρşıyaka για καθαρές ακτές.",
                    ]
                ),
                "Σχέδιο δράσης για την ακτή",
                "el",
                "environment",
                public=True,
            ),
            Demo(
                "coast-tr",
                "karsiyaka",
                "Sahil eylem planı.docx",
                samples.docx(
                    [
                        "Sahil koruma eylem planı",
                        "Selanik ve Karşıyaka'nın temiz sahiller için ortak çalışması.",
                    ]
                ),
                "Sahil koruma eylem planı",
                "tr",
                "environment",
                translation_of="coast-el",
            ),
        ],
        "sahinbey-plovdiv": [
            Demo(
                "culture-bg",
                "plovdiv",
                "План за културен обмен.odt",
                samples.odf(
                    "text",
                    [
                        "План за културен обмен 2026",
                        "Фестивали, резиденции за художници и обмен на младежи.",
                    ],
                ),
                "План за културен обмен 2026",
                "bg",
                "intercultural",
                public=True,
            ),
        ],
    }


def seed_library() -> int:
    """Add the demo documents that are missing; return how many were added."""
    added = 0
    for slug, demos in _docs().items():
        partnership = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
        if partnership is None or _has_documents(partnership):
            continue
        uploaders = _uploaders(partnership)
        folders: dict[str, Folder] = {}
        made: dict[str, Document] = {}
        for demo in demos:
            user = uploaders.get(demo.town) or next(iter(uploaders.values()), None)
            if user is None:
                break
            made[demo.key] = _add(partnership, user, demo, folders, made)
            added += 1
    db.session.flush()
    return added


def _has_documents(partnership: Partnership) -> bool:
    count = db.session.scalar(
        select(func.count()).select_from(Document).where(Document.partnership_id == partnership.id)
    )
    return bool(count)


def _uploaders(partnership: Partnership) -> dict:
    """One active member per town slug (coordinators first)."""
    rows = db.session.scalars(
        select(Membership)
        .where(Membership.partnership_id == partnership.id, Membership.status == "active")
        .order_by(Membership.role, Membership.id)
    )
    uploaders: dict = {}
    for membership in rows:
        uploaders.setdefault(membership.town.slug, membership.user)
    return uploaders


def _folder(
    partnership: Partnership, path: str | None, folders: dict[str, Folder], user
) -> Folder | None:
    if not path:
        return None
    parent = None
    trail = ""
    for name in path.split("/"):
        trail = f"{trail}/{name}"
        if trail not in folders:
            folders[trail] = services.create_folder(partnership, parent, name, user)
        parent = folders[trail]
    return parent


def _add(
    partnership, user, demo: Demo, folders: dict[str, Folder], made: dict[str, Document]
) -> Document:
    from io import BytesIO

    from hub.permissions import forget_memberships

    forget_memberships()
    prepared = uploads.prepare(
        FileStorage(BytesIO(demo.content), demo.filename), language=demo.language
    )
    document = services.create_document(
        partnership,
        user,
        prepared,
        folder=_folder(partnership, demo.folder, folders, user),
        title=demo.title,
        description=demo.description,
        language=demo.language,
        theme=demo.theme,
        visibility="public" if demo.public else "members",
        translation_of=made.get(demo.translation_of) if demo.translation_of else None,
    )
    for version in document.versions:
        uploads.derive_now(version)
    return document

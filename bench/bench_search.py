"""Search latency on a large generated corpus, on SQLite (default) or PostgreSQL.

    .venv/bin/python bench/bench_search.py [--posts 1000000] [--documents 20000]
        [--database-url URL] [--queries 200] [--reuse]

Seeds towns, partnerships, members, threads, posts (in Turkish, German, French, Greek, English,
Bulgarian and Polish: real words mixed with generated ones, Zipf-distributed), documents with
extracted text, exchange postings and good practices — with fast bulk inserts straight into the
tables (no ORM, no index hooks) — then builds the index with `reindex()` (what
`flask --app hub search reindex` runs) and times `hub.search.service.search()` — the complete
search of a results page: the engine, the visibility rules, the counts per kind, the page and
its snippets — for a visitor and for a member of five partnerships, with one-word queries
(words drawn uniformly by rank from the vocabulary, and separately the 100 most common words),
two-word queries and two-word phrases taken from the generated texts. Prints p50 and p95.

Without --database-url the corpus goes to a SQLite file in a temporary directory (kept with
--reuse in instance/bench_search.sqlite3, so that a second run only queries).
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub import create_app  # noqa: E402
from hub.db import utcnow  # noqa: E402
from hub.exchange.models import Posting  # noqa: E402
from hub.extensions import db  # noqa: E402
from hub.forum.models import Post, Thread  # noqa: E402
from hub.goodpractices.models import GoodPractice  # noqa: E402
from hub.library.models import Document, DocumentVersion  # noqa: E402
from hub.partnerships.models import Membership, Partnership, PartnershipTown  # noqa: E402
from hub.search import service  # noqa: E402
from hub.search.query import parse  # noqa: E402
from hub.search.sync import reindex  # noqa: E402
from hub.towns.models import Town  # noqa: E402
from tests import factories  # noqa: E402

SEED_WORDS = {
    "tr": "belediye belediyeler belediyeleri meclis atık su enerji güneş proje ortak eğitim "
          "kültür gençlik kadın çevre ulaşım bisiklet park yeşil iklim deprem afet gönüllü "
          "kardeş şehir işbirliği toplantı rapor bütçe hizmet vatandaş sağlık okul ışık istanbul "
          "izmir ankara nilüfer çankaya".split(),
    "de": "stadt gemeinde rathaus abfall wasser energie sonne projekt partner bildung kultur "
          "jugend frauen umwelt verkehr fahrrad straße grün klima hilfe verwaltung bürger "
          "schule köln münchen darmstadt städtepartnerschaft austausch".split(),
    "fr": "ville commune mairie déchets eau énergie soleil projet école culture jeunesse "
          "environnement transport vélo climat citoyen santé échange jumelage lyon région".split(),
    "el": "δήμος πόλη νερό ενέργεια ήλιος έργο σχολείο πολιτισμός νεολαία περιβάλλον "
          "μεταφορές κλίμα πολίτης υγεία ανταλλαγή θεσσαλονίκη αθήνα πάτρα".split(),
    "en": "city town council waste water energy solar project school culture youth "
          "environment transport cycling climate citizen health exchange twinning".split(),
    "bg": "община град вода енергия проект училище култура младежи околна среда транспорт "
          "климат граждани здраве обмен пловдив софия".split(),
    "pl": "miasto gmina urząd odpady woda energia projekt szkoła kultura młodzież środowisko "
          "transport klimat obywatel zdrowie wymiana łódź kraków".split(),
}
LETTERS = {
    "tr": ("bcçdfgğhjklmnprsştvyz", "aeıioöuü"), "de": ("bcdfghklmnprstwz", "aeiouäöü"),
    "fr": ("bcdfglmnprstv", "aeiouéèà"), "el": ("βγδζθκλμνξπρστφχ", "αεηιουωάέίό"),
    "en": ("bcdfghklmnprstvw", "aeiou"), "bg": ("бвгджзклмнпрстфхцчш", "аеиоуъя"),
    "pl": ("bcdfghjklmnprstwzłż", "aeiouyąę"),
}
VOCABULARY = 8000  # words per language
WORDS_PER_POST = (15, 60)
WORDS_PER_DOCUMENT = (300, 600)


def vocabulary(rng: random.Random, language: str) -> list[str]:
    consonants, vowels = LETTERS[language]
    words = list(SEED_WORDS[language])
    seen = set(words)
    while len(words) < VOCABULARY:
        word = "".join(rng.choice(consonants) + rng.choice(vowels)
                       for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not secrets
        self.words = {lang: vocabulary(self.rng, lang) for lang in LETTERS}
        weights = [1 / (rank + 1) for rank in range(VOCABULARY)]  # Zipf, s = 1
        total, self.cumulative = 0.0, []
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.languages = list(LETTERS)

    def text(self, language: str, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        chosen = self.rng.choices(self.words[language], cum_weights=self.cumulative, k=n)
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + "."


def seed(corpus: Corpus, posts: int, documents: int) -> dict:
    rng = corpus.rng
    now = utcnow()
    conn = db.session.connection()

    def ago():
        """A moment of the past three years (the index is built oldest first)."""
        return now - timedelta(seconds=rng.randrange(3 * 365 * 86400))

    def bulk(model, rows):
        for start in range(0, len(rows), 5000):
            conn.execute(insert(model.__table__), rows[start:start + 5000])

    towns = [Town(slug=f"t{i}", native_name=f"Kasaba {i}", latin_name=f"Kasaba {i}",
                  country="TR" if i % 2 else "DE", official_languages=["tr" if i % 2 else "de"])
             for i in range(200)]
    db.session.add_all(towns)
    db.session.flush()
    partnerships = []
    for i in range(100):
        p = Partnership(slug=f"p{i}", name=f"Ortaklık {i} " + corpus.text("tr", 2, 3),
                        description=corpus.text(rng.choice(corpus.languages), 20, 40),
                        status="active" if i % 10 else "proposed", themes=["environment"],
                        activity_types=[], working_languages=["tr", "de"], approved_at=now)
        p.partner_towns = [PartnershipTown(town=towns[2 * i]),
                           PartnershipTown(town=towns[2 * i + 1])]
        partnerships.append(p)
    db.session.add_all(partnerships)
    member = factories.user("member@bench.example")
    visitor_ids = [factories.user().id for _ in range(50)]
    db.session.flush()
    for p in partnerships[1:6]:
        db.session.add(Membership(user_id=member.id, partnership_id=p.id,
                                  town_id=p.partner_towns[0].town_id, status="active"))
    db.session.flush()
    pids = [p.id for p in partnerships]

    thread_count = max(1, posts // 20)
    bulk(Thread, [{
        "partnership_id": rng.choice(pids), "author_id": rng.choice(visitor_ids),
        "title": corpus.text(lang, 4, 9), "theme": "environment", "language": lang,
        "visibility": "public" if rng.random() < 0.5 else "members", "pinned": False,
        "locked": False, "created_at": ago(), "last_activity_at": now,
        "hidden_at": now if rng.random() < 0.01 else None,
    } for lang in (rng.choice(corpus.languages) for _ in range(thread_count))])
    thread_ids = list(conn.execute(select(Thread.id)).scalars())
    print(f"  {thread_count} threads", flush=True)
    for start in range(0, posts, 50_000):
        rows = []
        for _ in range(min(50_000, posts - start)):
            lang = rng.choice(corpus.languages)
            rows.append({
                "thread_id": rng.choice(thread_ids), "author_id": rng.choice(visitor_ids),
                "body": corpus.text(lang, *WORDS_PER_POST), "language": lang,
                "created_at": ago(), "approval": "approved",
                "deleted_at": now if rng.random() < 0.01 else None,
            })
        bulk(Post, rows)
        print(f"  {start + len(rows)} posts", flush=True)
    for start in range(0, documents, 5000):
        n = min(5000, documents - start)
        langs = [rng.choice(corpus.languages) for _ in range(n)]
        bulk(Document, [{
            "partnership_id": rng.choice(pids), "title": corpus.text(lang, 3, 6),
            "title_key": "", "description": corpus.text(lang, 10, 20), "language": lang,
            "visibility": "public" if rng.random() < 0.4 else "members",
            "current_version_number": 1, "version_changed_at": now, "search_meta": "",
            "created_at": now, "updated_at": ago(),
        } for lang in langs])
        ids = list(conn.execute(
            select(Document.id).order_by(Document.id.desc()).limit(n)
        ).scalars())
        by_id = dict(zip(sorted(ids), langs, strict=True))
        bulk(DocumentVersion, [{
            "document_id": did, "number": 1, "filename": "rapor.pdf", "sha256": "0" * 64,
            "size": 1000, "kind": "pdf", "media_type": "application/pdf", "created_at": now,
            "extracted_text": corpus.text(lang, *WORDS_PER_DOCUMENT),
            "extraction_status": "done",
        } for did, lang in by_id.items()])
        print(f"  {start + n} documents", flush=True)
    today = now.date()
    bulk(Posting, [{
        "partnership_id": rng.choice(pids), "town_id": towns[0].id, "kind": "offer",
        "title": corpus.text(lang, 4, 8), "description": corpus.text(lang, 40, 80),
        "language": lang, "format": "job_shadowing", "theme": "environment",
        "department": "", "duration_days": 10, "earliest_start": today, "latest_end": today,
        "places": 1, "places_taken": 0, "eligibility": "", "costs_covered": [],
        "deadline": today, "contact": "", "visibility": rng.choice(["public", "hub",
                                                                    "partnership"]),
        "status": rng.choice(["open", "open", "closed", "draft"]), "created_at": now,
        "updated_at": now, "opened_at": ago(),
    } for lang in (rng.choice(corpus.languages) for _ in range(2000))])
    bulk(GoodPractice, [{
        "title": corpus.text(lang, 4, 8), "summary": corpus.text(lang, 30, 60),
        "problem": corpus.text(lang, 30, 60), "approach": corpus.text(lang, 30, 60),
        "results": "", "resources": "", "transferability": "", "pitfalls": "",
        "contacts": "", "language": lang, "field_languages": {},
        "state": rng.choice(["published", "published", "draft"]), "search_text": "",
        "created_at": now, "updated_at": now, "published_at": ago(), "withdrawal_reason": "",
    } for lang in (rng.choice(corpus.languages) for _ in range(500))])
    db.session.commit()
    return {"member": member.id}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def queries(corpus: Corpus, n: int) -> dict[str, list[str]]:
    rng = random.Random(7)  # noqa: S311 - reproducible queries

    def word(common: bool = False) -> str:
        lang = rng.choice(corpus.languages)
        return corpus.words[lang][rng.randrange(100) if common else rng.randrange(VOCABULARY)]

    def from_a_text(adjacent: bool) -> str:
        """Two words of one generated post (so that they occur together somewhere)."""
        lang = rng.choice(corpus.languages)
        words = corpus.text(lang, *WORDS_PER_POST).rstrip(".").lower().split()
        first = rng.randrange(len(words) - 1)
        second = first + 1 if adjacent else rng.choice(
            [i for i in range(len(words)) if words[i] != words[first]] or [first + 1])
        pair = f"{words[first]} {words[second]}"
        return f'"{pair}"' if adjacent else pair

    return {
        "one word": [word() for _ in range(n)],
        "two words": [from_a_text(adjacent=False) for _ in range(n)],
        "phrase": [from_a_text(adjacent=True) for _ in range(n)],
        "one common word": [word(common=True) for _ in range(n)],
    }


def run(app, corpus: Corpus, ids: dict, n: int) -> None:
    from hub.accounts.models import User

    member = db.session.get(User, ids["member"])
    for who, user in (("visitor", None), ("member", member)):
        for label, qs in queries(corpus, n).items():
            times, found = [], []
            for q in qs:
                with app.test_request_context("/search"):
                    started = time.perf_counter()
                    page = service.search(user, parse(q), service.Filters())
                    times.append((time.perf_counter() - started) * 1000)
                    found.append(page.all_total)
                db.session.rollback()
            print(f"  {who:7} {label:16} p50 {percentile(times, 50):7.1f} ms   "
                  f"p95 {percentile(times, 95):7.1f} ms   max {max(times):7.1f} ms   "
                  f"results: median {statistics.median(found):.0f}, max {max(found)}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sqlite-mmap-mb", type=int, default=0,
                        help="PRAGMA mmap_size for SQLite (0: SQLite's default, off)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the corpus (instance/bench_search.sqlite3 without "
                             "--database-url) and reuse it when it is already there")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    root = Path(__file__).resolve().parent.parent
    url = args.database_url
    if not url:
        path = (root / "instance" / "bench_search.sqlite3" if args.reuse
                else Path(tempfile.mkdtemp()) / "bench_search.sqlite3")
        url = f"sqlite:///{path}"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_ENABLED": False})
    corpus = Corpus(seed=1)
    if args.sqlite_mmap_mb:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        @event.listens_for(Engine, "connect")
        def _mmap(dbapi_connection, record):
            if url.startswith("sqlite"):
                dbapi_connection.execute(f"PRAGMA mmap_size={args.sqlite_mmap_mb * 1024 * 1024}")

    with app.app_context():
        populated = args.reuse and db.inspect(db.engine).has_table("forum_post") and (
            db.session.scalar(select(func.count()).select_from(Post)) or 0) > 0
        if populated:
            print(f"Reusing the corpus in {url}")
            from hub.accounts.models import User

            ids = {"member": db.session.scalar(
                select(User.id).where(User.email == "member@bench.example"))}
        else:
            db.drop_all()
            db.create_all()
            print(f"Seeding {args.posts} posts and {args.documents} documents into {url}",
                  flush=True)
            started = time.monotonic()
            ids = seed(corpus, args.posts, args.documents)
            if db.engine.dialect.name == "postgresql":  # bulk loads leave no statistics
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                        "ANALYZE")
            print(f"Seeded in {time.monotonic() - started:.0f} s", flush=True)
            started = time.monotonic()

            def progress(done, total):
                if done == total or done % 200_000 == 0:
                    print(f"  indexed {done}/{total}", flush=True)

            counts = reindex(echo=progress)
            db.session.commit()
            print(f"Indexed {sum(counts.values())} rows in {time.monotonic() - started:.0f} s",
                  flush=True)
        mmap = f", mmap {args.sqlite_mmap_mb} MB" if args.sqlite_mmap_mb else ""
        print(f"Search latency on {db.engine.dialect.name}{mmap} ({args.queries} queries each):")
        run(app, corpus, ids, args.queries)


if __name__ == "__main__":
    main()

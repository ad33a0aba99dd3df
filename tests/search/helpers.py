"""Content for the search tests, added straight to the database (the index follows every flush)
and a reader of the /search page."""

from __future__ import annotations

import re
from datetime import timedelta

from hub.db import utcnow
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.goodpractices.models import GoodPractice, GoodPracticeTheme
from hub.library.models import Document, DocumentVersion

RESULT = re.compile(r'data-result="([a-z_]+-\d+)"')


def engine() -> str:
    return db.engine.dialect.name


def thread(p, title: str, *, visibility: str = "public", body: str | None = None,
           language: str = "tr", theme: str = "environment", author=None, **fields) -> Thread:
    t = Thread(partnership=p, title=title, visibility=visibility, language=language,
               theme=theme, author=author, **fields)
    db.session.add(t)
    db.session.flush()
    if body is not None:
        post(t, body, language=language, author=author)
    return t


def post(t: Thread, body: str, *, language: str = "tr", author=None, **fields) -> Post:
    p = Post(thread=t, body=body, language=language, author=author, **fields)
    db.session.add(p)
    db.session.flush()
    return p


def document(p, title: str, *, text: str | None = None, description: str = "",
             visibility: str = "members", language: str = "tr", theme: str | None = None,
             author=None, **fields) -> Document:
    d = Document(partnership=p, title=title, description=description, language=language,
                 visibility=visibility, theme=theme, created_by=author,
                 current_version_number=1, **fields)
    db.session.add(d)
    db.session.flush()
    db.session.add(DocumentVersion(
        document=d, number=1, filename="dosya.txt", sha256="0" * 64, size=len(text or ""),
        kind="text", media_type="text/plain", extracted_text=text,
    ))
    db.session.flush()
    return d


def posting(p, title: str, *, description: str = "", status: str = "open",
            visibility: str = "public", language: str = "tr", theme: str = "environment",
            author=None, **fields) -> Posting:
    today = utcnow().date()
    x = Posting(
        partnership=p, town_id=p.towns[0].id, kind="offer", title=title,
        description=description, language=language, format="job_shadowing", theme=theme,
        duration_days=10, earliest_start=today + timedelta(days=40),
        latest_end=today + timedelta(days=100), deadline=today + timedelta(days=25),
        visibility=visibility, status=status, created_by=author,
        opened_at=utcnow() if status in {"open", "closed"} else None, **fields,
    )
    db.session.add(x)
    db.session.flush()
    return x


def practice(title: str, *, summary: str = "", state: str = "published", language: str = "tr",
             themes: tuple[str, ...] = ("environment",), partnership=None) -> GoodPractice:
    g = GoodPractice(title=title, summary=summary, language=language, state=state,
                     partnership=partnership,
                     published_at=utcnow() if state == "published" else None)
    g.themes = [GoodPracticeTheme(theme=t) for t in themes]
    db.session.add(g)
    db.session.flush()
    return g


def results(response) -> list[str]:
    """The results of a search page, as "kind-id", in the order shown."""
    assert response.status_code == 200, response.status_code
    return RESULT.findall(response.get_data(as_text=True))


def key(obj) -> str:
    from hub.search import registry

    kind = next(t.name for t in registry.types() if isinstance(obj, t.model))
    return f"{kind}-{obj.id}"


"""Helpers for the exchange tests: form data as a browser sends it, and counting rows."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import func, select

from hub.db import utcnow
from hub.exchange.models import Application, Placement, PlacementReport, Posting
from hub.extensions import db
from tests.helpers import said  # noqa: F401 - re-exported for the exchange tests

P = "/p/nilufer-darmstadt"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def day(offset: int) -> str:
    return (utcnow().date() + timedelta(days=offset)).isoformat()


def posting_form(town_id: int, **overrides) -> dict:
    data = {
        "kind": "offer",
        "title": "Çevre yönetiminde iş başında gözlem",
        "description": "Shadow our **environment** team: atık yönetimi, iklim uyumu.",
        "language": "tr",
        "format": "job_shadowing",
        "theme": "environment",
        "department": "İklim Değişikliği ve Sıfır Atık Müdürlüğü",
        "host_town": str(town_id),
        "duration_days": "10",
        "earliest_start": day(40),
        "latest_end": day(100),
        "places": "1",
        "languages-0-language": "en",
        "languages-0-level": "B1",
        "languages-1-language": "",
        "languages-1-level": "",
        "languages-2-language": "",
        "languages-2-level": "",
        "eligibility": "Environment department staff.",
        "costs_covered": ["travel", "accommodation"],
        "deadline": day(25),
        "contact": "Ayşe Yılmaz <ayse@example.org>",
        "visibility": "hub",
        "action": "publish",
    }
    data.update(overrides)
    return data


def application_form(*, cv: tuple[bytes, str] | None = None, **overrides) -> dict:
    data = {
        "motivation": "Ich möchte die Abfallwirtschaft in Nilüfer kennenlernen — çok teşekkürler.",
        "languages-0-language": "de",
        "languages-0-level": "native",
        "languages-1-language": "en",
        "languages-1-level": "C1",
        "languages-2-language": "",
        "languages-2-level": "",
        "languages-3-language": "",
        "languages-3-level": "",
        "preferred_start": "",
        "preferred_end": "",
    }
    if cv is not None:
        data["cv"] = (io.BytesIO(cv[0]), cv[1])
    data.update(overrides)
    return data


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> tuple[int, int, int, int]:
    return count(Posting), count(Application), count(Placement), count(PlacementReport)


def text(response) -> str:
    return response.get_data(as_text=True)


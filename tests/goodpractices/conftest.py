"""The moderation tests' world (a partnership, its people and content) and quick entries."""

from __future__ import annotations

import pytest

from hub.db import utcnow
from hub.extensions import db
from hub.goodpractices import services
from hub.goodpractices.models import GoodPractice
from tests.moderation import conftest as shared
from tests.moderation.conftest import World

world = shared.world  # the moderation tests' fixture, shared


def values(world: World, **overrides) -> dict:
    data = {
        "title": "Gençlik meclisi: gençler belediye kararlarına katılıyor",
        "summary": "Nilüfer'in gençlik meclisi 60 gençle belediyeye öneriler sunuyor.",
        "problem": "Gençler yerel kararlarda söz sahibi değildi.",
        "approach": "Okullardan ve kulüplerden seçilen 60 üye; yıllık küçük bütçe.",
        "results": "Üç öneri belediye meclisinde kabul edildi.",
        "resources": "Bir koordinatör, yılda 15.000 TL.",
        "transferability": "Her belediyede kurulabilir.",
        "pitfalls": "Toplantılar okul saatleri dışında olmalı.",
        "contacts": "Ayşe Yılmaz, Nilüfer Belediyesi",
        "language": "tr",
        "themes": ["good_governance", "social_development"],
        "partnership_id": world.p.id,
        "town_ids": [t.id for t in world.p.towns],
        "field_languages": {},
        "sources": [],
    }
    data.update(overrides)
    return data


def form_data(world: World, **overrides) -> dict:
    data = values(world)
    data.pop("field_languages")
    data.update(partnership_id=str(world.p.id), town_ids=[str(i) for i in data["town_ids"]],
                sources="")
    data.update(overrides)
    return data


@pytest.fixture
def entry(world):
    """Make an entry in a given state, written by the first moderator."""

    def make(state: str = "published", **overrides) -> GoodPractice:
        practice = services.create_entry(world.moderator, values(world, **overrides))
        if state != "draft":
            practice.state = state
            practice.submitted_by_id = world.moderator.id
        if state == "published":
            practice.approved_by_id = world.moderator2.id
            practice.published_at = utcnow()
        db.session.commit()
        return practice

    return make

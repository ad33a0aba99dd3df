"""Reads for the good-practice library: the public catalogue with its filters, one entry,
endorsements, and the curators' lists."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from hub.exchange.models import Placement
from hub.extensions import db
from hub.goodpractices.models import (
    Endorsement,
    GoodPractice,
    GoodPracticeTheme,
    GoodPracticeTown,
    Nomination,
)
from hub.i18n import LOCALES
from hub.library.textnorm import like_pattern, query_words
from hub.taxonomy import THEMES
from hub.towns.models import Town

PER_PAGE = 12
FEED_SIZE = 30


@dataclass
class Filters:
    q: str = ""
    theme: str = ""
    country: str = ""
    town: int | None = None
    language: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        f = cls()
        f.q = " ".join((args.get("q") or "").split())[:200]
        f.theme = args.get("theme", "") if args.get("theme") in THEMES else ""
        country = (args.get("country") or "").upper()
        f.country = country if len(country) == 2 and country.isalpha() else ""
        f.town = args.get("town", type=int) or None
        f.language = args.get("language", "") if args.get("language") in LOCALES else ""
        f.page = max(1, args.get("page", 1, type=int) or 1)
        return f

    @property
    def active(self) -> bool:
        return bool(self.q or self.theme or self.country or self.town or self.language)


def _with_relations(stmt: Select) -> Select:
    return stmt.options(
        selectinload(GoodPractice.themes),
        selectinload(GoodPractice.towns).joinedload(GoodPracticeTown.town),
        joinedload(GoodPractice.partnership),
    )


def catalogue(filters: Filters) -> Select:
    """Published entries, newest first, narrowed by the filters and the search words."""
    stmt = select(GoodPractice).where(GoodPractice.state == "published")
    if filters.theme:
        stmt = stmt.where(exists().where(GoodPracticeTheme.good_practice_id == GoodPractice.id,
                                         GoodPracticeTheme.theme == filters.theme))
    if filters.town:
        stmt = stmt.where(exists().where(GoodPracticeTown.good_practice_id == GoodPractice.id,
                                         GoodPracticeTown.town_id == filters.town))
    if filters.country:
        stmt = stmt.where(exists().where(
            GoodPracticeTown.good_practice_id == GoodPractice.id,
            GoodPracticeTown.town_id == Town.id, Town.country == filters.country))
    if filters.language:
        stmt = stmt.where(GoodPractice.language == filters.language)
    for word in query_words(filters.q):  # case, dotted İ and accents do not matter
        stmt = stmt.where(GoodPractice.search_text.like(like_pattern(word), escape="\\"))
    return _with_relations(stmt).order_by(GoodPractice.published_at.desc(),
                                          GoodPractice.id.desc())


def endorsement_counts(ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(Endorsement.good_practice_id, func.count(Endorsement.id))
        .where(Endorsement.good_practice_id.in_(ids)).group_by(Endorsement.good_practice_id)
    )
    return dict(rows.all())


def has_endorsed(user, practice: GoodPractice) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(select(Endorsement.id).where(
        Endorsement.good_practice_id == practice.id, Endorsement.user_id == user.id)) is not None


def entry(practice_id: int) -> GoodPractice | None:
    stmt = _with_relations(select(GoodPractice).where(GoodPractice.id == practice_id)).options(
        selectinload(GoodPractice.sources))
    return db.session.scalar(stmt)


def filter_options() -> dict:
    """Countries, towns and languages that published entries have (for the filters)."""
    published = select(GoodPractice.id).where(GoodPractice.state == "published")
    # Towns by id sub-select, not SELECT DISTINCT over whole rows: PostgreSQL cannot compare
    # JSON columns (Town.official_languages) for DISTINCT.
    town_ids = select(GoodPracticeTown.town_id).where(
        GoodPracticeTown.good_practice_id.in_(published)
    )
    towns = list(db.session.scalars(
        select(Town).where(Town.id.in_(town_ids)).order_by(Town.latin_name)
    ))
    languages = list(db.session.scalars(
        select(GoodPractice.language).where(GoodPractice.state == "published").distinct()
    ))
    return {
        "towns": towns,
        "countries": sorted({t.country for t in towns}),
        "languages": sorted(languages),
    }


def feed_entries() -> list[GoodPractice]:
    stmt = _with_relations(select(GoodPractice).where(GoodPractice.state == "published"))
    return list(db.session.scalars(
        stmt.order_by(GoodPractice.published_at.desc(), GoodPractice.id.desc()).limit(FEED_SIZE)
    ))


# --- curation -------------------------------------------------------------------------------

def entries_in(state: str) -> list[GoodPractice]:
    stmt = _with_relations(select(GoodPractice).where(GoodPractice.state == state)).options(
        joinedload(GoodPractice.created_by), joinedload(GoodPractice.submitted_by))
    return list(db.session.scalars(stmt.order_by(GoodPractice.updated_at.desc())))


def open_nominations() -> list[Nomination]:
    stmt = (
        select(Nomination).where(Nomination.status == "open")
        .options(joinedload(Nomination.partnership), joinedload(Nomination.nominated_by))
        .order_by(Nomination.created_at)
    )
    return list(db.session.scalars(stmt))


def nominated_placements() -> list[Placement]:
    """Placements their coordinators nominated on the exchange, not yet taken up here."""
    taken = select(Nomination.target_id).where(Nomination.target_type == "placement")
    stmt = (
        select(Placement)
        .where(Placement.nominated_at.is_not(None), Placement.id.not_in(taken))
        .options(joinedload(Placement.posting), joinedload(Placement.partnership))
        .order_by(Placement.nominated_at)
    )
    return list(db.session.scalars(stmt))


def nomination(nomination_id: int) -> Nomination | None:
    return db.session.get(Nomination, nomination_id)

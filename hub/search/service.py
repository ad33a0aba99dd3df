"""A page of search results the viewer may open, with the count of each kind.

One statement walks the matches of the full-text engine newest first, joins each to its live
row (every registered kind's outer joins) and keeps those the viewer may open and the filters
let through, until it has CANDIDATES + 1 of them; it then ranks them (relevance or date) and
returns the rows of the requested page together with the count of each kind. Then one
statement per kind on the page loads what is shown. The number of statements depends neither on
the page size nor on the number of results, and the work of a very broad query is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    case,
    cast,
    func,
    null,
    or_,
    select,
    union_all,
)
from werkzeug.datastructures import MultiDict

from hub.db import UTCDateTime, utcnow
from hub.extensions import db
from hub.i18n import LOCALES
from hub.partnerships.models import Partnership
from hub.search import engine_for, registry
from hub.search.highlight import Marker
from hub.search.query import Query
from hub.search.registry import Result
from hub.search.visibility import VIEWER_ID, Viewer, partnership_is_public
from hub.taxonomy import THEMES

PER_PAGE = 20
MAX_PAGE = 250
# A broad query (a very common word) looks at its newest CANDIDATES matches that the viewer may
# open, ranks those, and says "more than …": the work is bounded, and what is shown — results
# and counts — depends only on what the viewer may open.
CANDIDATES = 1000
PERIODS = {"week": timedelta(days=7), "month": timedelta(days=31), "year": timedelta(days=366)}
SORTS = ("relevance", "newest")


def _page_number(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


@dataclass
class Filters:
    """What to look in (from the query string; unknown values are ignored)."""

    type: str = ""
    partnership: str = ""  # slug
    theme: str = ""
    language: str = ""
    period: str = ""
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict) -> Filters:
        f = cls()
        f.type = args.get("type", "") if registry.get(args.get("type", "")) else ""
        f.partnership = (args.get("partnership") or "")[:120]
        f.theme = args.get("theme", "") if args.get("theme") in THEMES else ""
        f.language = args.get("language", "") if args.get("language") in LOCALES else ""
        f.period = args.get("period", "") if args.get("period") in PERIODS else ""
        f.sort = args.get("sort") if args.get("sort") in SORTS else "relevance"
        f.page = _page_number(args.get("page"))
        return f

    @property
    def narrowing(self) -> bool:
        return bool(self.partnership or self.theme or self.language or self.period)


@dataclass
class SearchPage:
    counts: dict[str, int]  # of every kind, whatever the type filter
    page: int
    type: str = ""
    per_page: int = PER_PAGE
    keys: list[tuple[str, int]] = field(default_factory=list)  # (kind, id) of the page, in order
    results: list[Result] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        """More visible matches than the candidates looked at: counts are "more than"."""
        return self.all_total > CANDIDATES

    @property
    def total(self) -> int:
        return self.counts.get(self.type, 0) if self.type else sum(self.counts.values())

    @property
    def all_total(self) -> int:
        return sum(self.counts.values())

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def partnership_choices() -> list[tuple[int, str, str]]:
    """(id, slug, name) of the approved partnerships, for the partnership filter."""
    rows = db.session.execute(
        select(Partnership.id, Partnership.slug, Partnership.name)
        .where(partnership_is_public())
        .order_by(Partnership.name)
    )
    return [tuple(row) for row in rows]


@dataclass(frozen=True)
class _Shape:
    """What the statement's structure depends on (values are bound parameters)."""

    dialect: str
    kinds: tuple[str, ...]
    signed_in: bool
    admin: bool
    type: str
    partnership: bool
    theme: bool
    language: bool
    period: bool
    sort: str


def _kinds(shape: _Shape, entry):
    """(kind, branch, condition) of every kind the filters leave in."""
    viewer = Viewer(user_id=0 if shape.signed_in else None, is_admin=shape.admin)
    chosen = []
    for search_type in registry.types():
        branch = search_type.branch(entry, viewer)
        conditions = [entry.c.kind == search_type.name, branch.visible]
        for wanted, name, condition in ((shape.partnership, "f_partnership", branch.partnership),
                                        (shape.theme, "f_theme", branch.theme),
                                        (shape.language, "f_language", branch.language)):
            if wanted:
                conditions.append(condition(bindparam(name)) if condition is not None else None)
        if shape.period:
            since = bindparam("f_since", type_=UTCDateTime())
            conditions.append(branch.date >= since if branch.date is not None else None)
        if all(condition is not None for condition in conditions):
            chosen.append((search_type.name, branch, and_(*conditions)))
    return chosen


@lru_cache(maxsize=256)
def _statement(shape: _Shape):
    """One statement: the visible matches (newest first, at most CANDIDATES + 1 of them),
    then the page of them in the asked order, and their counts per kind. Built once per
    shape: building it costs more than running it."""
    match = engine_for(db.session).match()
    entry = match.entry
    kinds = _kinds(shape, entry)
    if not kinds:
        return None
    at = case({name: branch.date for name, branch, _ in kinds}, value=entry.c.kind)
    candidates = (
        select(entry.c.kind, entry.c.target_id, match.score.label("score"), at.label("at"))
        .select_from(match.source)
    )
    for _name, branch, _condition in kinds:
        for target, onclause in branch.joins:
            candidates = candidates.outerjoin(target, onclause)
    if match.condition is not None:
        candidates = candidates.where(match.condition)
    candidates = (
        candidates.where(or_(*(condition for _, _, condition in kinds)))
        .order_by(match.newest_first)
        .limit(bindparam("candidates"))
    )
    visible = candidates.cte("visible").prefix_with("MATERIALIZED")
    if shape.sort == "newest":
        order = [visible.c.at.desc().nulls_last(), visible.c.score]
    else:
        order = [visible.c.score, visible.c.at.desc().nulls_last()]
    order += [visible.c.kind, visible.c.target_id]
    rows = select(visible.c.kind, visible.c.target_id,
                  func.row_number().over(order_by=order).label("position"))
    if shape.type:
        rows = rows.where(visible.c.kind == shape.type)
    rows = (rows.order_by(*order).limit(bindparam("page_size"))
            .offset(bindparam("page_offset")).subquery("page"))
    counts = select(visible.c.kind, cast(null(), Integer), func.count()).group_by(visible.c.kind)
    # Rows of the page have a position; rows of the counts have none.
    return union_all(
        select(rows.c.kind, rows.c.target_id, cast(rows.c.position, Integer)),
        counts,
    )


def search(user, query: Query, filters: Filters,
           partnerships: list[tuple[int, str, str]] | None = None) -> SearchPage:
    """The page `filters.page` of what `user` may open among the matches of `query`."""
    partnership_id = None
    if filters.partnership:
        choices = partnerships if partnerships is not None else partnership_choices()
        partnership_id = next((pid for pid, slug, _ in choices if slug == filters.partnership),
                              None)
        if partnership_id is None:
            filters.partnership = ""
    viewer = Viewer.of(user)
    page = filters.page
    result = _run(query, viewer, filters, partnership_id, page)
    if result.page > result.pages and result.total:  # past the end: the last page instead
        result = _run(query, viewer, filters, partnership_id, result.pages)
    if result.keys:
        _present(result, user, query)
    return result


def _run(query, viewer: Viewer, filters: Filters, partnership_id, page) -> SearchPage:
    engine = engine_for(db.session)
    shape = _Shape(
        dialect=engine.name, kinds=tuple(t.name for t in registry.types()),
        signed_in=viewer.user_id is not None, admin=viewer.is_admin, type=filters.type,
        partnership=partnership_id is not None, theme=bool(filters.theme),
        language=bool(filters.language), period=bool(filters.period), sort=filters.sort,
    )
    found = SearchPage(counts={}, page=page, type=filters.type)
    stmt = _statement(shape)
    if stmt is None:
        return found
    params = {
        **engine.match_params(db.session, query), VIEWER_ID: viewer.user_id,
        "candidates": CANDIDATES + 1, "page_size": PER_PAGE,
        "page_offset": (page - 1) * PER_PAGE, "f_partnership": partnership_id,
        "f_theme": filters.theme, "f_language": filters.language,
        "f_since": utcnow() - PERIODS[filters.period] if filters.period else None,
    }
    rows = []
    for kind, target_id, value in db.session.execute(stmt, params):
        if target_id is None:
            found.counts[kind] = value
        else:
            rows.append((value, kind, target_id))
    found.keys = [(kind, target_id) for _position, kind, target_id in sorted(rows)]
    return found


def _present(found: SearchPage, user, query: Query) -> None:
    marker = Marker(query.wanted_words, stems=engine_for(db.session).stems)
    by_kind: dict[str, list[int]] = {}
    for kind, target_id in found.keys:
        by_kind.setdefault(kind, []).append(target_id)
    shown: dict[tuple[str, int], Result] = {}
    for kind, ids in by_kind.items():
        for target_id, result in registry.get(kind).present(ids, user, marker).items():
            shown[(kind, target_id)] = result
    found.results = [shown[key] for key in found.keys if key in shown]

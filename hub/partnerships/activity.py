"""What the workspace home draws: activity per month and the map of the partner towns.

`monthly_activity()` counts forum posts, library documents and exchange postings of a
partnership per calendar month (UTC) with three grouped queries; `bar_tables()` turns the counts
into the tables that the exchange module's `bar_chart` macro draws. `town_map()` places the
partner towns on a plane by latitude and longitude (an equirectangular projection, squeezed by
the cosine of the middle latitude); nothing comes from a tile server.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from babel.dates import format_skeleton
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, extract, func, select

from hub.db import utcnow
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.library.models import Document
from hub.partnerships.models import Partnership
from hub.towns.models import Town

MONTHS = 6
BAR_ROW_HEIGHT = 30  # the bar_chart macro draws one row every 30 units
SERIES = {
    "posts": (_l("Forum posts"), _l("Forum posts per month")),
    "documents": (_l("Documents"), _l("New documents per month")),
    "postings": (_l("Exchange postings"), _l("Exchange postings per month")),
}


# --- activity per month ------------------------------------------------------------------------

def _by_month(stmt: Select, column) -> Select:
    year, month = extract("year", column), extract("month", column)
    return stmt.add_columns(year, month, func.count()).group_by(year, month)


def posts_per_month(partnership: Partnership, since: datetime) -> Select:
    stmt = (
        select()
        .select_from(Post)
        .join(Thread, Thread.id == Post.thread_id)
        .where(
            Thread.partnership_id == partnership.id, Thread.hidden_at.is_(None),
            Post.created_at >= since, Post.deleted_at.is_(None), Post.hidden_at.is_(None),
            Post.approval == "approved",
        )
    )
    return _by_month(stmt, Post.created_at)


def documents_per_month(partnership: Partnership, since: datetime) -> Select:
    stmt = select().select_from(Document).where(
        Document.partnership_id == partnership.id, Document.created_at >= since,
        Document.deleted_at.is_(None), Document.hidden_at.is_(None),
    )
    return _by_month(stmt, Document.created_at)


def postings_per_month(partnership: Partnership, since: datetime) -> Select:
    stmt = select().select_from(Posting).where(
        Posting.partnership_id == partnership.id, Posting.created_at >= since,
        Posting.status != "draft", Posting.hidden_at.is_(None),
    )
    return _by_month(stmt, Posting.created_at)


@dataclass
class Month:
    first_day: date
    label: str
    posts: int = 0
    documents: int = 0
    postings: int = 0

    @property
    def total(self) -> int:
        return self.posts + self.documents + self.postings


@dataclass
class Activity:
    months: list[Month]

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)


def _month_starts(today: date, count: int) -> list[date]:
    starts = []
    year, month = today.year, today.month
    for _ in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def monthly_activity(
    partnership: Partnership, months: int = MONTHS, now: datetime | None = None
) -> Activity:
    """Posts, documents and exchange postings of the last `months` months, oldest first."""
    now = now or utcnow()
    starts = _month_starts(now.date(), months)
    since = datetime(starts[0].year, starts[0].month, 1, tzinfo=now.tzinfo)
    locale = get_locale()
    rows = {(d.year, d.month): Month(d, format_skeleton("yMMM", d, locale=locale)) for d in starts}
    for name, statement in (
        ("posts", posts_per_month), ("documents", documents_per_month),
        ("postings", postings_per_month),
    ):
        for year, month, count in db.session.execute(statement(partnership, since)):
            row = rows.get((int(year), int(month)))
            if row is not None:
                setattr(row, name, count)
    return Activity(list(rows.values()))


# The `bar_chart` macro of templates/exchange/_macros.html draws a table of rows with a label,
# a value and the bar's length in percent of the longest bar.
@dataclass
class BarRow:
    label: str
    count: int
    bar_percent: float


@dataclass
class BarTable:
    key: str
    title: str
    heading: str
    rows: list[BarRow] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return max(1, len(self.rows)) * BAR_ROW_HEIGHT


def bar_tables(activity: Activity) -> list[BarTable]:
    """One table per series, months as rows; every chart shares the scale of its own series."""
    tables = []
    for key, (title, heading) in SERIES.items():
        values = [getattr(m, key) for m in activity.months]
        top = max(values, default=0)
        rows = [
            BarRow(m.label, v, round(100 * v / top, 1) if top else 0.0)
            for m, v in zip(activity.months, values, strict=True)
        ]
        tables.append(BarTable(key, str(title), str(heading), rows))
    return tables


# --- the partner towns on a map ----------------------------------------------------------------

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 600, 360, 70
MIN_SPAN = 4.0  # degrees: towns close together still get some room


@dataclass
class MapPoint:
    town: Town
    x: float
    y: float
    label_end: bool  # write the name to the left of the dot (near the right edge)


@dataclass
class MapLine:
    a: MapPoint
    b: MapPoint
    km: int


@dataclass
class TownMap:
    width: int
    height: int
    points: list[MapPoint]
    lines: list[MapLine]
    graticule_x: list[float]
    graticule_y: list[float]


def distance_km(a: Town, b: Town) -> int:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return round(2 * 6371.0 * math.asin(math.sqrt(h)))


def town_map(towns: list[Town]) -> TownMap | None:
    """Positions of the towns that have coordinates; None when fewer than one has them."""
    placed = [t for t in towns if t.latitude is not None and t.longitude is not None]
    if not placed:
        return None
    lats = [t.latitude for t in placed]
    lons = [t.longitude for t in placed]
    mid_lat = (min(lats) + max(lats)) / 2
    squeeze = max(math.cos(math.radians(mid_lat)), 0.2)
    lon_span = max((max(lons) - min(lons)) * squeeze, MIN_SPAN)
    lat_span = max(max(lats) - min(lats), MIN_SPAN)
    inner_w, inner_h = MAP_WIDTH - 2 * MAP_MARGIN, MAP_HEIGHT - 2 * MAP_MARGIN
    scale = min(inner_w / lon_span, inner_h / lat_span)
    mid_lon = (min(lons) + max(lons)) / 2

    def x_of(lon: float) -> float:
        return round(MAP_WIDTH / 2 + (lon - mid_lon) * squeeze * scale, 1)

    def y_of(lat: float) -> float:
        return round(MAP_HEIGHT / 2 - (lat - mid_lat) * scale, 1)

    points = [MapPoint(t, x_of(t.longitude), y_of(t.latitude), x_of(t.longitude) > MAP_WIDTH * .6)
              for t in placed]
    lines = [
        MapLine(a, b, distance_km(a.town, b.town))
        for i, a in enumerate(points) for b in points[i + 1:]
    ]
    step = 5  # a line every five degrees, like the grid of an atlas
    half_lon, half_lat = MAP_WIDTH / 2 / (squeeze * scale), MAP_HEIGHT / 2 / scale
    west, east = mid_lon - half_lon, mid_lon + half_lon
    south, north = mid_lat - half_lat, mid_lat + half_lat

    def every_step(low: float, high: float) -> range:
        return range(math.ceil(low / step) * step, math.floor(high) + 1, step)

    grid_x = [x_of(lon) for lon in every_step(west, east)]
    grid_y = [y_of(lat) for lat in every_step(south, north)]
    return TownMap(MAP_WIDTH, MAP_HEIGHT, points, lines, grid_x, grid_y)

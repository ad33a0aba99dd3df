"""Exchange indicators of a partnership: exchanges and participant-days by year, format, theme,
sending and host town and country; bar charts (SVG drawn by the template) and CSV exports.

One exchange is one placement (an accepted application); participant-days count the first and
the last day. The CSV is UTF-8 with a byte-order mark, so that Excel shows Ç, ğ, İ, ş … right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.exchange.models import Placement
from hub.taxonomy import EXCHANGE_FORMATS, THEMES
from hub.templating import country_name

# dimension → (column heading, section heading)
DIMENSIONS: dict[str, tuple[object, object]] = {
    "year": (_l("Year"), _l("Exchanges by year")),
    "format": (_l("Format"), _l("Exchanges by format")),
    "theme": (_l("Theme"), _l("Exchanges by theme")),
    "sending_town": (_l("Sending town"), _l("Exchanges by sending town")),
    "host_town": (_l("Host town"), _l("Exchanges by host town")),
    "sending_country": (_l("Sending country"), _l("Exchanges by sending country")),
    "host_country": (_l("Host country"), _l("Exchanges by host country")),
}
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 40  # per cent of the chart's width kept for the labels


def _key(dimension: str) -> Callable[[Placement], tuple[str, str]]:
    """(sort key, label in the reader's language) of a placement along a dimension."""
    def year(p):
        return str(p.start_on.year), str(p.start_on.year)

    def fmt(p):
        return p.posting.format, str(EXCHANGE_FORMATS.get(p.posting.format, p.posting.format))

    def theme(p):
        return p.posting.theme, str(THEMES.get(p.posting.theme, p.posting.theme))

    def sending_town(p):
        return p.sending_town.latin_name, p.sending_town.native_name

    def host_town(p):
        return p.host_town.latin_name, p.host_town.native_name

    def sending_country(p):
        return p.sending_town.country, country_name(p.sending_town.country)

    def host_country(p):
        return p.host_town.country, country_name(p.host_town.country)

    return {
        "year": year, "format": fmt, "theme": theme, "sending_town": sending_town,
        "host_town": host_town, "sending_country": sending_country, "host_country": host_country,
    }[dimension]


@dataclass
class Row:
    key: str
    label: str
    exchanges: int = 0
    days: int = 0
    completed: int = 0
    bar_percent: float = 0.0  # of the bar area, for the chart


@dataclass
class Table:
    dimension: str
    title: str  # the column heading
    heading: str
    rows: list[Row] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return max(1, len(self.rows)) * (BAR_HEIGHT + BAR_GAP)


@dataclass
class Figures:
    exchanges: int
    days: int
    completed: int
    tables: list[Table]


def table(placements: list[Placement], dimension: str) -> Table:
    key = _key(dimension)
    rows: dict[str, Row] = {}
    for p in placements:
        sort_key, label = key(p)
        row = rows.setdefault(sort_key, Row(sort_key, label))
        row.exchanges += 1
        row.days += p.days
        row.completed += 1 if p.completed_at else 0
    ordered = sorted(rows.values(), key=lambda r: r.key)
    if dimension != "year":
        ordered.sort(key=lambda r: (-r.exchanges, r.label.casefold()))
    top = max((r.exchanges for r in ordered), default=0)
    for r in ordered:
        r.bar_percent = round(100 * r.exchanges / top, 1) if top else 0.0
    title, heading = DIMENSIONS[dimension]
    return Table(dimension, str(title), str(heading), ordered)


def figures(placements: list[Placement]) -> Figures:
    return Figures(
        exchanges=len(placements),
        days=sum(p.days for p in placements),
        completed=sum(1 for p in placements if p.completed_at),
        tables=[table(placements, d) for d in DIMENSIONS],
    )


# --- CSV ------------------------------------------------------------------------------------

def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" line ends, as RFC 4180 and Excel expect
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def placements_csv(placements: list[Placement]) -> bytes:
    """One line per exchange (no names: these figures go to funders)."""
    header = [
        _("Exchange"), _("Year"), _("Start"), _("End"), _("Participant-days"), _("Format"),
        _("Theme"), _("Sending town"), _("Sending country"), _("Host town"), _("Host country"),
        _("Completed"),
    ]
    lines = [header]
    for p in placements:
        lines.append([
            p.id, p.start_on.year, p.start_on.isoformat(), p.end_on.isoformat(), p.days,
            str(EXCHANGE_FORMATS.get(p.posting.format, p.posting.format)),
            str(THEMES.get(p.posting.theme, p.posting.theme)),
            p.sending_town.native_name, p.sending_town.country,
            p.host_town.native_name, p.host_town.country,
            _("yes") if p.completed_at else _("no"),
        ])
    return _csv(lines)


def table_csv(t: Table) -> bytes:
    lines = [[t.title, _("Exchanges"), _("Participant-days"), _("Completed")]]
    lines += [[r.label, r.exchanges, r.days, r.completed] for r in t.rows]
    lines.append([_("Total"), sum(r.exchanges for r in t.rows), sum(r.days for r in t.rows),
                  sum(r.completed for r in t.rows)])
    return _csv(lines)

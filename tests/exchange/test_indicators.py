"""Indicators: the figures, the charts' text alternative, and the CSV exports against the data."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.exchange.conftest import finish
from tests.exchange.helpers import P, text
from tests.helpers import said_by_template, said_in_text


@pytest.fixture
def exchanges(world, make_posting, make_application):
    """Three placements: two hosted by Nilüfer, one by Darmstadt; 2024 and 2025."""
    def placement(posting, applicant, start, end, completed=False):
        application = make_application(posting, status="accepted", applicant=applicant)
        pl = application.placement
        pl.start_on, pl.end_on = start, end
        if completed:
            from hub.db import utcnow

            pl.completed_at = utcnow()
        return pl

    secondment = make_posting(format="secondment", theme="good_governance", places=3)
    visit = make_posting(format="study_visit", theme="environment", town=world.darmstadt,
                         author=world.sending_coordinator, places=3)
    rows = [
        placement(secondment, world.sending_staff, date(2024, 3, 4), date(2024, 3, 13), True),
        placement(visit, world.host_staff, date(2025, 5, 5), date(2025, 5, 9)),
        placement(secondment, world.sending_coordinator, date(2025, 9, 1), date(2025, 9, 3)),
    ]
    finish()
    return rows


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_every_exchange_as_csv(client, login_as, world, exchanges):
    login_as(world.host_staff)  # Turkish: the CSV's headings are in the reader's language
    rows = read_csv(client.get(f"{P}/exchange/indicators.csv"))
    header, lines = rows[0], rows[1:]
    assert header[:5] == [said_in_text("tr", h) for h in ("Exchange", "Year", "Start", "End",
                                                             "Participant-days")]
    assert len(lines) == len(exchanges) == 3
    by_id = {int(line[0]): line for line in lines}
    for pl in exchanges:
        line = by_id[pl.id]
        assert line[1] == str(pl.start_on.year)
        assert line[2] == pl.start_on.isoformat() and line[3] == pl.end_on.isoformat()
        assert int(line[4]) == pl.days == (pl.end_on - pl.start_on).days + 1
        assert line[7] == pl.sending_town.native_name and line[8] == pl.sending_town.country
        assert line[9] == pl.host_town.native_name and line[10] == pl.host_town.country
    assert sum(int(line[4]) for line in lines) == 10 + 5 + 3
    assert "Nilüfer" in response_text(client)
    assert [line[11] for line in lines].count(said_in_text("tr", "yes")) == 1


def response_text(client) -> str:
    return client.get(f"{P}/exchange/indicators.csv").data.decode("utf-8-sig")


@pytest.mark.parametrize("table, expected", [
    ("year", {"2024": (1, 10, 1), "2025": (2, 8, 0)}),
    ("format", {"Secondment / placement": (2, 13, 1), "Study visit": (1, 5, 0)}),
    ("theme", {"Good governance": (2, 13, 1), "Protection of the environment": (1, 5, 0)}),
    ("host_town", {"Nilüfer": (2, 13, 1), "Darmstadt": (1, 5, 0)}),
    ("sending_town", {"Darmstadt": (2, 13, 1), "Nilüfer": (1, 5, 0)}),
    ("host_country", {"Türkiye": (2, 13, 1), "Germany": (1, 5, 0)}),
    ("sending_country", {"Germany": (2, 13, 1), "Türkiye": (1, 5, 0)}),
])
def test_tables_as_csv(client, login_as, world, exchanges, table, expected):
    login_as(world.host_coordinator)
    world.host_coordinator.locale = "en"
    finish()
    rows = read_csv(client.get(f"{P}/exchange/indicators.csv?table={table}"))
    header, lines, total = rows[0], rows[1:-1], rows[-1]
    assert header[1:] == ["Exchanges", "Participant-days", "Completed"]
    got = {line[0]: tuple(int(v) for v in line[1:]) for line in lines}
    if "Türkiye" in expected and "Türkiye" not in got:  # older CLDR: "Turkey"
        expected = {("Turkey" if k == "Türkiye" else k): v for k, v in expected.items()}
    assert got == expected
    assert total == ["Total", "3", "18", "1"]


def test_unknown_table_is_404(client, login_as, world, exchanges):
    login_as(world.host_staff)
    assert client.get(f"{P}/exchange/indicators.csv?table=salary").status_code == 404


def test_indicators_page(client, login_as, world, exchanges):
    login_as(world.sending_staff)
    body = text(client.get(f"{P}/exchange/indicators"))
    assert said_by_template("de", "%(num)s exchange", "%(num)s exchanges", 3) in body
    assert said_by_template("de", "%(num)s participant-day", "%(num)s participant-days",
                            18) in body
    assert said_by_template("de", "%(num)s completed", "%(num)s completed", 1) in body
    # Each chart is an image described by its table, which carries the same numbers.
    assert body.count('<svg class="bar-chart" role="img"') == 7
    assert 'aria-describedby="chart-year-table"' in body and 'id="chart-year-table"' in body
    year_table = body[body.find('id="chart-year-table"'):]
    year_table = year_table[:year_table.find("</table>")]
    assert ">2024</th><td>1</td><td>10</td>" in year_table
    assert ">2025</th><td>2</td><td>8</td>" in year_table


def test_indicators_without_exchanges(client, login_as, world):
    login_as(world.host_staff)
    body = text(client.get(f"{P}/exchange/indicators"))
    assert said_by_template(
        "tr", "No exchange has taken place yet: accepted applications appear here."
    ) in body
    rows = read_csv(client.get(f"{P}/exchange/indicators.csv"))
    assert len(rows) == 1

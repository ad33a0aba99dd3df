"""Indicators of a partnership's exchanges: tables, charts and CSV exports for funders."""

from __future__ import annotations

from flask import abort, make_response, request
from flask_login import current_user, login_required

from hub import permissions
from hub.db import utcnow
from hub.exchange import indicators, queries
from hub.exchange.blueprint import bp, partnership
from hub.extensions import db
from hub.htmx import render_page


def _placements():
    p = partnership()
    permissions.require(permissions.can_view_exchange_indicators(current_user, p), hide=True)
    return list(db.session.scalars(queries.placements_for_indicators(p)))


@bp.get("/p/<slug>/exchange/indicators")
@login_required
def indicators_page():
    return render_page(
        "exchange/indicators.html", partnership=partnership(),
        figures=indicators.figures(_placements()),
    )


@bp.get("/p/<slug>/exchange/indicators.csv")
@login_required
def indicators_csv():
    """Every exchange, one per line; or one table (?table=year, format, theme …)."""
    placements = _placements()
    name = request.args.get("table")
    if name is None:
        body, suffix = indicators.placements_csv(placements), "exchanges"
    elif name in indicators.DIMENSIONS:
        body, suffix = indicators.table_csv(indicators.table(placements, name)), name
    else:
        abort(404)
    filename = f"{partnership().slug}-{suffix}-{utcnow().date().isoformat()}.csv"
    response = make_response(body)
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response

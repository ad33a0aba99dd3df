"""The town directory and town pages."""

from __future__ import annotations

from flask import Blueprint, abort, request

from hub.extensions import db
from hub.htmx import render_page
from hub.templating import country_name
from hub.towns import queries

bp = Blueprint("towns", __name__)

PER_PAGE = 25


@bp.get("/towns")
def directory():
    countries = sorted(queries.countries_with_towns(), key=lambda c: country_name(c).casefold())
    country = request.args.get("country", "").upper()
    country = country if country in countries else ""
    q = request.args.get("q", "").strip()[:100]
    results = db.paginate(
        queries.towns(country=country, q=q), page=_page_number(), per_page=PER_PAGE,
        error_out=False,
    )
    counts = queries.public_partnership_counts([t.id for t in results.items])
    return render_page(
        "towns/directory.html", "towns/_results.html",
        results=results, counts=counts, countries=countries, country=country, q=q,
    )


@bp.get("/towns/<slug>")
def detail(slug: str):
    town = db.session.scalar(queries.town_by_slug(slug))
    if town is None:
        abort(404)
    partnerships = db.session.scalars(queries.public_partnerships_of(town)).all()
    return render_page("towns/detail.html", town=town, partnerships=partnerships)


def _page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)

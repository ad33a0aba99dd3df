"""The exchange blueprint and what its views share: the partnership, posting, application and
placement loaded with their visibility checked (404 for what the reader may not see), labels."""

from __future__ import annotations

from flask import Blueprint, abort, g
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from hub import permissions
from hub.exchange import queries
from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.taxonomy import EXCHANGE_COSTS, EXCHANGE_FORMATS

bp = Blueprint("exchange", __name__)

KIND_LABELS = {"offer": _l("Offer"), "request": _l("Request")}
POSTING_STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Waiting for approval"),
    "open": _l("Open"),
    "closed": _l("Closed"),
}
APPLICATION_STATUS_LABELS = {
    "submitted": _l("Waiting for endorsement"),
    "endorsed": _l("Endorsed, with the host town"),
    "refused": _l("Not endorsed"),
    "shortlisted": _l("Shortlisted"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}
VISIBILITY_LABELS = {
    "partnership": _l("Partnership members"),
    "hub": _l("Every partnership on the hub"),
    "public": _l("Public"),
}


@bp.record_once
def _register(state) -> None:
    state.app.jinja_env.globals.update(
        EXCHANGE_FORMATS=EXCHANGE_FORMATS,
        EXCHANGE_COSTS=EXCHANGE_COSTS,
        EXCHANGE_KINDS=KIND_LABELS,
        EXCHANGE_POSTING_STATUSES=POSTING_STATUS_LABELS,
        EXCHANGE_APPLICATION_STATUSES=APPLICATION_STATUS_LABELS,
        EXCHANGE_VISIBILITIES=VISIBILITY_LABELS,
    )


@bp.url_value_preprocessor
def _load_partnership(endpoint, values) -> None:
    """Workspace scoping in one place: an unknown or unapproved partnership is a 404."""
    if not values or "slug" not in values:
        return
    slug = values.pop("slug")
    partnership = db.session.scalar(select(Partnership).where(Partnership.slug == slug))
    if partnership is None or not permissions.can_view_exchange(current_user, partnership):
        abort(404)
    g.partnership = partnership


@bp.url_defaults
def _add_slug(endpoint, values) -> None:
    if "slug" not in values and g.get("partnership") is not None:
        values["slug"] = g.partnership.slug


def partnership() -> Partnership:
    return g.partnership


def posting_or_404(posting_id: int) -> Posting:
    posting = db.session.scalar(queries.posting_in(partnership(), posting_id))
    permissions.require(
        posting is not None and permissions.can_see_posting_content(current_user, posting),
        hide=True,
    )
    return posting


def application_or_404(application_id: int) -> Application:
    application = db.session.scalar(queries.application_in(partnership(), application_id))
    permissions.require(
        application is not None and permissions.can_view_application(current_user, application),
        hide=True,
    )
    return application


def placement_or_404(placement_id: int) -> Placement:
    placement = db.session.scalar(queries.placement_in(partnership(), placement_id))
    permissions.require(
        placement is not None and permissions.can_view_placement(current_user, placement),
        hide=True,
    )
    return placement


def membership_town_id() -> int | None:
    m = permissions.membership(current_user, partnership())
    return m.town_id if m is not None and m.is_active else None

"""The boards (hub-wide and per partnership), one posting, and the applications overview."""

from __future__ import annotations

from flask import request
from flask_login import current_user, login_required

from hub import permissions
from hub.exchange import queries
from hub.exchange.blueprint import bp, partnership, posting_or_404
from hub.exchange.forms import BoardFilterForm
from hub.exchange.services import refusal_message
from hub.extensions import db
from hub.htmx import render_page
from hub.templating import country_name


def _page_arg() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


def _filter_form(p) -> BoardFilterForm:
    towns = list(db.session.scalars(queries.board_towns(p)))
    countries = sorted({t.country for t in towns})
    return BoardFilterForm(
        formdata=request.args,
        towns=towns,
        countries=sorted(((c, country_name(c)) for c in countries), key=lambda c: c[1]),
    )


def _filters(form: BoardFilterForm) -> queries.Filters:
    town = form.value("town")
    return queries.Filters(
        kind=form.value("kind"),
        format=form.value("format"),
        theme=form.value("theme"),
        town_id=int(town) if town else None,
        country=form.value("country"),
        language=form.value("language"),
        written_in=form.value("written_in"),
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
        closed=form.value("show") == "closed",
    )


def _results(stmt):
    return db.paginate(stmt, page=_page_arg(), per_page=queries.PER_PAGE, error_out=False)


@bp.get("/exchange")
def hub_board():
    """Open postings of every partnership that the reader may see."""
    form = _filter_form(None)
    postings = _results(queries.board(current_user, filters=_filters(form),
                                      include_hidden=permissions.is_moderator(current_user)))
    return render_page(
        "exchange/hub_board.html", "exchange/_results.html",
        form=form, postings=postings, reader=queries.Reader.of(current_user),
        show_partnership=True, partnership=None,
    )


@bp.get("/p/<slug>/exchange")
def board():
    p = partnership()
    form = _filter_form(p)
    members_view = permissions.can_view_workspace(current_user, p)
    postings = _results(
        queries.board(current_user, partnership=p, include_private=members_view,
                      filters=_filters(form),
                      include_hidden=permissions.can_see_hidden(current_user, p.id))
    )
    unpublished = (
        list(db.session.scalars(queries.unpublished(current_user, p)).unique())
        if members_view else []
    )
    return render_page(
        "exchange/board.html", "exchange/_results.html",
        partnership=p, form=form, postings=postings, unpublished=unpublished,
        reader=queries.Reader.of(current_user), show_partnership=False,
        members_view=members_view,
    )


@bp.get("/p/<slug>/exchange/<int:posting_id>")
def posting(posting_id: int):
    post = posting_or_404(posting_id)
    blocker = permissions.apply_blocker(current_user, post)
    mine = None
    if current_user.is_authenticated and post.is_offer:
        mine = db.session.scalar(queries.application_of(current_user, post))
    applications = (
        list(db.session.scalars(queries.applications_for_posting(current_user, post)).unique())
        if current_user.is_authenticated else []
    )
    message = None
    if blocker not in (None, "not_offer", "sign_in", "not_member") and mine is None:
        message = refusal_message(blocker)
    return render_page(
        "exchange/posting.html",
        partnership=partnership(), posting=post, blocker=blocker, refusal=message,
        my_application=mine, applications=applications,
        reader=queries.Reader.of(current_user),
    )


@bp.get("/p/<slug>/exchange/applications")
@login_required
def applications():
    """What waits for the reader: endorsements, decisions, their own applications, placements."""
    p = partnership()
    permissions.require(permissions.can_view_workspace(current_user, p), hide=True)

    def rows(stmt):
        return list(db.session.scalars(stmt).unique())

    return render_page(
        "exchange/applications.html",
        partnership=p,
        to_endorse=rows(queries.to_endorse(current_user, p)),
        to_decide=rows(queries.to_decide(current_user, p)),
        mine=rows(queries.my_applications(current_user, p)),
        placements=rows(queries.placements_of(current_user, p)),
    )

"""The public good-practice library at /good-practices: the catalogue (filters and search,
updated in place by htmx), entry pages and their printable version, the Atom feed,
endorsements, and nominations from threads, posts, documents and placements.

The curators' pages are in routes_curation.py, on the same blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.goodpractices import queries, services, sources
from hub.goodpractices.forms import ConfirmForm, NominateForm, ReasonForm
from hub.goodpractices.models import FIELDS, NOMINATION_TYPES, STATES, GoodPractice
from hub.htmx import is_fragment_request, redirect_to, render_fragment, render_page
from hub.notifications.services import absolute

bp = Blueprint("good_practices", __name__, url_prefix="/good-practices")


@bp.record_once
def _register(state) -> None:
    state.app.jinja_env.globals.update(
        GOOD_PRACTICE_FIELDS=FIELDS, GOOD_PRACTICE_STATES=STATES,
        NOMINATION_TYPES=NOMINATION_TYPES,
    )


def load_entry(practice_id: int) -> GoodPractice:
    """The entry when the reader may see it (published, or a curator); 404 otherwise."""
    practice = queries.entry(practice_id)
    permissions.require(
        practice is not None and permissions.can_view_good_practice(current_user, practice),
        hide=True,
    )
    return practice


@bp.get("")
def catalogue():
    filters = queries.Filters.from_args(request.args)
    page = db.paginate(queries.catalogue(filters), page=filters.page,
                       per_page=queries.PER_PAGE, error_out=False)
    return render_page(
        "goodpractices/catalogue.html", "goodpractices/_results.html",
        results=page, filters=filters, choices=queries.filter_options(),
        counts=queries.endorsement_counts([p.id for p in page.items]),
    )


def _entry_context(practice: GoodPractice) -> dict:
    return {
        "practice": practice,
        "links": sources.links_for(current_user, practice.sources),
        "endorsements": queries.endorsement_counts([practice.id]).get(practice.id, 0),
        "endorsed": queries.has_endorsed(current_user, practice),
    }


@bp.get("/<int:practice_id>")
def entry(practice_id: int):
    practice = load_entry(practice_id)
    return render_page(
        "goodpractices/entry.html", **_entry_context(practice),
        confirm_form=ConfirmForm(formdata=None), reason_form=ReasonForm(formdata=None),
    )


@bp.get("/<int:practice_id>/print")
def print_entry(practice_id: int):
    """The entry alone on a clean page, for printing or saving as PDF."""
    return render_page("goodpractices/print.html", **_entry_context(load_entry(practice_id)))


@bp.get("/feed.atom")
def feed():
    entries = queries.feed_entries()
    xml = render_template(
        "goodpractices/feed.xml", entries=entries, absolute=absolute,
        updated=max((p.revised_at or p.published_at for p in entries), default=None),
    )
    response = make_response(xml)
    response.mimetype = "application/atom+xml"
    return response


@bp.post("/<int:practice_id>/endorse")
@login_required
def endorse(practice_id: int):
    practice = load_entry(practice_id)
    permissions.require(permissions.can_endorse(current_user, practice))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if services.endorse(current_user, practice):
        message, category = _("Thank you: your endorsement is counted."), "success"
    else:
        message, category = _("You have already endorsed this good practice."), "info"
    db.session.commit()
    if is_fragment_request():
        return render_fragment("goodpractices/_endorse.html", **_entry_context(practice),
                               announce=message)
    flash(message, category)
    return redirect_to(url_for("good_practices.entry", practice_id=practice.id))


# --- nominations ------------------------------------------------------------------------------

@bp.route("/nominate/<target_type>/<int:target_id>", methods=["GET", "POST"])
@login_required
def nominate(target_type: str, target_id: int):
    kind = sources.kind_of(target_type)
    obj = kind.load(target_id) if kind else None
    permissions.require(obj is not None and kind.can_view(current_user, obj), hide=True)
    partnership = sources.partnership_of(target_type, obj)
    permissions.require(permissions.can_nominate(current_user, partnership))
    if target_type == "placement" and obj.completed_at is None:
        abort(403)  # only completed placements
    back = kind.url(obj)
    form = NominateForm()
    status = 200
    if form.is_submitted():
        if not form.validate():
            status = 422
        else:
            try:
                services.nominate(current_user, target_type, obj, label=kind.label(obj),
                                  partnership_id=partnership.id, note=form.note.data or "")
            except services.CurationError as err:
                flash(str(err), "info")
                return redirect_to(back)
            db.session.commit()
            flash(_("Thank you: the moderators will consider it for the good-practice "
                    "library."), "success")
            return redirect_to(back)
    return render_page(
        "goodpractices/nominate.html", status=status, form=form, kind=target_type,
        label=kind.label(obj), language=kind.language(obj), partnership=partnership,
        back=back, target_id=target_id,
    )


# The curators' views register themselves on `bp` when imported.
from hub.goodpractices import routes_curation  # noqa: E402, F401

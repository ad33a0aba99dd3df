"""Hub administration: towns, partnerships and their approval, coordinators, site roles.

Every page is for admins only: anonymous visitors are sent to sign in, everyone else gets 403
(the administration is not a secret, so there is nothing to hide behind a 404).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hub import permissions
from hub.accounts.login import local_path
from hub.accounts.models import User
from hub.admin import queries, services
from hub.admin.forms import (
    AppointCoordinatorForm,
    DeclineForm,
    PartnershipForm,
    SiteRoleForm,
    TownForm,
    town_options,
)
from hub.extensions import db, login_manager
from hub.htmx import redirect_to, render_page
from hub.partnerships.models import Partnership
from hub.taxonomy import PARTNERSHIP_STATUSES, SITE_ROLES
from hub.towns.models import Town

bp = Blueprint("admin", __name__, url_prefix="/admin")

USERS_PER_PAGE = 25
ROWS_PER_PAGE = 50

# Audit-log actions as people read them; unknown codes (from other areas) are shown as they are.
ACTION_LABELS = {
    "town.create": _l("Town added"),
    "town.update": _l("Town changed"),
    "partnership.create": _l("Partnership added"),
    "partnership.update": _l("Partnership changed"),
    "partnership.approve": _l("Proposal approved"),
    "partnership.decline": _l("Proposal declined"),
    "membership.appoint_coordinator": _l("Coordinator appointed"),
    "user.set_role": _l("Site role changed"),
}


@bp.before_request
def admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    permissions.require(permissions.can_administer(current_user))
    return None


@bp.context_processor
def action_labels() -> dict:
    return {"action_labels": ACTION_LABELS}


def _page() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


@bp.get("/")
def index():
    return render_page(
        "admin/index.html",
        counts=queries.counts(),
        proposals=db.session.scalars(queries.pending_proposals()).all(),
        actions=db.session.scalars(queries.recent_actions()).all(),
    )


# --- towns ---------------------------------------------------------------------------------

@bp.get("/towns")
def towns():
    search = request.args.get("q", "").strip()
    page = db.paginate(queries.towns(search), page=_page(), per_page=ROWS_PER_PAGE, error_out=False)
    return render_page("admin/towns.html", "admin/_towns.html", results=page, search=search)


@bp.route("/towns/new", methods=["GET", "POST"])
def new_town():
    form = TownForm()
    if form.validate_on_submit():
        town = services.create_town(current_user, form.values())
        db.session.commit()
        flash(_("The town %(name)s was added.", name=town.native_name), "success")
        return redirect_to(url_for("admin.towns"))
    return render_page("admin/town_form.html", form=form, town=None,
                       status=422 if form.is_submitted() else 200)


@bp.route("/towns/<int:town_id>/edit", methods=["GET", "POST"])
def edit_town(town_id: int):
    town = db.get_or_404(Town, town_id)
    form = TownForm(obj=town)
    if form.validate_on_submit():
        services.update_town(current_user, town, form.values())
        db.session.commit()
        flash(_("The town %(name)s was saved.", name=town.native_name), "success")
        return redirect_to(url_for("admin.towns"))
    return render_page("admin/town_form.html", form=form, town=town,
                       status=422 if form.is_submitted() else 200)


# --- partnerships --------------------------------------------------------------------------

def _town_choices() -> list[tuple[int, str]]:
    return town_options(db.session.scalars(queries.town_choices()))


@bp.get("/partnerships")
def partnerships():
    search = request.args.get("q", "").strip()
    status = request.args.get("status", "")
    status = status if status in PARTNERSHIP_STATUSES else ""
    page = db.paginate(queries.partnerships(search, status), page=_page(),
                       per_page=ROWS_PER_PAGE, error_out=False)
    return render_page("admin/partnerships.html", "admin/_partnerships.html",
                       results=page, search=search, status_filter=status)


@bp.route("/partnerships/new", methods=["GET", "POST"])
def new_partnership():
    form = PartnershipForm(town_choices=_town_choices(), data={"status": "active"})
    if form.validate_on_submit():
        partnership = services.create_partnership(current_user, form.values())
        db.session.commit()
        flash(_("The partnership %(name)s was created.", name=partnership.name), "success")
        return redirect_to(url_for("admin.edit_partnership", partnership_id=partnership.id))
    return render_page("admin/partnership_form.html", form=form, partnership=None,
                       status=422 if form.is_submitted() else 200)


def _load_partnership(partnership_id: int) -> Partnership:
    partnership = db.session.scalar(queries.partnership(partnership_id))
    if partnership is None:
        abort(404)
    return partnership


def _partnership_form(partnership: Partnership, **kwargs) -> PartnershipForm:
    form = PartnershipForm(
        town_choices=_town_choices(),
        **kwargs,
        data={
            "name": partnership.name,
            "towns": [pt.town_id for pt in partnership.partner_towns],
            "description": partnership.description,
            "description_language": partnership.description_language or "",
            "founded_on": partnership.founded_on,
            "status": partnership.status,
            "themes": partnership.themes,
            "activity_types": partnership.activity_types,
            "working_languages": partnership.working_languages,
        },
    )
    if partnership.status == "proposed":
        del form.status
    return form


def _appoint_form(partnership: Partnership, **kwargs) -> AppointCoordinatorForm:
    return AppointCoordinatorForm(town_choices=town_options(partnership.towns), **kwargs)


def _edit_page(partnership: Partnership, *, form=None, appoint_form=None, decline_form=None,
               status: int = 200):
    # Forms that were not sent are built without the request's data, so they start empty.
    return render_page(
        "admin/partnership_form.html",
        status=status,
        partnership=partnership,
        form=form or _partnership_form(partnership, formdata=None),
        appoint_form=appoint_form or _appoint_form(partnership, formdata=None),
        decline_form=decline_form or DeclineForm(formdata=None),
        coordinators=db.session.scalars(queries.coordinators(partnership.id)).all(),
    )


@bp.route("/partnerships/<int:partnership_id>/edit", methods=["GET", "POST"])
def edit_partnership(partnership_id: int):
    partnership = _load_partnership(partnership_id)
    form = _partnership_form(partnership)
    if form.validate_on_submit():
        try:
            services.update_partnership(current_user, partnership, form.values())
        except services.FieldError as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            flash(_("The partnership %(name)s was saved.", name=partnership.name), "success")
            return redirect_to(url_for("admin.edit_partnership", partnership_id=partnership.id))
    return _edit_page(partnership, form=form, status=422 if form.is_submitted() else 200)


@bp.post("/partnerships/<int:partnership_id>/approve")
def approve_partnership(partnership_id: int):
    partnership = _load_partnership(partnership_id)
    if not permissions.can_decide_proposal(current_user, partnership):
        flash(_("This proposal has already been decided."), "info")
        return redirect_to(url_for("admin.edit_partnership", partnership_id=partnership.id))
    coordinator = services.approve_partnership(current_user, partnership)
    db.session.commit()
    if coordinator is not None:
        flash(_("%(name)s is approved and public. %(person)s coordinates %(town)s.",
                name=partnership.name, person=coordinator.user.display_name,
                town=coordinator.user.town.native_name), "success")
    else:
        flash(_("%(name)s is approved and public.", name=partnership.name), "success")
    return redirect_to(url_for("admin.index"))


@bp.post("/partnerships/<int:partnership_id>/decline")
def decline_partnership(partnership_id: int):
    partnership = _load_partnership(partnership_id)
    if not permissions.can_decide_proposal(current_user, partnership):
        flash(_("This proposal has already been decided."), "info")
        return redirect_to(url_for("admin.edit_partnership", partnership_id=partnership.id))
    form = DeclineForm()
    if not form.validate_on_submit():
        return _edit_page(partnership, decline_form=form, status=422)
    name = partnership.name
    services.decline_partnership(current_user, partnership, form.reason.data)
    db.session.commit()
    flash(_("The proposal %(name)s was declined and removed.", name=name), "success")
    return redirect_to(url_for("admin.index"))


@bp.post("/partnerships/<int:partnership_id>/coordinators")
def appoint_coordinator(partnership_id: int):
    partnership = _load_partnership(partnership_id)
    form = _appoint_form(partnership)
    user = None
    if form.validate_on_submit():
        user = db.session.scalar(queries.user_by_email(form.email.data))
        if user is None or user.deleted_at is not None:
            form.email.errors.append(_("No account uses this e-mail address."))
            user = None
    if user is None:
        return _edit_page(partnership, appoint_form=form, status=422)
    town = db.session.get(Town, form.town.data)
    services.appoint_coordinator(current_user, partnership, user, town)
    db.session.commit()
    flash(_("%(person)s now coordinates %(town)s in %(name)s.", person=user.display_name,
            town=town.native_name, name=partnership.name), "success")
    return redirect_to(url_for("admin.edit_partnership", partnership_id=partnership.id))


# --- people --------------------------------------------------------------------------------

def _users_page(*, status: int = 200, role_errors: dict | None = None):
    search = request.args.get("q", "").strip()
    page = db.paginate(queries.users(search), page=_page(), per_page=USERS_PER_PAGE,
                       error_out=False)
    return render_page("admin/users.html", "admin/_users.html", status=status,
                       results=page, search=search, role_errors=role_errors or {})


@bp.get("/users")
def users():
    return _users_page()


@bp.post("/users/<int:user_id>/role")
def set_site_role(user_id: int):
    user = db.get_or_404(User, user_id)
    permissions.require(permissions.can_change_site_role(current_user, user))
    form = SiteRoleForm()
    if not form.validate_on_submit():
        return _users_page(status=422, role_errors={user.id: form.role.errors})
    if services.set_site_role(current_user, user, form.role.data):
        db.session.commit()
        flash(_("%(person)s is now: %(role)s.", person=user.display_name,
                role=SITE_ROLES[user.site_role]), "success")
    else:
        flash(_("Nothing changed."), "info")
    return redirect_to(local_path(request.form.get("next")) or url_for("admin.users"))

"""Partnership directory, profile and workspace home, joining, members and invitations.

Every view under /p/<slug> gets its partnership from `_load_partnership` (404 when it does not
exist or the reader may not see it); each view then checks its own rule in hub.permissions.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.exchange import queries as exchange_queries
from hub.extensions import db, login_manager
from hub.forum import queries as forum_queries
from hub.htmx import is_fragment_request, redirect_to, render_fragment, render_page
from hub.library import queries as library_queries
from hub.partnerships import queries, services
from hub.partnerships.activity import bar_tables, monthly_activity, town_map
from hub.partnerships.forms import DirectoryFilterForm, InvitationForm, JoinForm, RoleForm
from hub.partnerships.models import Invitation, Membership, Partnership
from hub.taxonomy import MEMBER_ROLES

bp = Blueprint("partnerships", __name__)

PER_PAGE = 20


@bp.url_value_preprocessor
def _load_partnership(endpoint, values):
    if not values or "slug" not in values:
        return
    partnership = db.session.scalar(queries.partnership_by_slug(values.pop("slug")))
    if partnership is None or not permissions.can_view_partnership(current_user, partnership):
        abort(404)
    g.partnership = partnership


@bp.url_defaults
def _add_slug(endpoint, values):
    if "slug" in values or "partnership" not in g:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "slug"):
        values["slug"] = g.partnership.slug


@bp.app_context_processor
def _endpoint_helpers():
    # Links to pages other blueprints add later (e.g. proposals.new) appear once they exist.
    return {"has_endpoint": lambda name: name in current_app.view_functions}


def _me():
    return current_user._get_current_object()


def _page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


# --- directory and profile -------------------------------------------------------------------

@bp.get("/partnerships")
def directory():
    form = DirectoryFilterForm(request.args, queries.countries_in_partnerships())
    filters = {name: form.value(name) for name in ("country", "theme", "status", "q")}
    results = db.paginate(
        queries.directory(**filters), page=_page_number(), per_page=PER_PAGE, error_out=False
    )
    counts = queries.member_counts([p.id for p in results.items])
    return render_page(
        "partnerships/directory.html", "partnerships/_results.html",
        form=form, results=results, counts=counts, filtered=any(filters.values()),
    )


@bp.get("/p/<slug>")
def workspace():
    partnership = g.partnership
    if not permissions.can_view_workspace(current_user, partnership):
        return _profile(partnership)
    members = db.session.scalars(queries.memberships(partnership, status="active")).all()
    activity = monthly_activity(partnership)
    charts = bar_tables(activity) if activity.total else []
    return render_page(
        "partnerships/workspace.html",
        partnership=partnership, groups=queries.by_town(partnership, members),
        member_count=len(members), active="home",
        documents=library_queries.recent_documents(partnership, 5, members=True),
        threads=forum_queries.thread_page(
            current_user, partnership=partnership, include_private=True, per_page=5
        ).items,
        exchange_postings=db.session.scalars(
            exchange_queries.board(current_user, partnership=partnership, include_private=True)
            .limit(3)
        ).all(),
        activity=activity, activity_charts=charts, town_map=town_map(partnership.towns),
    )


def _profile(partnership: Partnership, *, join_form: JoinForm | None = None, status: int = 200):
    if join_form is None and permissions.can_request_join(current_user, partnership):
        join_form = JoinForm(partnership.towns, default_town_id=current_user.town_id)
    return render_page(
        "partnerships/profile.html", status=status,
        partnership=partnership, join_form=join_form,
        documents=library_queries.public_documents(partnership, 5),
        threads=forum_queries.public_threads_of(partnership, 5),
        postings=db.session.scalars(exchange_queries.public_postings(partnership, 5)).all(),
        membership=permissions.membership(current_user, partnership),
        member_count=queries.member_counts([partnership.id]).get(partnership.id, 0),
    )


# --- joining and leaving ---------------------------------------------------------------------

@bp.post("/p/<slug>/join")
@login_required
def join():
    partnership = g.partnership
    mine = permissions.membership(current_user, partnership)
    if mine is not None:
        if mine.is_active:
            flash(_("You are already a member of this partnership."), "info")
        else:
            flash(_("Your request to join is already waiting for a decision."), "info")
        return redirect_to(url_for(".workspace"))
    permissions.require(permissions.can_request_join(current_user, partnership))
    form = JoinForm(partnership.towns)
    if not form.validate_on_submit():
        return _profile(partnership, join_form=form, status=422)
    membership = services.request_join(_me(), partnership, form.town.data, form.message.data)
    db.session.commit()
    flash(
        _("Your request has been sent to the coordinators of %(town)s. We will e-mail you "
          "their decision.", town=membership.town.native_name),
        "success",
    )
    return redirect_to(url_for(".workspace"))


@bp.post("/p/<slug>/leave")
@login_required
def leave():
    partnership = g.partnership
    permissions.require(permissions.can_leave(current_user, partnership))
    mine = permissions.membership(current_user, partnership)
    if not permissions.can_drop_coordinator(current_user, mine):
        flash(_last_coordinator_message(mine), "error")
        response = workspace()
        response.status_code = 409
        return response
    was_active = mine.is_active
    services.leave(mine)
    db.session.commit()
    permissions.forget_memberships()
    if was_active:
        flash(_("You have left %(name)s.", name=partnership.name), "success")
    else:
        flash(_("Your request to join has been withdrawn."), "success")
    return redirect_to(url_for(".workspace"))


# --- members ---------------------------------------------------------------------------------

@bp.get("/p/<slug>/members")
@login_required
def members():
    partnership = g.partnership
    permissions.require(permissions.can_view_workspace(current_user, partnership), hide=True)
    return _members_page(partnership)


def _members_page(partnership: Partnership, *, status: int = 200, errors: dict | None = None):
    active = db.session.scalars(queries.memberships(partnership, status="active")).all()
    managed = [
        t.id for t in partnership.towns
        if permissions.can_manage_town(current_user, partnership, t.id)
    ]
    pending = queries.memberships(partnership, status="pending", town_ids=managed)
    requests = db.session.scalars(pending).all() if managed else []
    inviting = [
        t.id for t in partnership.towns
        if permissions.can_invite(current_user, partnership, t.id)
    ]
    invitations = (
        db.session.scalars(queries.pending_invitations(partnership, inviting)).unique().all()
        if inviting else []
    )
    return render_page(
        "partnerships/members.html", status=status,
        partnership=partnership, groups=queries.by_town(partnership, active),
        member_count=len(active), requests=requests, managed=managed,
        invitations=invitations, errors=errors or {}, active="members",
    )


def _last_coordinator_message(membership: Membership) -> str:
    return _("%(town)s needs at least one coordinator in this partnership to decide on its join "
             "requests. Make another member of %(town)s a coordinator first.",
             town=membership.town.native_name)


def _refuse_last_coordinator(membership: Membership):
    """409, nothing changed: the message goes next to the member's controls."""
    errors = {membership.id: [_last_coordinator_message(membership)]}
    if is_fragment_request():
        return render_fragment("partnerships/_member_row.html", status=409,
                               partnership=g.partnership, m=membership, errors=errors)
    return _members_page(g.partnership, status=409, errors=errors)


def _membership_for_manager(membership_id: int) -> Membership:
    """A membership of this partnership whose town the current user manages (404 / 403)."""
    partnership = g.partnership
    permissions.require(permissions.can_view_workspace(current_user, partnership), hide=True)
    membership = queries.membership_in(partnership, membership_id)
    if membership is None:
        abort(404)
    permissions.require(
        permissions.can_manage_town(current_user, partnership, membership.town_id)
    )
    return membership


def _answer(template: str, message: str, **context):
    """The updated row for an htmx request; otherwise flash and go back to the members page."""
    if is_fragment_request():
        return render_fragment(template, partnership=g.partnership, announce=message, **context)
    flash(message, "success")
    return redirect_to(url_for(".members"))


def _already_decided(membership: Membership):
    return _answer(
        "partnerships/_request_row.html", _("This request has already been decided."),
        membership=membership, decided="approved",
    )


@bp.post("/p/<slug>/members/<int:membership_id>/approve")
@login_required
def approve_member(membership_id: int):
    membership = _membership_for_manager(membership_id)
    name = membership.user.display_name
    if membership.status != "pending":
        return _already_decided(membership)
    permissions.require(permissions.can_decide_membership(current_user, membership))
    services.approve(membership, _me())
    db.session.commit()
    permissions.forget_memberships()
    return _answer("partnerships/_request_row.html", _("%(name)s is now a member.", name=name),
                   membership=membership, decided="approved")


@bp.post("/p/<slug>/members/<int:membership_id>/decline")
@login_required
def decline_member(membership_id: int):
    membership = _membership_for_manager(membership_id)
    name = membership.user.display_name
    if membership.status != "pending":
        return _already_decided(membership)
    permissions.require(permissions.can_decide_membership(current_user, membership))
    membership_id = membership.id
    services.decline(membership, _me())
    db.session.commit()
    permissions.forget_memberships()
    return _answer("partnerships/_request_row.html",
                   _("The request of %(name)s has been declined.", name=name),
                   membership=None, membership_id=membership_id, decided="declined")


@bp.post("/p/<slug>/members/<int:membership_id>/role")
@login_required
def change_role(membership_id: int):
    membership = _membership_for_manager(membership_id)
    permissions.require(permissions.can_change_member(current_user, membership))
    form = RoleForm()
    if not form.validate_on_submit():
        if is_fragment_request():
            return render_fragment("partnerships/_member_row.html", status=422,
                                   partnership=g.partnership, m=membership,
                                   errors={membership.id: form.role.errors})
        return _members_page(g.partnership, status=422, errors={membership.id: form.role.errors})
    if form.role.data != "coordinator" and not permissions.can_drop_coordinator(
        current_user, membership
    ):
        return _refuse_last_coordinator(membership)
    services.change_role(membership, form.role.data, _me())
    db.session.commit()
    permissions.forget_memberships()
    return _answer(
        "partnerships/_member_row.html",
        _("%(name)s is now: %(role)s.", name=membership.user.display_name,
          role=_role_label(membership.role)),
        m=membership, errors={},
    )


@bp.post("/p/<slug>/members/<int:membership_id>/remove")
@login_required
def remove_member(membership_id: int):
    membership = _membership_for_manager(membership_id)
    permissions.require(permissions.can_change_member(current_user, membership))
    if not permissions.can_drop_coordinator(current_user, membership):
        return _refuse_last_coordinator(membership)
    name, membership_id = membership.user.display_name, membership.id
    services.remove_member(membership, _me())
    db.session.commit()
    permissions.forget_memberships()
    return _answer(
        "partnerships/_member_row.html",
        _("%(name)s has been removed from the partnership.", name=name),
        m=None, membership_id=membership_id, name=name,
    )


def _role_label(role: str) -> str:
    return str(MEMBER_ROLES.get(role, role))


# --- invitations -----------------------------------------------------------------------------

@bp.route("/p/<slug>/invite", methods=["GET", "POST"])
@login_required
def invite():
    partnership = g.partnership
    permissions.require(permissions.can_view_workspace(current_user, partnership), hide=True)
    permissions.require(permissions.can_invite(current_user, partnership))
    towns = [
        t for t in partnership.towns if permissions.can_invite(current_user, partnership, t.id)
    ]
    form = InvitationForm(towns)
    if form.validate_on_submit():
        services.invite(
            partnership, form.town.data, form.email.data, form.role.data, _me(), form.message.data
        )
        db.session.commit()
        flash(_("An invitation has been sent to %(email)s.", email=form.email.data.strip()),
              "success")
        return redirect_to(url_for(".members"))
    return render_page(
        "partnerships/invite.html", status=422 if form.is_submitted() else 200,
        partnership=partnership, form=form, active="members",
        valid_days=current_app.config["TOKEN_TTL_INVITATION"].days,
    )


def _invitation_for_manager(invitation_id: int) -> Invitation:
    """An invitation of this partnership for a town the current user may invite for (404/403)."""
    partnership = g.partnership
    permissions.require(permissions.can_view_workspace(current_user, partnership), hide=True)
    invitation = queries.invitation_in(partnership, invitation_id)
    if invitation is None:
        abort(404)
    permissions.require(permissions.can_invite(current_user, partnership, invitation.town_id))
    return invitation


def _invitation_gone(invitation: Invitation):
    """Revoking or resending twice (or after it was accepted) changes nothing."""
    return _answer("partnerships/_invitation_row.html",
                   _("This invitation has already been used or revoked."),
                   invitation=invitation, done=True)


@bp.post("/p/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(invitation_id: int):
    invitation = _invitation_for_manager(invitation_id)
    if not permissions.can_manage_invitation(current_user, invitation):
        return _invitation_gone(invitation)
    services.revoke_invitation(invitation, _me())
    db.session.commit()
    return _answer("partnerships/_invitation_row.html",
                   _("The invitation to %(email)s has been revoked.", email=invitation.email),
                   invitation=invitation, done=True)


@bp.post("/p/<slug>/invitations/<int:invitation_id>/resend")
@login_required
def resend_invitation(invitation_id: int):
    invitation = _invitation_for_manager(invitation_id)
    if not permissions.can_manage_invitation(current_user, invitation):
        return _invitation_gone(invitation)
    services.resend_invitation(invitation, _me())
    db.session.commit()
    return _answer("partnerships/_invitation_row.html",
                   _("A new invitation has been sent to %(email)s. The earlier link no longer "
                     "works.", email=invitation.email),
                   invitation=invitation, done=False)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = queries.invitation_by_token(token)
    if invitation is None:
        return render_page("partnerships/invitation_invalid.html", status=404, reason="unknown")
    if invitation.revoked_at is not None:  # taken back by a coordinator: gone, like a used one
        return render_page("partnerships/invitation_invalid.html", status=410, reason="revoked")
    if invitation.used_at is not None or not invitation.partnership.is_public:
        return render_page("partnerships/invitation_invalid.html", status=410, reason="used")
    if not invitation.is_usable:
        return render_page("partnerships/invitation_invalid.html", status=410, reason="expired")
    if request.method == "POST":
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        permissions.require(permissions.can_take_part(current_user))
        services.accept_invitation(invitation, _me())
        db.session.commit()
        permissions.forget_memberships()
        flash(_("Welcome to %(name)s!", name=invitation.partnership.name), "success")
        return redirect_to(url_for(".workspace", slug=invitation.partnership.slug))
    return render_page(
        "partnerships/invitation.html", invitation=invitation, token=token,
        membership=permissions.membership(current_user, invitation.partnership),
    )

"""Home, language switcher and health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from hub.accounts.login import local_path
from hub.core import queries
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import SESSION_KEY, is_supported

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    mine = queries.my_memberships(current_user) if current_user.is_authenticated else []
    highlights = db.session.scalars(queries.public_highlights()).all()
    return render_page("core/home.html", memberships=mine, highlights=highlights)


@bp.post("/language")
def set_language():
    """The language switcher: remembered in the session and, when signed in, the profile."""
    code = request.form.get("locale", "")
    target = local_path(request.form.get("next")) or url_for("core.home")
    if is_supported(code):
        session[SESSION_KEY] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect_to(target)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500 page
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")

"""Flask-Login wiring: sessions carry the user's session version; `next` stays local."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, flash, request, url_for
from flask_babel import lazy_gettext as _l

from hub.extensions import db, login_manager
from hub.htmx import redirect_to


def configure_login(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str):
    from hub.accounts.models import User

    try:
        raw_id, raw_version = user_id.split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except ValueError:
        return None
    user = db.session.get(User, uid)
    if user is None or user.session_version != version or user.deleted_at is not None:
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized():
    flash(login_manager.login_message, "info")
    # Come back to the page after signing in; for a form sent while signed out, to the page
    # that showed the form (the form's own URL may not answer GET).
    if request.method == "GET":
        target = request.full_path
    else:
        referrer = urlsplit(request.referrer or "")
        target = referrer.path + (f"?{referrer.query}" if referrer.query else "") or None
    return redirect_to(url_for("accounts.login", next=local_path(target)))


def local_path(target: str | None) -> str | None:
    """Accept only a path on this site (no scheme, no host, no '//' or backslash tricks)."""
    if not target:
        return None
    target = target.strip()
    if target.endswith("?"):
        target = target[:-1]
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 for c in target):
        return None
    return target

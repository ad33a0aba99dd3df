"""Translated error pages: a full page, or a fragment for targeted htmx requests."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from hub.extensions import db
from hub.htmx import render_page

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check what you sent and try again."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (
        _l("Page not found"),
        _l("This page does not exist, or you are not allowed to see it."),
    ),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    413: (
        _l("File too large"),
        _l("What you sent is larger than the hub accepts. Please send a smaller file."),
    ),
    422: (_l("Please check your input"), _l("Some of what you entered could not be accepted.")),
    429: (
        _l("Too many attempts"),
        _l("You have tried this too often. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened on our side. It has been logged; please try again later."),
    ),
}


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return render_page(
        "errors/page.html", "errors/_error.html", status=code,
        code=code, title=title, message=detail or message,
    )


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_error(
            400,
            str(_l("Your form expired or was sent from elsewhere. "
                   "Please reload the page and try again.")),
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(InternalServerError)
    def _internal(error):
        db.session.rollback()
        return render_error(500)

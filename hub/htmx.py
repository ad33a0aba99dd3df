"""The only module that knows htmx headers: one URL answers a page or a fragment."""

from __future__ import annotations

from flask import Response, get_flashed_messages, make_response, redirect, render_template
from htmx_flask import request


def is_htmx() -> bool:
    return bool(getattr(request, "htmx", False))


def is_fragment_request() -> bool:
    """A targeted htmx request: not boosted navigation and not a history restore."""
    return is_htmx() and not request.htmx.boosted and not request.htmx.history_restore_request


def render_page(
    page: str, fragment: str | None = None, *, status: int = 200, **context
) -> Response:
    """Render the whole page, or only its fragment for a targeted htmx request.

    The page template includes the fragment template, so both stay one piece of markup.
    Flash messages reach fragment responses as an out-of-band swap of the flash region.
    """
    if fragment is not None and is_fragment_request():
        html = render_template(fragment, **context) + render_flashes_oob()
    else:
        html = render_template(page, **context)
    response = make_response(html, status)
    response.vary.add("HX-Request")
    return response


def render_fragment(template: str, *, status: int = 200, **context) -> Response:
    """A fragment for an htmx request that only ever comes from htmx (row updates and such)."""
    response = make_response(render_template(template, **context) + render_flashes_oob(), status)
    response.vary.add("HX-Request")
    return response


def render_flashes_oob() -> str:
    if not get_flashed_messages():
        return ""
    return render_template("_macros/_flashes.html", oob=True)


def redirect_to(url: str) -> Response:
    """After a successful POST: 303 See Other, or a client-side redirect for htmx (never a 302)."""
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


def trigger(response: Response, event: str) -> Response:
    """Ask the client to fire an event (for counters and other regions that listen)."""
    existing = response.headers.get("HX-Trigger")
    response.headers["HX-Trigger"] = f"{existing}, {event}" if existing else event
    return response

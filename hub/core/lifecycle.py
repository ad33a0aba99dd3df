"""Request hooks: caching and security headers, and jobs after the commit."""

from __future__ import annotations

from flask import Flask

from hub import jobs

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)


def register_request_hooks(app: Flask) -> None:
    jobs.register(app)

    @app.after_request
    def _headers(response):
        if response.mimetype == "text/html":
            # One URL answers a page or a fragment: caches must keep them apart.
            response.vary.add("HX-Request")
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

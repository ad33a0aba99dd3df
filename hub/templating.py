"""Template globals and filters: permissions, languages, Babel formatting, safe user content."""

from __future__ import annotations

from babel import Locale
from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_timedelta

from hub import permissions
from hub.db import utcnow
from hub.i18n import LOCALES, current_locale_code, language_name, sorted_locales
from hub.sanitize import render_markdown, render_plain
from hub.taxonomy import (
    ACTIVITY_TYPES,
    CEFR_LEVELS,
    MEMBER_ROLES,
    PARTNERSHIP_STATUSES,
    SITE_ROLES,
    THEMES,
)


def country_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return Locale.parse(current_locale_code()).territories.get(code.upper(), code)
    except (ValueError, LookupError):
        return code


def relative_time(value) -> str:
    if value is None:
        return ""
    return format_timedelta(value - utcnow(), add_direction=True, granularity="minute")


def url_with(**changes) -> str:
    """The current URL with some query arguments changed (pagination, sorting)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        perm=permissions,
        LOCALES=LOCALES,
        sorted_locales=sorted_locales,
        current_locale=current_locale_code,
        THEMES=THEMES,
        ACTIVITY_TYPES=ACTIVITY_TYPES,
        PARTNERSHIP_STATUSES=PARTNERSHIP_STATUSES,
        CEFR_LEVELS=CEFR_LEVELS,
        MEMBER_ROLES=MEMBER_ROLES,
        SITE_ROLES=SITE_ROLES,
        url_with=url_with,
    )
    app.jinja_env.filters.update(
        markdown=render_markdown,
        plain=render_plain,
        country_name=country_name,
        language_name=language_name,
        date=format_date,
        datetime=format_datetime,
        number=format_decimal,
        relative=relative_time,
    )
    app.jinja_env.add_extension("jinja2.ext.loopcontrols")
    app.jinja_env.policies["ext.i18n.trimmed"] = True

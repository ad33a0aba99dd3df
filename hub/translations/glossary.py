"""Glossary terms inside rendered posts, and glossaries for machine translation.

`mark_terms()` works on HTML that sanitize.py has already cleaned: it only touches text between
tags, never inside links, code or preformatted blocks, and marks the first occurrence of each
term with a focusable span described by a tooltip (shown on hover and on keyboard focus, and
announced through aria-describedby).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable

from flask import g, has_request_context
from markupsafe import Markup
from sqlalchemy import select

from hub.extensions import db
from hub.i18n import language_name
from hub.translations.machine import Glossary
from hub.translations.models import GlossaryTerm

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")
SKIP_TAGS = frozenset({"a", "code", "pre"})
_ids = itertools.count(1)


def terms_of(partnership_id: int | None) -> list[GlossaryTerm]:
    """The partnership's terms, loaded once per request."""
    if partnership_id is None:
        return []
    cache = g.setdefault("_glossary_terms", {}) if has_request_context() else {}
    if partnership_id not in cache:
        cache[partnership_id] = list(db.session.scalars(
            select(GlossaryTerm).where(GlossaryTerm.partnership_id == partnership_id)
            .order_by(GlossaryTerm.id)
        ))
    return cache[partnership_id]


def _tip(term: GlossaryTerm, matched_language: str) -> str:
    parts = [f"{language_name(code)}: {text}" for code, text in sorted(term.entries.items())
             if text and code != matched_language]
    if term.note:
        parts.append(term.note)
    return " · ".join(parts)


def _pattern(terms: Iterable[GlossaryTerm]) -> tuple[re.Pattern | None, dict[str, tuple]]:
    lookup: dict[str, tuple] = {}
    for term in terms:
        for code, text in (term.entries or {}).items():
            text = " ".join((text or "").split())
            if text:
                lookup.setdefault(html.escape(text, quote=False).casefold(), (term, code))
    if not lookup:
        return None, lookup
    alternatives = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)", re.IGNORECASE
    )
    return pattern, lookup


def mark_terms(safe_html: str, terms: list[GlossaryTerm]) -> Markup:
    """Mark glossary terms in sanitised HTML (text nodes only; not in links or code)."""
    pattern, lookup = _pattern(terms)
    if pattern is None:
        return Markup(safe_html)  # noqa: S704 - already sanitised by the caller
    seen: set[int] = set()
    skipping: list[str] = []
    out: list[str] = []

    def replace(match: re.Match) -> str:
        found = lookup.get(match.group(1).casefold())
        if found is None or found[0].id in seen:
            return match.group(0)
        term, code = found
        tip = _tip(term, code)
        if not tip:
            return match.group(0)
        seen.add(term.id)
        tip_id = f"term-tip-{next(_ids)}"
        return (f'<span class="term" tabindex="0" aria-describedby="{tip_id}">{match.group(1)}'
                f'</span><span class="term-tip" role="tooltip" id="{tip_id}">'
                f"{html.escape(tip)}</span>")

    for chunk in _TAG.split(str(safe_html)):
        if chunk.startswith("<"):
            name_match = _TAG_NAME.match(chunk)
            name = name_match.group(1).lower() if name_match else ""
            if name in SKIP_TAGS:
                if chunk.startswith("</"):
                    if name in skipping:
                        skipping.remove(name)
                elif not chunk.endswith("/>"):
                    skipping.append(name)
            out.append(chunk)
        elif chunk and not skipping:
            out.append(pattern.sub(replace, chunk))
        else:
            out.append(chunk)
    return Markup("".join(out))  # noqa: S704 - text was escaped HTML, tips escaped above


def glossary_for(partnership_id: int | None, source: str, target: str) -> Glossary | None:
    """The partnership's term pairs for one language pair (for DeepL), or None."""
    pairs = tuple(
        (term.entry(source), term.entry(target)) for term in terms_of(partnership_id)
        if term.entry(source) and term.entry(target)
    )
    if not pairs:
        return None
    return Glossary(name=f"hub-{partnership_id}-{source}-{target}", pairs=pairs)

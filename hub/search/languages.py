"""What the languages feature adds to the search (hub/translations): glossary terms as a kind
of result, and human and machine translations as more text of what they translate.

A translation is indexed with its original (the translation targets' keys are the search's
kind names: post, thread, document, posting, good_practice), so a Turkish query finds a German
post that has a Turkish translation — and only where the post itself may be opened.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, select
from sqlalchemy.orm import aliased, joinedload

from hub import permissions
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.search import visibility as rules
from hub.search.present import refused
from hub.search.registry import (
    MAX_BODY_CHARS,
    Branch,
    IndexText,
    Result,
    SearchType,
    TextSource,
    Watch,
    register,
    register_source,
)
from hub.translations.models import ContentTranslation, GlossaryTerm

# --- glossary terms -----------------------------------------------------------------------


def _term_texts(connection, ids):
    rows = connection.execute(
        select(GlossaryTerm.id, GlossaryTerm.entries, GlossaryTerm.note)
        .where(GlossaryTerm.id.in_(ids))
    )
    return {
        r.id: IndexText(" / ".join(str(v) for v in (r.entries or {}).values() if v),
                        (r.note or "")[:MAX_BODY_CHARS])
        for r in rows
    }


def _term_branch(entry, viewer):
    term = aliased(GlossaryTerm, name="s_glossary_term")
    p = aliased(Partnership, name="s_glossary_partnership")
    return Branch(
        joins=[(term, and_(entry.c.kind == "glossary_term", term.id == entry.c.target_id)),
               (p, p.id == term.partnership_id)],
        visible=rules.glossary_term_visible(viewer, p),
        date=term.created_at,
        partnership=lambda pid: term.partnership_id == pid,
    )


def _present_terms(ids, user, marker) -> dict[int, Result]:
    stmt = (
        select(GlossaryTerm)
        .where(GlossaryTerm.id.in_(ids))
        .options(joinedload(GlossaryTerm.partnership))
    )
    out = {}
    for term in db.session.scalars(stmt):
        p = term.partnership
        if not (p.is_public and permissions.can_view_glossary(user, p)):
            refused("glossary_term", term.id)
            continue
        names = " / ".join(str(v) for v in (term.entries or {}).values() if v)
        out[term.id] = Result(
            "glossary_term", term.id, marker.mark(names),
            url_for("translations.glossary", slug=p.slug) + f"#term-{term.id}",
            snippet=marker.snippet(term.note), context=p.name, when=term.created_at,
        )
    return out


register(SearchType(
    "glossary_term", _l("Glossary terms"), _l("Glossary term"), GlossaryTerm,
    texts=_term_texts, branch=_term_branch, present=_present_terms,
    date=GlossaryTerm.created_at,
    watch={GlossaryTerm: Watch(frozenset({"entries", "note"}), lambda t: t.id,
                               GlossaryTerm.id)},
))


# --- translations -------------------------------------------------------------------------


def _translation_texts(connection, kind: str, ids: list[int]) -> dict[int, list[str]]:
    rows = connection.execute(
        select(ContentTranslation.target_id, ContentTranslation.text)
        .where(ContentTranslation.target_type == kind, ContentTranslation.target_id.in_(ids))
        .order_by(ContentTranslation.id)
    )
    found: dict[int, list[str]] = {}
    for target_id, text in rows:
        found.setdefault(target_id, []).append(text)
    return found


register_source(TextSource(
    "translations", texts=_translation_texts,
    watch={ContentTranslation: lambda t: (t.target_type, t.target_id)},
))

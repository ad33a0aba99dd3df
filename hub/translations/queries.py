"""Reads: translations of content, and glossary terms."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from hub.text import fold
from hub.translations.models import ContentTranslation, GlossaryTerm


def translations_for(target_type: str, target_ids, language: str) -> Select:
    """Every translation into `language` of the given targets (all fields, both origins)."""
    return (
        select(ContentTranslation)
        .where(
            ContentTranslation.target_type == target_type,
            ContentTranslation.language == language,
            ContentTranslation.target_id.in_(list(target_ids)),
        )
        .options(joinedload(ContentTranslation.translator),
                 joinedload(ContentTranslation.verified_by))
    )


def translated_languages(target_type: str, target_ids) -> Select:
    """(target id, field, language) of every translation of the given targets, once each:
    which other languages a field can be read in, without loading the texts."""
    return (
        select(ContentTranslation.target_id, ContentTranslation.field,
               ContentTranslation.language)
        .where(
            ContentTranslation.target_type == target_type,
            ContentTranslation.target_id.in_(list(target_ids)),
        )
        .distinct()
    )


def translation_of(target_type: str, target_id: int, field: str, language: str,
                   origin: str) -> Select:
    return select(ContentTranslation).where(
        ContentTranslation.target_type == target_type,
        ContentTranslation.target_id == target_id,
        ContentTranslation.field == field,
        ContentTranslation.language == language,
        ContentTranslation.origin == origin,
    )


def glossary_terms(partnership_ids, q: str = "") -> Select:
    stmt = (
        select(GlossaryTerm)
        .where(GlossaryTerm.partnership_id.in_(list(partnership_ids)))
        .options(joinedload(GlossaryTerm.partnership))
        .order_by(GlossaryTerm.partnership_id, GlossaryTerm.search_text)
    )
    words = fold(q).split()
    if words:
        stmt = stmt.where(
            *[GlossaryTerm.search_text.contains(word, autoescape=True) for word in words]
        )
    return stmt

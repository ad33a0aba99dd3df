"""Writes: human translations, verification, machine translations and glossary terms.
Services validate, change and flush; the view commits."""

from __future__ import annotations

from hub.db import utcnow
from hub.extensions import db
from hub.text import fold
from hub.translations import queries
from hub.translations.glossary import glossary_for
from hub.translations.machine import MachineTranslationError, Provider
from hub.translations.models import ContentTranslation, GlossaryTerm, source_hash
from hub.translations.present import forget_loaded
from hub.translations.targets import TranslationTarget


def _row(target: TranslationTarget, obj, field: str, language: str,
         origin: str) -> ContentTranslation:
    row = db.session.scalar(queries.translation_of(target.key, obj.id, field, language, origin))
    if row is None:
        row = ContentTranslation(target_type=target.key, target_id=obj.id, field=field,
                                 language=language, origin=origin)
        db.session.add(row)
    return row


def save_translation(target: TranslationTarget, obj, field: str, language: str, text: str,
                     translator) -> ContentTranslation:
    """Add or replace the human translation; a changed text needs verifying again."""
    original = target.text(obj, field)
    row = _row(target, obj, field, language, "human")
    row.text = text.strip()
    row.source_language = target.language(obj, field)
    row.source_hash = source_hash(original)
    row.translator_id = translator.id
    row.verified_by_id = None
    row.verified_at = None
    row.updated_at = utcnow()
    db.session.flush()
    forget_loaded()
    return row


def verify_translation(translation: ContentTranslation, user) -> None:
    translation.verified_by_id = user.id
    translation.verified_at = utcnow()
    db.session.flush()
    forget_loaded()


def machine_translate(target: TranslationTarget, obj, field: str, language: str,
                      provider: Provider) -> ContentTranslation:
    """Ask the provider and store its text as the machine translation (never the human one).

    Raises MachineTranslationError; nothing is stored then.
    """
    original = target.text(obj, field)
    source = target.language(obj, field)
    glossary = None
    if provider.supports_glossary:
        glossary = glossary_for(target.partnership_id(obj), source, language)
    text = provider.translate(original, source, language, glossary=glossary)
    if not text.strip():
        raise MachineTranslationError(f"{provider.name}: empty translation")
    row = _row(target, obj, field, language, "machine")
    row.text = text
    row.source_language = source
    row.source_hash = source_hash(original)
    row.provider = provider.name
    row.updated_at = utcnow()
    db.session.flush()
    forget_loaded()
    return row


def clean_entries(entries: dict[str, str]) -> dict[str, str]:
    return {code: " ".join(text.split()) for code, text in entries.items() if text and text.strip()}


def save_term(term: GlossaryTerm | None, partnership, entries: dict[str, str], note: str,
              user) -> GlossaryTerm:
    if term is None:
        term = GlossaryTerm(partnership_id=partnership.id, created_by_id=user.id)
        db.session.add(term)
    term.entries = clean_entries(entries)
    term.note = (note or "").strip()
    term.search_text = fold(" ".join(term.entries.values()))
    term.updated_at = utcnow()
    db.session.flush()
    return term


def delete_term(term: GlossaryTerm) -> None:
    db.session.delete(term)
    db.session.flush()

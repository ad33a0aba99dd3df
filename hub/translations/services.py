"""Writes: human translations, verification, machine translations and glossary terms.
Services validate, change and flush; the view commits."""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from hub import jobs
from hub.db import utcnow
from hub.extensions import db
from hub.text import fold
from hub.translations import queries
from hub.translations.glossary import glossary_for
from hub.translations.machine import (
    GlossaryNotFound,
    MachineTranslationError,
    Provider,
    get_provider,
)
from hub.translations.models import (
    ContentTranslation,
    GlossaryTerm,
    MachineGlossary,
    source_hash,
)
from hub.translations.present import forget_loaded
from hub.translations.targets import TranslationTarget

log = logging.getLogger(__name__)


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
    if provider.supports_glossary:
        text = _translate_with_glossary(provider, original, source, language,
                                        target.partnership_id(obj))
    else:
        text = _translated(provider, original, source, language)
    row = _row(target, obj, field, language, "machine")
    row.text = text
    row.source_language = source
    row.source_hash = source_hash(original)
    row.provider = provider.name
    row.updated_at = utcnow()
    db.session.flush()
    forget_loaded()
    return row


def _translated(provider: Provider, text: str, source: str, language: str,
                glossary_id: str | None = None) -> str:
    translated = provider.translate(text, source, language, glossary_id=glossary_id)
    if not translated.strip():
        raise MachineTranslationError(f"{provider.name}: empty translation")
    return translated


# --- glossaries kept at the provider ---------------------------------------------------------
# One glossary per partnership, language pair and provider endpoint, its id stored in
# MachineGlossary so that every worker process and every restart reuses it (DeepL limits
# glossaries per account). Adding, editing or deleting a term does nothing at the provider:
# the terms' fingerprint changes, and the next machine translation for that pair (lazily) makes
# a new glossary, stores it and deletes the old one after the commit.

def _translate_with_glossary(provider: Provider, text: str, source: str, language: str,
                             partnership_id: int | None) -> str:
    """Translate with the partnership's glossary for source → language, if it has terms.

    The stored glossary is used while its fingerprint matches the terms; otherwise, or when the
    provider no longer knows the stored id (404: deleted on its side), a new glossary is created
    and the translation tried once with it. Nothing is stored unless the translation succeeds;
    a glossary created for a failed attempt is deleted again at once.
    """
    if partnership_id is None:
        return _translated(provider, text, source, language)
    glossary = glossary_for(partnership_id, source, language)
    scope = _glossary_scope(provider, partnership_id, source, language)
    stored = _stored_glossary(scope)
    if glossary is None:
        translated = _translated(provider, text, source, language)
        if stored is not None:  # the last term for this pair was deleted
            _drop_glossary(provider, stored)
        return translated
    replaced = stored.glossary_id if stored is not None else None
    if stored is not None and stored.fingerprint == glossary.fingerprint:
        try:
            return _translated(provider, text, source, language, stored.glossary_id)
        except GlossaryNotFound:
            log.info("%s: glossary %s is gone, making a new one", provider.name, replaced)
            replaced = None  # nothing left to delete at the provider
    glossary_id = provider.create_glossary(glossary, source, language)
    try:
        translated = _translated(provider, text, source, language, glossary_id)
    except MachineTranslationError:
        _delete_glossary_now(provider, glossary_id)  # nothing will refer to it
        raise
    if _store_glossary(scope, stored, glossary.fingerprint, glossary_id):
        if replaced is not None:
            jobs.after_commit(delete_glossary_later, provider.name, provider.url, replaced)
    else:  # another request stored its glossary first: keep that one, ours was used once
        _delete_glossary_now(provider, glossary_id)
    return translated


def _glossary_scope(provider: Provider, partnership_id: int, source: str,
                    language: str) -> dict:
    """The columns that name one stored glossary (its unique key)."""
    return {
        "provider": provider.name,
        "url_hash": hashlib.sha256(provider.url.encode()).hexdigest(),
        "partnership_id": partnership_id,
        "source_language": source,
        "target_language": language,
    }


def _stored_glossary(scope: dict) -> MachineGlossary | None:
    return db.session.scalar(select(MachineGlossary).filter_by(**scope))


def _store_glossary(scope: dict, stored: MachineGlossary | None, fingerprint: str,
                    glossary_id: str) -> bool:
    """Remember a new glossary; False when a concurrent request stored one first.

    Two requests may both find no row, or the same outdated row, and each create a glossary.
    A new row goes in inside a savepoint, so the unique constraint refuses the second insert
    without spoiling the transaction; an outdated row is replaced only while it still holds the
    id this request read (compare and set), so only one of them replaces it.
    """
    if stored is None:
        try:
            with db.session.begin_nested():
                db.session.add(MachineGlossary(**scope, fingerprint=fingerprint,
                                               glossary_id=glossary_id, created_at=utcnow()))
        except IntegrityError:
            return False
        return True
    result = db.session.execute(
        update(MachineGlossary)
        .where(MachineGlossary.id == stored.id,
               MachineGlossary.glossary_id == stored.glossary_id)
        .values(fingerprint=fingerprint, glossary_id=glossary_id, created_at=utcnow())
    )
    return result.rowcount == 1


def _drop_glossary(provider: Provider, stored: MachineGlossary) -> None:
    """Forget a glossary whose terms are all gone; delete it at the provider after the commit."""
    glossary_id = stored.glossary_id
    result = db.session.execute(
        delete(MachineGlossary)
        .where(MachineGlossary.id == stored.id, MachineGlossary.glossary_id == glossary_id)
    )
    if result.rowcount == 1:
        jobs.after_commit(delete_glossary_later, provider.name, provider.url, glossary_id)


def _delete_glossary_now(provider: Provider, glossary_id: str) -> None:
    """Delete a glossary at the provider; a failure is logged, never raised (it only costs
    a slot in the provider's glossary allowance)."""
    try:
        provider.delete_glossary(glossary_id)
    except MachineTranslationError as error:
        log.warning("could not delete glossary %s: %s", glossary_id, error)


def delete_glossary_later(provider_name: str, url: str, glossary_id: str) -> None:
    """Job run after the commit that replaced or dropped the glossary: delete it at the
    provider, if the hub still talks to the same one."""
    provider = get_provider()
    if provider is None or (provider.name, provider.url) != (provider_name, url):
        log.warning("glossary %s left at %s: provider no longer configured", glossary_id, url)
        return
    _delete_glossary_now(provider, glossary_id)


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

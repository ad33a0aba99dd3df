"""What a reader sees of a translatable field: the original, or the translation into their
language, with its label and the actions they may take.

Translations are loaded in batches: the first field asked for in a request loads the
translations of every object of that kind already in the session (the view loaded the page's
posts before rendering), so a page of fifty posts costs one query, not fifty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import g
from flask_login import current_user
from markupsafe import Markup

from hub import permissions
from hub.extensions import db
from hub.i18n import current_locale_code
from hub.sanitize import render_markdown, render_plain
from hub.translations import queries
from hub.translations.glossary import mark_terms, terms_of
from hub.translations.models import ContentTranslation
from hub.translations.targets import TranslationTarget, get_target

# The class the field's container had before it became translatable (pages style them so).
CSS_CLASSES = {
    ("post", "body"): "post-body",
    ("posting", "description"): "prose post-body",
    ("document", "description"): "document-description",
}


def _rank(t: ContentTranslation) -> tuple:
    """Human before machine; verified before unverified."""
    return (t.origin != "human", t.verified_at is None, -t.id)


def _loaded(target: TranslationTarget, target_id: int, language: str) -> list[ContentTranslation]:
    cache = g.setdefault("_content_translations", {})
    entry = cache.setdefault((target.key, language), {"ids": set(), "rows": defaultdict(list)})
    if target_id not in entry["ids"]:
        ids = {
            obj.id for obj in list(db.session.identity_map.values())
            if isinstance(obj, target.model)
        } | {target_id}
        new = ids - entry["ids"]
        entry["ids"] |= new
        for row in db.session.scalars(queries.translations_for(target.key, new, language)):
            entry["rows"][row.target_id].append(row)
    return entry["rows"].get(target_id, [])


def forget_loaded() -> None:
    """Call after writing translations inside a request."""
    g.pop("_content_translations", None)


@dataclass
class Shown:
    target_type: str
    target_id: int
    field: str
    format: str
    original: str
    original_language: str
    reader_language: str
    translation: ContentTranslation | None
    human: ContentTranslation | None
    machine: ContentTranslation | None
    show_original: bool
    partnership_id: int | None
    can_translate: bool
    can_machine: bool
    can_verify: bool

    @property
    def dom_id(self) -> str:
        return f"tr-{self.target_type}-{self.target_id}-{self.field}"

    @property
    def css_class(self) -> str:
        return CSS_CLASSES.get((self.target_type, self.field), "prose")

    @property
    def showing_translation(self) -> bool:
        return self.translation is not None and not self.show_original

    @property
    def text(self) -> str:
        return self.translation.text if self.showing_translation else self.original

    @property
    def language(self) -> str:
        return self.reader_language if self.showing_translation else self.original_language

    @property
    def out_of_date(self) -> bool:
        return self.translation is not None and self.translation.is_out_of_date(self.original)

    def rendered(self) -> Markup:
        if self.format == "markdown":
            html = render_markdown(self.text)
            if self.target_type == "post":
                terms = terms_of(self.partnership_id)
                if terms:
                    return mark_terms(html, terms)
            return html
        if self.format == "plain":
            return render_plain(self.text)
        return Markup.escape(self.text)


def shown(target_type: str, obj, field: str, *, show_original: bool = False,
          language: str | None = None) -> Shown:
    target = get_target(target_type)
    original_language = target.language(obj, field)
    reader = language or current_locale_code()
    rows = []
    if original_language and original_language != reader:
        rows = [r for r in _loaded(target, obj.id, reader) if r.field == field]
    rows.sort(key=_rank)
    human = next((r for r in rows if r.origin == "human"), None)
    machine = next((r for r in rows if r.origin == "machine"), None)
    translation = rows[0] if rows else None
    user = current_user
    differs = bool(original_language) and original_language != reader
    return Shown(
        target_type=target_type, target_id=obj.id, field=field, format=target.format(field),
        original=target.text(obj, field), original_language=original_language,
        reader_language=reader, translation=translation, human=human, machine=machine,
        show_original=show_original, partnership_id=target.partnership_id(obj),
        can_translate=differs and permissions.can_translate(user, original_language, reader),
        can_machine=differs and human is None
        and permissions.can_request_machine_translation(user),
        can_verify=human is not None and not human.is_out_of_date(target.text(obj, field))
        and permissions.can_verify_translation(user, human),
    )

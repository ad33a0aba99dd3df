"""What a reader sees of a translatable field: the original, or the translation into their
language, with its label and the actions they may take.

Translations are loaded in batches: the first field asked for in a request loads the
translations of every object of that kind already in the session (the view loaded the page's
posts before rendering), so a page of fifty posts costs one query, not fifty. The languages
each field has been translated into ("Also translated into: Deutsch · Ελληνικά") come the same
way, from one more query per kind and request.

A reader sees their UI language by default; `shown(..., language="de")` shows another language
(a reader who follows "Also translated into", or the translator's edit page).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from flask import g
from flask_login import current_user
from markupsafe import Markup

from hub import permissions
from hub.extensions import db
from hub.i18n import LOCALES, current_locale_code, language_name
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


def _ids_in_session(target: TranslationTarget, target_id: int) -> set[int]:
    """The ids of every object of the target's kind the view has loaded (the page's posts).

    Ids come from the identity keys: reading `obj.id` of an expired object (after a commit in the
    same request) would cost one SELECT per object.
    """
    return {
        key[1][0] for key, obj in list(db.session.identity_map.items())
        if isinstance(obj, target.model)
    } | {target_id}


def _loaded(target: TranslationTarget, target_id: int, language: str) -> list[ContentTranslation]:
    cache = g.setdefault("_content_translations", {})
    entry = cache.setdefault((target.key, language), {"ids": set(), "rows": defaultdict(list)})
    if target_id not in entry["ids"]:
        new = _ids_in_session(target, target_id) - entry["ids"]
        entry["ids"] |= new
        for row in db.session.scalars(queries.translations_for(target.key, new, language)):
            entry["rows"][row.target_id].append(row)
    return entry["rows"].get(target_id, [])


def _translated_into(target: TranslationTarget, target_id: int, field: str) -> set[str]:
    """Every language `field` of the object has a translation in, batched like _loaded."""
    cache = g.setdefault("_translation_languages", {})
    entry = cache.setdefault(target.key, {"ids": set(), "languages": defaultdict(set)})
    if target_id not in entry["ids"]:
        new = _ids_in_session(target, target_id) - entry["ids"]
        entry["ids"] |= new
        for row_id, row_field, language in db.session.execute(
            queries.translated_languages(target.key, new)
        ):
            entry["languages"][(row_id, row_field)].add(language)
    return entry["languages"].get((target_id, field), set())


def forget_loaded() -> None:
    """Call after writing translations inside a request."""
    g.pop("_content_translations", None)
    g.pop("_translation_languages", None)


def _targets_in_order(codes: list[str], ui_language: str) -> list[str]:
    """The reader's UI language first (the usual choice), then by name as the reader says it."""
    return sorted(codes, key=lambda code: (code != ui_language, language_name(code).casefold()))


def _others_in_order(codes: set[str]) -> list[str]:
    """Languages a page can be shown in, ordered by their own names like the language switcher."""
    return sorted((code for code in codes if code in LOCALES),
                  key=lambda code: LOCALES[code].casefold())


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
    ui_language: str = ""
    # Languages the reader may translate the field into (UI language first); with two or more
    # the note offers a picker, with one a plain link.
    target_languages: list[str] = dataclass_field(default_factory=list)
    # Other languages the field has been translated into (not the original's, not the one shown).
    other_languages: list[str] = dataclass_field(default_factory=list)

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
    def in_other_language(self) -> bool:
        """Shown in a language the reader chose, not in the language of their pages."""
        return self.reader_language != self.ui_language

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
    """What the reader sees of `field`: its translation into `language` (by default the UI
    language) when there is one, the other languages it can be read in, and what they may do."""
    target = get_target(target_type)
    original_language = target.language(obj, field)
    ui_language = current_locale_code()
    reader = language or ui_language
    rows = []
    if original_language and original_language != reader:
        rows = [r for r in _loaded(target, obj.id, reader) if r.field == field]
    rows.sort(key=_rank)
    human = next((r for r in rows if r.origin == "human"), None)
    machine = next((r for r in rows if r.origin == "machine"), None)
    translation = rows[0] if rows else None
    user = current_user
    differs = bool(original_language) and original_language != reader
    others = set()
    if original_language:
        others = _translated_into(target, obj.id, field) - {original_language, reader}
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
        ui_language=ui_language,
        target_languages=_targets_in_order(
            permissions.translation_languages(user, original_language), ui_language
        ),
        other_languages=_others_in_order(others),
    )

"""Translated titles in lists: a thread list, the exchange board or the good-practice library
shows each title in the reader's language when a translation exists, marked as a translation.

The full label, the verification state and "show original" belong to the item's own page
(present.py); a list only needs the text, its language and where it was translated from. The
translations come from the same per-request batch as present.py: the first title asked for loads
the translations of every object of that kind on the page in one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.i18n import current_locale_code
from hub.translations.models import ContentTranslation
from hub.translations.present import _loaded, _rank
from hub.translations.targets import get_target


@dataclass(frozen=True)
class ListedText:
    text: str
    language: str  # the language of `text`
    original_language: str
    translation: ContentTranslation | None

    @property
    def is_translation(self) -> bool:
        return self.translation is not None

    @property
    def is_machine(self) -> bool:
        return self.translation is not None and self.translation.is_machine

    def __str__(self) -> str:
        return self.text


def listed_text(target_type: str, obj, field: str) -> ListedText:
    """`field` of `obj` as a list shows it to the current reader."""
    target = get_target(target_type)
    if target is None or field not in target.fields:
        raise KeyError(f"{target_type}.{field} is not translatable")
    original = target.text(obj, field)
    original_language = target.language(obj, field)
    reader = current_locale_code()
    if original_language and original_language != reader:
        rows = sorted(
            (r for r in _loaded(target, obj.id, reader) if r.field == field and r.text.strip()),
            key=_rank,
        )
        if rows:
            return ListedText(rows[0].text, reader, original_language, rows[0])
    return ListedText(original, original_language, original_language, None)

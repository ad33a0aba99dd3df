"""The one text normalisation of the search: used for what is indexed and for what is asked.

`normalise("İSTANBUL'da IŞIK Straße École Θεσσαλονίκη")`
    == "istanbul'da isik strasse ecole θεσσαλονικη"

Steps: NFKC (full-width and compatibility forms, ligatures), Unicode case folding (ß → ss,
final sigma → σ, "İ" → "i" + combining dot), then every non-spacing mark is dropped after
canonical decomposition (é → e, ö → o, Greek tonos, the dot of "İ"), and the letters Unicode does
not decompose are mapped to their base letter — the Turkish dotless ı first, so that
`ışık`, `Işık`, `IŞIK` and `isik` are one word, as are `istanbul`, `İstanbul` and `ISTANBUL`.
Folding both Turkish i's to one letter is deliberate: a reader who cannot type ı (or İ) must
still find the word, and no pair of Turkish words is told apart by the dot alone in practice.

`normalise(text, keep_marks=True, language=...)` only folds case (Turkish-aware for Turkish
text: I → ı, İ → i) and keeps the diacritics: that is the input of PostgreSQL's stemmers, which
know their language's letters. `words()` cuts normalised text into words exactly as both
engines' tokenizers do (letters and digits; everything else separates).
"""

from __future__ import annotations

import re
import unicodedata

# Letters without a canonical decomposition, mapped to what a reader types instead.
_BASE_LETTERS = {
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "æ": "ae",
    "œ": "oe", "þ": "th", "ŋ": "ng", "ĸ": "k", "ſ": "s", "ς": "σ", "ʼ": "'", "’": "'",
}
_TURKIC = {"tr", "az"}
_WORD = re.compile(r"[^\W_]+")


def _marks_table() -> dict[int, None]:
    """Every non-spacing and enclosing mark (Mn, Me) of Unicode, to delete with str.translate."""
    planes = (range(0x20000), range(0xE0000, 0xE1000))  # no marks anywhere else (Unicode 15)
    return {
        cp: None for plane in planes for cp in plane
        if unicodedata.category(chr(cp)) in {"Mn", "Me"}
    }


_DROP_MARKS = _marks_table()
_FOLD = str.maketrans({**{ord(k): v for k, v in _BASE_LETTERS.items()}, **_DROP_MARKS})


def normalise(text: str | None, *, keep_marks: bool = False, language: str | None = None) -> str:
    """The searchable form of `text` (see the module's docstring)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if keep_marks:
        if language in _TURKIC:
            text = text.replace("I", "ı").replace("İ", "i")
        folded = text.casefold().replace("i\u0307", "i")
        return unicodedata.normalize("NFC", folded)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", decomposed.translate(_FOLD))


def words(normalised: str) -> list[str]:
    """The words of already normalised text."""
    return _WORD.findall(normalised)


def word_spans(text: str):
    """(start, end) of every word of `text` (original or normalised), in order."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end()

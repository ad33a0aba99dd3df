"""Search normalisation: case, Turkish dotted and dotless i, and diacritics do not matter.

`normalise("Çalıştay İZMİR")` == "calistay izmir", so `calistay` finds `Çalıştay`. The stored
copy of a document's text is normalised once; queries are normalised the same way and matched
with LIKE (a full-text engine comes later). `snippet()` finds a match in the original text and
cuts the words around it.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not reduce to a base letter, and the Turkish dotless i.
_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŋ": "ng",
        "ĸ": "k",
        "ſ": "s",
        "ς": "σ",
    }
)
_SPACE = re.compile(r"\s")
_WORDS = re.compile(r"\S+")


def normalise_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.translate(_EXTRA)


def normalise(text: str | None) -> str:
    """Case-folded, marks stripped, every whitespace character a single space (not collapsed)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACE.sub(" ", kept.translate(_EXTRA))


def query_words(query: str | None, limit: int = 8) -> list[str]:
    """The normalised words of a search query (at most `limit`, each at least one letter)."""
    words = _WORDS.findall(normalise(query or ""))
    return [w for w in words if w][:limit]


def like_pattern(word: str) -> str:
    """`%word%` with LIKE's wildcards escaped (use escape="\\")."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _find(original: str, word: str, start: int, end: int) -> tuple[int, int] | None:
    """Find `word` (normalised) in original[start:end]; return its span in the original."""
    mapping: list[int] = []
    pieces: list[str] = []
    for index in range(start, min(end, len(original))):
        piece = normalise_char(original[index])
        if original[index].isspace():
            piece = " "
        pieces.append(piece)
        mapping.extend([index] * len(piece))
    text = "".join(pieces)
    at = text.find(word)
    if at < 0:
        return None
    return mapping[at], mapping[at + len(word) - 1] + 1


def snippet(
    original: str | None, normalised: str | None, words: list[str], width: int = 160
) -> str:
    """About `width` characters of `original` around the first of `words` found in it."""
    if not original or not words:
        return ""
    normalised = normalised if normalised is not None else normalise(original)
    for word in words:
        position = normalised.find(word)
        if position < 0:
            continue
        # The normalised text is nearly aligned with the original: look nearby first.
        span = _find(original, word, max(0, position - 2000), position + 2000 + len(word))
        if span is None:
            span = _find(original, word, 0, len(original))
        if span is None:
            continue
        begin = max(0, span[0] - width // 2)
        end = min(len(original), span[1] + width // 2)
        text = " ".join(original[begin:end].split())
        return ("… " if begin > 0 else "") + text + (" …" if end < len(original) else "")
    return ""

"""Text helpers: ASCII slugs from town and partnership names in any of the hub's scripts.

Turkish, German, Polish and the other Latin-script languages lose their diacritics
("Nilüfer" → "nilufer", "Kraków" → "krakow"); Greek and Cyrillic (Bulgarian first, and the
letters of the neighbouring languages) are transliterated ("Θεσσαλονίκη" → "thessaloniki",
"Пловдив" → "plovdiv").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Bulgarian after the official Streamlined System (2009), plus the letters of Russian,
# Ukrainian, Serbian and Macedonian. Mapped before Unicode decomposition, so that "й" is not
# mistaken for an "и" with a breve.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    "ё": "yo", "ы": "y", "э": "e", "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj",
    "ѕ": "dz",
}

# Greek after ELOT 743, simplified: digraphs first, then single letters (accents are gone by then).
_GREEK_DIGRAPHS = (
    ("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ηυ", "iv"),
    ("γγ", "ng"), ("γξ", "nx"), ("γχ", "nch"),
)
_GREEK_WORD_START = (("μπ", "b"), ("ντ", "d"), ("γκ", "g"))
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}

# Latin letters that Unicode decomposition does not reduce to a base letter.
_LATIN = {
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ß": "ss",
    "æ": "ae", "œ": "oe", "þ": "th", "ŋ": "ng", "ĸ": "k", "ſ": "s",
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_GREEK_START = re.compile(r"(?<![α-ω])(" + "|".join(k for k, _v in _GREEK_WORD_START) + ")")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def transliterate(text: str) -> str:
    """Lower-case ASCII rendering of `text`; anything else left over becomes a space."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = "".join(_CYRILLIC.get(c, c) for c in text)
    text = _strip_marks(text)
    starts = dict(_GREEK_WORD_START)
    text = _GREEK_START.sub(lambda m: starts[m.group(1)], text)
    for greek, latin in _GREEK_DIGRAPHS:
        text = text.replace(greek, latin)
    text = "".join(_GREEK.get(c, _LATIN.get(c, c)) for c in text)
    return "".join(c if c.isascii() else " " for c in text)


def slugify(text: str, max_length: int = 100) -> str:
    """An ASCII slug: "İzmir–Köln" → "izmir-koln". Empty when nothing transliterable is left."""
    slug = _NOT_SLUG.sub("-", transliterate(text)).strip("-")
    return slug[:max_length].rstrip("-")


def unique_slug(base: str, exists: Callable[[str], bool], *, fallback: str = "item",
                max_length: int = 100) -> str:
    """`base`, or `base-2`, `base-3` … : the first candidate for which `exists()` is false."""
    base = (base or fallback)[:max_length].rstrip("-") or fallback
    candidate, number = base, 2
    while exists(candidate):
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def fold(text: str) -> str:
    """A sort and comparison key that ignores case and accents ("Çek" sorts with "Cek")."""
    return _strip_marks(unicodedata.normalize("NFC", text or "").casefold()).replace("ı", "i")

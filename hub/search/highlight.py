"""Snippets with the matching words marked: the text is escaped first, then <mark> goes around
the words that match, so user text can never become markup.

A word of the text matches when its normalised form is a word of the query; with an engine that
stems (PostgreSQL), also when one is the beginning of the other (at least four letters), so that
"belediyeleri" marks "belediye". Long texts (documents) are scanned in chunks: a chunk is
normalised in one go and looked at word by word only when it contains a query word.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from hub.search.normalise import normalise, word_spans

CHUNK = 4000
SCAN_CHARS = 200_000
_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, lists
    (re.compile(r"`{1,3}|\*{1,3}|_{2,3}|~~|^\s*\|?[-:| ]{3,}\|?\s*$", re.M), ""),
    (re.compile(r"\s*\|\s*"), " "),  # table cells
]


def plain_markdown(source: str | None) -> str:
    """Markdown source as readable plain text (for snippets only: it is escaped afterwards)."""
    text = source or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


class Marker:
    def __init__(self, words: list[str], *, stems: bool = False) -> None:
        self.words = [w for w in words if w]
        self.stems = stems
        self._probes = {w[:4] if stems else w for w in self.words}

    def matches(self, word: str) -> bool:
        for wanted in self.words:
            if word == wanted:
                return True
            if self.stems:
                short, long = sorted((word, wanted), key=len)
                if len(short) >= 4 and long.startswith(short):
                    return True
        return False

    def _first_match(self, text: str) -> tuple[int, int] | None:
        for start, end in word_spans(text):
            if self.matches(normalise(text[start:end])):
                return start, end
        return None

    def find(self, text: str) -> tuple[int, int] | None:
        """The span of the first matching word of `text` (scanning at most SCAN_CHARS)."""
        if len(text) <= CHUNK:
            return self._first_match(text)
        position = 0
        limit = min(len(text), SCAN_CHARS)
        while position < limit:
            end = min(len(text), position + CHUNK)
            if end < len(text):  # cut at a space, so that no word is split
                space = text.rfind(" ", position + CHUNK // 2, end)
                end = space if space > 0 else end
            folded = normalise(text[position:end])
            if any(probe in folded for probe in self._probes):
                found = self._first_match(text[position:end])
                if found:
                    return position + found[0], position + found[1]
            position = end
        return None

    def mark(self, text: str | None) -> Markup:
        """All of `text`, escaped, its matching words marked."""
        text = unicodedata.normalize("NFC", text or "")
        out, last = [], 0
        for start, end in word_spans(text):
            if self.words and self.matches(normalise(text[start:end])):
                out.append(escape(text[last:start]))
                out.append(Markup("<mark>%s</mark>") % text[start:end])
                last = end
        out.append(escape(text[last:]))
        return Markup("").join(out)

    def snippet(self, text: str | None, width: int = 220) -> Markup:
        """About `width` characters around the first match (the beginning when none)."""
        text = unicodedata.normalize("NFC", text or "")
        if not text.strip():
            return Markup("")
        found = self.find(text) if self.words else None
        start = 0 if found is None else max(0, found[0] - width // 3)
        if start:
            space = text.find(" ", start, found[0])
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start + width // 2, end)
            end = space if space > 0 else end
        window = " ".join(text[start:end].split())
        marked = self.mark(window)
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return escape(prefix) + marked + escape(suffix)

    def best_snippet(self, *texts: str | None) -> Markup:
        """The snippet of the first text with a match; else the beginning of the first text."""
        for text in texts:
            if text and self.words and self.find(unicodedata.normalize("NFC", text)):
                return self.snippet(text)
        return self.snippet(next((t for t in texts if t and t.strip()), ""))

"""@mentions: "@Ayşe Yılmaz" in a post names a member, who is then notified.

Display names have spaces and letters of every script, so a mention is "@" followed by a full
display name, matched without regard to case (Turkish dotted and dotless i included) and ending
at a word boundary. Longer names win ("@Jan Kowalski" is not "@Jan"). Quoted lines and code are
not scanned, so quoting a post does not notify the people it mentioned again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hub.text import fold

_FENCE = re.compile(r"^(```|~~~)")


def scannable_text(source: str) -> str:
    """The post without quoted lines, fenced or indented code and inline code spans."""
    lines, in_fence = [], False
    for line in (source or "").splitlines():
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith(">") or line.startswith(("    ", "\t")):
            continue
        lines.append(re.sub(r"`[^`]*`", " ", line))
    return "\n".join(lines)


def _key(text: str) -> str:
    return fold(text)


def find_mentions(source: str, candidates: Iterable) -> list:
    """The candidates (objects with `display_name`) mentioned in `source`, in order of name."""
    text = _key(scannable_text(source))
    if "@" not in text:
        return []
    by_name = sorted(
        ((_key(c.display_name), c) for c in candidates if c.display_name),
        key=lambda kc: -len(kc[0]),
    )
    found, taken = [], []
    for name, candidate in by_name:
        pattern = re.compile(r"(?<!\w)@" + re.escape(name) + r"(?!\w)")
        for match in pattern.finditer(text):
            span = match.span()
            if any(start <= span[0] < end for start, end in taken):
                continue  # inside a longer name already matched
            taken.append(span)
            if candidate not in found:
                found.append(candidate)
    return found

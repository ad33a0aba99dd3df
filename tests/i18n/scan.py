"""Finders of user-visible text that is not marked for translation (used by test_unmarked.py).

Templates: everything Jinja renders or marks ({{ }}, {% trans %} … {% endtrans %}, tags,
comments) and the HTML markup are removed; what is left is literal text a reader would see. Some
attributes (title, placeholder, aria-label, alt, …) are read by people too and are checked the same
way. Python: calls that show text to people — flash(), ValidationError(), abort(…, description=),
validators' message= and form fields' labels — must not get a bare string literal.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
SOURCES = ROOT / "hub"

# Words that are the same in every language: names, brands and technical tokens.
ALLOWED_WORDS = frozenset({
    "Twinning", "Hub", "htmx", "Markdown", "RSS", "Atom", "PDF", "CSV", "JSON", "URL", "CEFR",
    "ISO", "SVG", "PNG", "JPEG", "UTC", "ID", "DeepL", "LibreTranslate", "OK", "SHA", "sha",
    "EU", "HTML", "XML", "ODF", "Office", "OpenDocument", "mailto", "https", "http", "www",
    "TR", "DE", "EN", "GB",
})
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description", "summary",
                      "data-confirm", "hx-confirm", "aria-valuetext")

_JINJA = [
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.S),
    re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
    re.compile(r"\{%.*?%\}", re.S),
]
_HIDDEN_ELEMENTS = re.compile(r"<(script|style|svg|code|pre)\b.*?</\1>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""\s({})\s*=\s*("([^"]*)"|'([^']*)')""".format("|".join(
    re.escape(a) for a in VISIBLE_ATTRIBUTES)), re.I)
_TAG = re.compile(r"<[^>]*>", re.S)
_ENTITY = re.compile(r"&[#\w]+;")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _words(text: str) -> list[str]:
    text = _ENTITY.sub(" ", text)
    return [w for w in _WORD.findall(text) if w not in ALLOWED_WORDS]


def unmarked_in_template(source: str) -> list[str]:
    """The words of literal visible text in one template (empty when all is marked)."""
    for pattern in _JINJA:
        source = pattern.sub(" ", source)
    source = _HIDDEN_ELEMENTS.sub(" ", source)
    found: list[str] = []
    for match in _ATTRIBUTE.finditer(source):
        found += _words(match.group(3) or match.group(4) or "")
    found += _words(_TAG.sub(" ", source))
    return found


def template_offenders() -> dict[str, list[str]]:
    offenders = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        words = unmarked_in_template(path.read_text(encoding="utf-8"))
        if words:
            offenders[str(path.relative_to(ROOT))] = words
    return offenders


TEXT_CALLS = {"flash": 0, "ValidationError": 0, "abort": 1}
MARKERS = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "pgettext"}


def _is_literal_text(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORD.search(node.value))
    return isinstance(node, ast.JoinedStr)


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def unmarked_in_python(source: str) -> list[tuple[int, str]]:
    """(line, call) of user-visible text given as a bare literal in one module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in MARKERS:
            continue
        candidates = []
        if name in TEXT_CALLS and len(node.args) > TEXT_CALLS[name]:
            candidates.append(node.args[TEXT_CALLS[name]])
        if name.endswith("Field") and node.args:
            candidates.append(node.args[0])  # a form field's label
        keywords = {"message"} | ({"description"} if name == "abort" else set()) | (
            {"label"} if name.endswith("Field") else set())
        candidates += [k.value for k in node.keywords if k.arg in keywords]
        found += [(node.lineno, name) for c in candidates if _is_literal_text(c)]
    return found


def python_offenders() -> dict[str, list[tuple[int, str]]]:
    offenders = {}
    for path in sorted(SOURCES.rglob("*.py")):
        found = unmarked_in_python(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    return offenders

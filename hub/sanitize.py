"""The only place user HTML is made: Markdown → HTML (raw HTML off) → bleach allow-list."""

from __future__ import annotations

import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "th": ["align"], "td": ["align"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable(
    "strikethrough"
)
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True
)


def _link_rel(attrs, new=False):  # noqa: ARG001 - bleach callback signature
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


_linker = Linker(callbacks=[_link_rel], skip_tags={"pre", "code"})


def render_markdown(source: str | None) -> Markup:
    """Markdown source to safe HTML. Use through the `markdown` template filter."""
    if not source:
        return Markup("")
    html = _markdown.render(source)
    return Markup(_linker.linkify(_cleaner.clean(html)))  # noqa: S704 - cleaned by bleach


def render_plain(source: str | None) -> Markup:
    """Plain text with line breaks kept, links made clickable and safe."""
    if not source:
        return Markup("")
    escaped = bleach.clean(source, tags=set(), strip=True)
    paragraphs = escaped.replace("\r\n", "\n").split("\n")
    return Markup(_linker.linkify("<br>".join(paragraphs)))  # noqa: S704 - escaped above

"""The only place user HTML is made: Markdown → HTML (raw HTML off) → bleach allow-list.

One allow-list for the whole hub. What survives: text formatting, headings, lists, quotes, code,
tables and links with http(s)/mailto or relative targets. What never survives: any element not
listed (script, style, iframe, svg, math, img, form …), any attribute not listed (so no `on*`
handlers, no `hx-*`/`data-hx-*` and no `style`), and any URL with another scheme (javascript:,
vbscript:, data: … in whatever encoding — bleach decodes entities and drops control characters
before it checks the scheme). Every link gets rel="nofollow ugc noopener".

Templates put the result in an element marked `hx-disable`, so even a mistake here could not make
htmx act on user content. Rendering is pure, so the last few thousand results are cached.
"""

from __future__ import annotations

import threading
from functools import lru_cache, partial

import bleach
from bleach.linkifier import Linker, LinkifyFilter
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"], "th": ["align"], "td": ["align"], "ol": ["start"]
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
CACHE_MAX_SOURCE = 16_000  # longer sources are rendered every time instead of being cached

# commonmark + tables + strikethrough; raw HTML is off, so "<script>" stays text. maxNesting
# bounds the depth of nested quotes and lists, which keeps pathological input cheap.
_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "maxNesting": 20})
    .enable("table")
    .enable("strikethrough")
)


def _image_as_link(renderer, tokens, idx, options, env) -> str:
    """Images become links to the image: no remote pictures (tracking) inside the hub's pages."""
    token = tokens[idx]
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt or src)}</a>'


_markdown.add_render_rule("image", _image_as_link)


def _link_rel(attrs, new=False):  # noqa: ARG001 - bleach callback signature
    attrs[(None, "rel")] = LINK_REL
    return attrs


# bleach's Cleaner and Linker keep parser state between calls and are not thread-safe: under a
# threaded server, two requests sharing one crash inside html5lib. Each thread gets its own.
_per_thread = threading.local()


def _cleaner() -> bleach.Cleaner:
    """One pass: the allow-list first, then bare URLs become links (not inside code) and every
    link, old or new, gets its rel. (bleach's separate Linker would escape code blocks twice.)"""
    cleaner = getattr(_per_thread, "cleaner", None)
    if cleaner is None:
        cleaner = _per_thread.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[partial(LinkifyFilter, callbacks=[_link_rel], skip_tags={"pre", "code"},
                             parse_email=False)],
        )
    return cleaner


def _linker() -> Linker:
    linker = getattr(_per_thread, "linker", None)
    if linker is None:
        linker = _per_thread.linker = Linker(callbacks=[_link_rel], parse_email=False)
    return linker


def sanitize_html(html: str) -> str:
    """Clean HTML against the allow-list and make links safe. Idempotent."""
    return _cleaner().clean(html)


@lru_cache(maxsize=4096)
def _render_cached(source: str) -> str:
    return sanitize_html(_markdown.render(source))


def render_markdown(source: str | None) -> Markup:
    """Markdown source to safe HTML. Use through the `markdown` template filter."""
    if not source or not source.strip():
        return Markup("")
    html = _render_cached(source) if len(source) <= CACHE_MAX_SOURCE else sanitize_html(
        _markdown.render(source)
    )
    return Markup(html)  # noqa: S704 - cleaned by bleach


def render_plain(source: str | None) -> Markup:
    """Plain text with line breaks kept, links made clickable and safe."""
    if not source:
        return Markup("")
    escaped = bleach.clean(source, tags=set(), strip=True)
    paragraphs = escaped.replace("\r\n", "\n").split("\n")
    return Markup(_linker().linkify("<br>".join(paragraphs)))  # noqa: S704 - escaped above


def excerpt(source: str | None, length: int = 160) -> str:
    """A short plain-text excerpt of Markdown source (for e-mails, lists and notifications)."""
    text = " ".join((source or "").split())
    for mark in ("**", "__", "`", "#", "> "):
        text = text.replace(mark, "")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""hub/sanitize.py: what user Markdown may become. A broad XSS corpus, idempotence, speed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from hub.sanitize import LINK_REL, excerpt, render_markdown, render_plain, sanitize_html

# Raw HTML and attacks written into Markdown (raw HTML is off: they must come out as text).
MARKDOWN_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<div hx-get="/p/x/forum/1/posts/1/delete" hx-trigger="load">x</div>',
    "<details open ontoggle=alert(1)>",
    "<form action=/logout method=post><button>x</button></form>",
    "<style>body{display:none}</style>",
    "<!--<script>alert(1)</script>-->",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="x" style="position:fixed">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](jav&#x0A;ascript:alert(1))",
    "[x](%6Aavascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "<javascript:alert(1)>",
    "<https://example.org/\"onmouseover=\"alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <script>alert(1)</script>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "*<em onclick=alert(1)>x</em>*",
    "<a href='javascript:alert(1)' hx-post='/x' data-hx-post='/y' onclick=alert(1)>x</a",
    "<p <script>alert(1)</script>",
    "<!DOCTYPE html><html><body onload=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<xmp><img src=x onerror=alert(1)></xmp>",
]

# HTML handed straight to the cleaner (as if the Markdown step were ever bypassed).
HTML_ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="livescript:alert(1)">x</a>',
    '<a href="x" onclick="alert(1)" onmouseover="alert(1)">x</a>',
    '<a href="/ok" hx-get="/evil" hx-trigger="load" data-hx-post="/evil" '
    'hx-on:click="alert(1)">x</a>',
    '<div hx-boost="true" hx-target="body"><a href="/x">x</a></div>',
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1) /></svg>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<math href=javascript:alert(1)>x</math>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<table background=javascript:alert(1)><tr><td>x</td></tr></table>",
    "<a href=\"x\"><script>alert(1)</script></a>",
    "<<a href=javascript:alert(1)>x</a>",
    "<a href=\"javascript:alert(1)\"",
    "<img src=x onerror=alert(1)//",
    "</p><script>alert(1)</script><p>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
]

ALLOWED_TAGS = {"p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul",
                "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
                "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "align", "start"}


class Elements(HTMLParser):
    """Every real element and attribute of a piece of HTML (escaped text is not markup)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_safe(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES, (name, html)
            assert not name.startswith(("on", "hx-", "data-")), (name, html)
            if name == "href":
                compact = re.sub(r"[\x00-\x20]", "", value or "").lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
                assert scheme is None or scheme.group(1) in {"http", "https", "mailto"}, html


@pytest.mark.parametrize("source", MARKDOWN_ATTACKS)
def test_markdown_attacks_become_harmless(source):
    html = str(render_markdown(source))
    assert_safe(html)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("html", HTML_ATTACKS)
def test_html_attacks_are_cleaned(html):
    cleaned = sanitize_html(html)
    assert_safe(cleaned)
    assert "<script" not in cleaned.lower()
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", cleaned, re.I)
    assert not re.search(r"<[^>]*\s(data-)?hx-", cleaned, re.I)


@pytest.mark.parametrize("html", HTML_ATTACKS + [str(render_markdown(s)) for s in MARKDOWN_ATTACKS])
def test_sanitising_twice_equals_once(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


def test_markdown_features_survive():
    html = str(render_markdown(
        "# Başlık\n\n**kalın** *eğik* ~~eski~~ `kod`\n\n- bir\n- iki\n\n1. one\n2. two\n\n"
        "> alıntı\n\n```\nprint('Ğ')\n```\n\n| a | b |\n|---|---|\n| ı | İ |\n\n"
        "[Bericht](https://example.org/bericht) und https://example.org/plain"
    ))
    for tag in ("<h1>", "<strong>", "<em>", "<s>", "<code>", "<ul>", "<ol>", "<blockquote>",
                "<pre>", "<table>", "<th>", "<td>"):
        assert tag in html, tag
    assert "Başlık" in html and "İ" in html
    assert f'<a href="https://example.org/bericht" rel="{LINK_REL}">Bericht</a>' in html
    assert f'<a href="https://example.org/plain" rel="{LINK_REL}">' in html


def test_every_link_gets_rel_nofollow_ugc_noopener():
    html = sanitize_html('<a href="https://example.org" rel="opener">x</a> <a href="/p/x">y</a>')
    assert html.count(f'rel="{LINK_REL}"') == 2
    assert 'rel="opener"' not in html


def test_library_links_stay_relative():
    html = str(render_markdown("[Şartname v3](/p/nilufer-darmstadt/library/documents/12)"))
    assert 'href="/p/nilufer-darmstadt/library/documents/12"' in html


def test_images_become_links_not_pictures():
    html = str(render_markdown("![Kompost tesisi](https://example.org/kompost.jpg)"))
    assert "<img" not in html
    assert '<a href="https://example.org/kompost.jpg"' in html and "Kompost tesisi" in html


def test_code_is_escaped_exactly_once():
    html = str(render_markdown("```\n<b>x</b> & y\n```"))
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html
    assert "&amp;lt;" not in html


def test_no_links_made_inside_code():
    html = str(render_markdown("`https://example.org`"))
    assert "<a" not in html


def test_plain_text_keeps_lines_and_escapes():
    html = str(render_plain("Merhaba <b>dünya</b> 1 < 2\nhttps://example.org"))
    assert "<b>" not in html and "1 &lt; 2" in html
    assert "<br>" in html and f'rel="{LINK_REL}"' in html


def test_empty_and_whitespace_render_nothing():
    assert render_markdown(None) == "" and render_markdown("  \n ") == ""


@pytest.mark.parametrize(
    "source",
    [
        "[" * 100_000,
        "*a" * 50_000,
        "_a*" * 33_000,
        ">" * 100_000,
        "- " * 50_000,
        "`" * 100_000,
        "[a](<" * 20_000,
        ("[" * 50 + "a" + "](" * 50) * 1_000,
        "|a" * 25_000 + "\n" + "|-" * 25_000,
        "<" * 100_000,
        "&#" * 50_000,
        "\\" * 100_000,
    ],
    ids=["brackets", "stars", "emphasis", "quotes", "lists", "backticks", "links", "nested",
         "table", "angles", "entities", "backslashes"],
)
def test_pathological_100kb_markdown_renders(source):
    """Completes (the time budget is measured in bench/bench_forum.py, not asserted here)."""
    html = str(render_markdown(source))
    assert_safe(html)


def test_excerpt_is_short_plain_text():
    assert excerpt("**Merhaba** `dünya`") == "Merhaba dünya"
    assert len(excerpt("ğ" * 500, 50)) == 50


def test_sanitizing_from_many_threads_at_once_gives_the_same_html():
    """bleach's Cleaner is not thread-safe; a threaded server cleans posts in parallel."""
    from concurrent.futures import ThreadPoolExecutor

    from hub.sanitize import sanitize_html

    sources = [
        f"<p>Gönderi {n}: <a href='https://örnek.example/{n}'>bağlantı</a> "
        f"<em>İstanbul</em> <code>x &lt; {n}</code> https://example.org/{n}</p>" * 20
        for n in range(16)
    ]
    expected = [sanitize_html(source) for source in sources]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(10):
            assert list(pool.map(sanitize_html, sources)) == expected

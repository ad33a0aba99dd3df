"""Turkish casing: i ↔ İ and ı ↔ I. Python's str.upper()/lower() and Jinja's |upper/|lower know
nothing of the language, so user-visible text is cased with hub.i18n.turkish_aware_upper/lower,
and CSS text-transform only applies to UI text (whose `lang` is the page's, always right)."""

from __future__ import annotations

import re

from hub.i18n import turkish_aware_lower, turkish_aware_upper
from tests.i18n.scan import ROOT

CASE_CALL = re.compile(r"\.(upper|lower|title|capitalize|swapcase)\(\)")
# Reviewed uses on codes and identifiers, never on text people read. A new use on visible text
# must go through turkish_aware_upper/lower instead; a new use on codes is added here.
REVIEWED = {
    ("hub/admin/queries.py", "upper"): "ISO country code from the search box",
    ("hub/admin/queries.py", "lower"): "e-mail addresses compare in lower case",
    ("hub/templating.py", "upper"): "ISO country code",
    ("hub/i18n.py", "upper"): "the Turkish-aware helper itself",
    ("hub/i18n.py", "lower"): "the Turkish-aware helper itself",
    ("hub/config.py", "lower"): "environment flags",
    ("hub/library/sniff.py", "lower"): "file extensions and sniffed bytes",
    ("hub/library/sniff.py", "upper"): "file extension in a message (ASCII)",
    ("hub/goodpractices/queries.py", "upper"): "ISO country code",
    ("hub/partnerships/queries.py", "lower"): "e-mail addresses",
    ("hub/text.py", "lower"): "slugs (transliterated to ASCII)",
    ("hub/towns/routes.py", "upper"): "ISO country code",
    ("hub/towns/models.py", "upper"): "ISO country code to a flag",
    ("hub/accounts/services.py", "upper"): "ISO country code",
    ("hub/accounts/queries.py", "lower"): "e-mail addresses",
    ("hub/accounts/models.py", "lower"): "e-mail addresses",
    ("hub/db.py", "lower"): "a search key without the combining dot",
    ("hub/translations/glossary.py", "lower"): "HTML tag names",
    ("hub/translations/machine.py", "upper"): "DeepL language codes",
}
# Classes whose text is the interface (translated, in the page's language), never user content.
UPPERCASE_UI_SELECTORS = {".preview-title"}


def test_turkish_aware_casing():
    assert turkish_aware_upper("istanbul ılık", "tr") == "İSTANBUL ILIK"
    assert turkish_aware_lower("IŞIK İZMİR", "tr") == "ışık izmir"
    assert turkish_aware_upper("istanbul", "de") == "ISTANBUL"
    assert turkish_aware_lower("IŞIK", "en") == "işik"


def test_no_unreviewed_case_changes_in_python():
    unreviewed = []
    for path in sorted((ROOT / "hub").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in CASE_CALL.finditer(line):
                if (rel, match.group(1)) not in REVIEWED:
                    unreviewed.append(f"  {rel}:{number}: {line.strip()}")
    assert not unreviewed, (
        "case changes that may reach readers (use hub.i18n.turkish_aware_upper/lower on text "
        "people read, or add a reviewed code/identifier use to REVIEWED):\n"
        + "\n".join(unreviewed)
    )


def test_templates_do_not_change_case():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"\|\s*(upper|lower|title|capitalize)\b", path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"Jinja case filters ignore Turkish rules: {offenders}"


def test_css_changes_case_only_of_interface_text():
    css = (ROOT / "static" / "css" / "hub.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = set()
    for rule in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        if re.search(r"text-transform\s*:\s*(uppercase|lowercase|capitalize)", rule.group(2)):
            selectors |= {s.strip() for s in rule.group(1).split(",")}
    assert selectors <= UPPERCASE_UI_SELECTORS, selectors - UPPERCASE_UI_SELECTORS


def test_pages_declare_their_language_for_css_casing(client):
    html = client.get("/", headers={"Accept-Language": "tr"}).get_data(as_text=True)
    assert '<html lang="tr"' in html

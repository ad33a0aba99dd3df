"""No user-visible text escapes translation: templates and Python are scanned (see scan.py).

When this fails, wrap the text listed in `{{ _("…") }}` / `{% trans %}` (templates) or `_()` /
`_l()` (Python), run `flask --app hub translate extract`, and translate the new messages. Names
and technical tokens that are the same in every language go into scan.ALLOWED_WORDS.
"""

from __future__ import annotations

from tests.i18n.scan import (
    python_offenders,
    template_offenders,
    unmarked_in_python,
    unmarked_in_template,
)


def test_templates_have_no_unmarked_text():
    offenders = template_offenders()
    assert not offenders, "unmarked text in templates:\n" + "\n".join(
        f"  {path}: {' '.join(words)}" for path, words in offenders.items()
    )


def test_python_has_no_unmarked_messages():
    offenders = python_offenders()
    assert not offenders, "bare string literals shown to people:\n" + "\n".join(
        f"  {path}:{line} {call}()" for path, found in offenders.items() for line, call in found
    )


def test_the_template_scanner_finds_what_it_should():
    source = (
        '{% extends "base.html" %}{# A comment #}<h1>{{ _("Welcome") }}</h1>'
        "<p>{% trans name=user %}Hello {{ name }}{% endtrans %}</p>"
        '<button title="Close window" aria-label="{{ _("Close") }}">×</button>'
        "<p>Twinning Hub · htmx &middot; 42</p><p>Forgotten sentence</p>"
        "<code>raw_value</code><script>let x = 'text';</script>"
        '{{ ngettext("%(num)d town", "%(num)d towns", n) }}'
    )
    assert unmarked_in_template(source) == ["Close", "window", "Forgotten", "sentence"]


def test_the_python_scanner_finds_what_it_should():
    source = "\n".join([
        'flash(_("Saved."), "success")',
        'flash("Saved.", "success")',
        'flash(f"Saved {name}.")',
        'raise ValidationError(_l("Too short."))',
        'raise ValidationError("Too short.")',
        'abort(404)',
        'abort(409, description="Conflict here")',
        'title = StringField(_l("Title"), validators=[Length(max=5, message="Too long")])',
        'title = StringField("Title")',
        'Posting(description="demo data is content, not interface")',
        'flash(message)',
    ])
    assert sorted(unmarked_in_python(source)) == [
        (2, "flash"), (3, "flash"), (5, "ValidationError"), (7, "abort"), (8, "Length"),
        (9, "StringField"),
    ]

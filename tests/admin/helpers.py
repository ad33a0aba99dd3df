"""Helpers for the administration tests."""

from __future__ import annotations

from tests.helpers import said, said_by_wtforms

# What WTForms says about refused values of a multiple-choice field (singular, plural).
INVALID_CHOICE = (
    "'%(value)s' is not a valid choice for this field.",
    "'%(value)s' are not valid choices for this field.",
)


def refusal(reader: str, source: str, message: str | tuple[str, str], **values) -> str:
    """A field's error message as `reader` sees it next to the field.

    The hub's own messages ("hub") come from the hub's catalogues; those of WTForms' fields and
    validators ("wtforms") from WTForms' own. INVALID_CHOICE is said of one refused value.
    """
    if source == "hub":
        return said(reader, message, **values)
    if isinstance(message, tuple):
        return said_by_wtforms(reader, *message, 1, **values)
    return said_by_wtforms(reader, message, **values)

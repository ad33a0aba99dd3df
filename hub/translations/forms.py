"""Forms for translations and glossary terms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from hub.i18n import language_name
from hub.translations.models import TERM_MAX, TEXT_MAX


def _not_blank(form, field) -> None:
    if not (field.data or "").strip():
        raise ValidationError(_l("Please write the translation."))


class TranslationForm(FlaskForm):
    text = TextAreaField(
        _l("Translation"),
        validators=[_not_blank, Length(max=TEXT_MAX, message=_l("The translation is too long."))],
    )


class GlossaryTermForm(FlaskForm):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    languages: tuple[str, ...] = ()

    def entry_fields(self):
        return [getattr(self, f"term_{code}") for code in self.languages]

    def entries(self) -> dict[str, str]:
        return {code: (getattr(self, f"term_{code}").data or "") for code in self.languages}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        filled = [f for f in self.entry_fields() if (f.data or "").strip()]
        if len(filled) < 2:
            first = self.entry_fields()[0]
            first.errors = [*first.errors, _l("Give the term in at least two languages.")]
            return False
        return ok


def glossary_form(languages: list[str], **kwargs) -> GlossaryTermForm:
    """A term form with one field per language (the partnership's working languages)."""

    class Form(GlossaryTermForm):
        pass

    Form.languages = tuple(languages)
    for code in languages:
        setattr(Form, f"term_{code}", StringField(
            language_name(code), validators=[Optional(), Length(max=TERM_MAX)],
            render_kw={"lang": code},
        ))
    return Form(**kwargs)

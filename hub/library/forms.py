"""Library forms. Choices that depend on the partnership or the reader are set by the views."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from hub.i18n import LOCALES, language_name
from hub.taxonomy import THEMES


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


VISIBILITY_CHOICES = options(
    [
        ("members", _l("Partnership members")),
        ("public", _l("Public: everyone, also visitors")),
    ]
)


def language_choices() -> list[SelectChoice]:
    """Document languages by their names in the reader's locale."""
    names = sorted(((code, language_name(code)) for code in LOCALES), key=lambda c: c[1].casefold())
    return options(names)


def theme_choices() -> list[SelectChoice]:
    return options([("", _l("No theme")), *THEMES.items()])


def folder_choices(paths: list[tuple[int, str]]) -> list[SelectChoice]:
    return options([(0, _l("Top level")), *paths])


class _DocumentFields(FlaskForm):
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    language = SelectField(_l("Language"), validators=[DataRequired()])
    theme = SelectField(_l("Theme"), validators=[Optional()])
    visibility = RadioField(
        _l("Who may see it"),
        choices=VISIBILITY_CHOICES,
        default="members",
        validators=[DataRequired()],
    )

    def set_choices(self) -> None:
        self.language.choices = language_choices()
        self.theme.choices = theme_choices()


def _some_file(form, field) -> None:
    if not [f for f in (field.data or []) if getattr(f, "filename", "")]:
        raise ValidationError(_l("Choose at least one file."))


class UploadForm(_DocumentFields):
    files = MultipleFileField(_l("Files"), validators=[_some_file])
    title = StringField(
        _l("Title"),
        validators=[Optional(), Length(max=255)],
        description=_l(
            "Leave empty to use the file name. With several files, each takes its own name."
        ),
    )
    folder_id = SelectField(_l("Folder"), coerce=int, default=0)
    translation_of = HiddenField()


class NewVersionForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    change_note = StringField(
        _l("What changed?"),
        validators=[Optional(), Length(max=500)],
        description=_l("A short note for the version history, e.g. “Figures for 2026 added”."),
    )


class MakeCurrentForm(FlaskForm):
    change_note = StringField(_l("Why?"), validators=[Optional(), Length(max=500)])


class DocumentForm(_DocumentFields):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])


class MoveForm(FlaskForm):
    folder_id = SelectField(_l("Move to folder"), coerce=int)


class FolderForm(FlaskForm):
    name = StringField(_l("Folder name"), validators=[DataRequired(), Length(max=200)])


class TranslationForm(FlaskForm):
    source_id = SelectField(_l("This document is a translation of"), coerce=int)


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""

"""Forum forms. The same limits as the services, with translated messages on the fields."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from hub.forum.models import BODY_MAX, TITLE_MAX
from hub.i18n import sorted_locales
from hub.taxonomy import THEMES

BODY_HINT = _l(
    "Markdown: **bold**, *italic*, lists, > quotes, `code`, tables and [links](https://…). "
    "Mention a member with @ and their full name. To point to a library document, paste its link."
)


def _not_blank(form, field) -> None:
    if not (field.data or "").strip():
        raise ValidationError(_l("Please write something before posting."))


def _body_length(form, field) -> None:
    if field.data and len(field.data) > BODY_MAX:
        raise ValidationError(
            _l("A post can have at most %(max)s characters.", max=format_decimal(BODY_MAX))
        )


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices() -> list[SelectChoice]:
    return options(sorted_locales())


class ThreadForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Please give the thread a title.")),
            Length(max=TITLE_MAX, message=_l("A title can have at most %(max)d characters.")),
        ],
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
        render_kw={"maxlength": TITLE_MAX + 50, "autocomplete": "off"},
    )
    body = TextAreaField(
        _l("First post"), validators=[_not_blank, _body_length], description=BODY_HINT,
        render_kw={"rows": 10},
    )
    theme = SelectField(_l("Theme"), choices=options(THEMES.items()))
    language = SelectField(_l("Language of the thread"))
    visibility = RadioField(
        _l("Who can read it"),
        choices=options([
            ("members", _l("Members of this partnership")),
            ("public", _l("Public: everyone can read, signed-in citizens can reply")),
        ]),
        default="members",
    )
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Start the thread"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class ReplyForm(FlaskForm):
    body = TextAreaField(
        _l("Your reply"), validators=[_not_blank, _body_length], description=BODY_HINT,
        render_kw={"rows": 6}, id="reply-body",
    )
    language = SelectField(_l("Language"), id="reply-language")
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post reply"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class EditPostForm(FlaskForm):
    body = TextAreaField(_l("Text"), validators=[_not_blank, _body_length],
                         description=BODY_HINT, render_kw={"rows": 8}, id="edit-body")
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save changes"))


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"))
    language = SelectField(_l("Language"))
    status = SelectField(
        _l("Status"),
        choices=options([("", _l("All")), ("open", _l("Open")), ("solved", _l("Solved")),
                         ("locked", _l("Locked"))]),
    )
    show = SelectField(
        _l("Show"),
        choices=options([("", _l("All threads")), ("unread", _l("Unread")), ("mine", _l("Mine"))]),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = options([("", _l("All themes")), *THEMES.items()])
        self.language.choices = [SelectChoice("", _l("All languages")), *language_choices()]

"""Moderation forms: flagging, the queue's action form (one per item) and the log's filter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from hub.moderation.models import REASONS
from hub.moderation.services import MAX_SUSPENSION_DAYS

NOTE_MAX = 2000


def _options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _not_blank(message):
    def check(form, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(message)

    check.field_flags = {"required": True}  # the label shows the field is required
    return check


class FlagForm(FlaskForm):
    reason = RadioField(
        _l("Why do you flag this?"),
        choices=_options(REASONS.items()),
        validators=[InputRequired(message=_l("Please choose why you flag this."))],
    )
    note = TextAreaField(
        _l("Anything the moderators should know (optional)"),
        validators=[Optional(), Length(max=NOTE_MAX, message=_l(
            "A note can have at most %(max)d characters.", max=NOTE_MAX))],
    )
    submit = SubmitField(_l("Send to the moderators"))


class ActionForm(FlaskForm):
    """The queue's form for one item; the button pressed (name "action") says what to do.
    Built with a prefix per item, so that every field on the queue page has its own id; the
    app-wide CSRF check covers it (the template sends the plain `csrf_token` field)."""

    class Meta:
        csrf = False

    reason_code = SelectField(_l("Rule concerned"), choices=_options(REASONS.items()),
                              validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason (shown to the author, kept in the audit log)"),
        validators=[_not_blank(_l("Please give a reason: it goes to the audit log.")),
                    Length(max=NOTE_MAX, message=_l(
                        "A reason can have at most %(max)d characters.", max=NOTE_MAX))],
    )
    days = IntegerField(
        _l("Suspension (days)"), default=7,
        validators=[Optional(), NumberRange(min=1, max=MAX_SUSPENSION_DAYS, message=_l(
            "A suspension lasts from 1 to %(max)d days.", max=MAX_SUSPENSION_DAYS))],
    )


class LogFilterForm(FlaskForm):
    """The audit log's filter: a GET form (nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    actor = StringField(_l("Who"), validators=[Optional(), Length(max=80)])
    action = SelectField(_l("Action"), choices=[], default="")
    target_type = SelectField(_l("Type of target"), choices=[], default="")
    date_from = DateField(_l("Since"), validators=[Optional()])
    date_to = DateField(_l("Until"), validators=[Optional()])

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date cannot be before the start date."))


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    type = SelectField(_l("Type"), choices=[], validate_choice=False)
    mine = SelectField(_l("Languages"), choices=[], validate_choice=False)

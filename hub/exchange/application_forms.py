"""Exchange forms for applications and what follows: endorsement, decision, placement, report,
nomination. The rules on dates and levels are here, with translated messages on their fields."""

from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, FieldList, FormField, RadioField, SelectField
from wtforms.validators import DataRequired, InputRequired, Optional

from hub.exchange.forms import (
    MAX_DAYS,
    SPOKEN_LANGUAGE_ROWS,
    SpokenLanguageRow,
    has_row_errors,
    language_rows,
    options,
    text_field,
)
from hub.i18n import sorted_locales

# --- applications -------------------------------------------------------------------------

class ApplicationForm(FlaskForm):
    motivation = text_field(
        _l("Your motivation"), rows=8,
        description=_l("Why this exchange, what you hope to learn and to bring back home."),
    )
    languages = FieldList(
        FormField(SpokenLanguageRow), label=_l("Languages you speak"),
        min_entries=SPOKEN_LANGUAGE_ROWS, max_entries=SPOKEN_LANGUAGE_ROWS,
    )
    cv = FileField(
        _l("CV (optional)"),
        description=_l(
            "PDF, Word (DOCX), OpenDocument (ODT) or plain text, at most 10 MB. Only you and "
            "the coordinators who decide on your application can open it."
        ),
        render_kw={"accept": ".pdf,.docx,.odt,.txt,.md"},
    )
    preferred_start = DateField(_l("Preferred start"), validators=[Optional()])
    preferred_end = DateField(_l("Preferred end"), validators=[Optional()])

    def __init__(self, *args, posting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.posting = posting

    def spoken_languages(self) -> dict[str, str]:
        return self._spoken

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        self._spoken = language_rows(
            self.languages, unique_message=_("This language is listed twice.")
        )
        ok = ok and not has_row_errors(self.languages)
        if not self._spoken and not has_row_errors(self.languages):
            self.languages.errors = [_("Name at least one language you speak.")]
            ok = False
        return self._check_dates() and ok

    def _check_dates(self) -> bool:
        start, end = self.preferred_start.data, self.preferred_end.data
        if start and end and start > end:
            self.preferred_end.errors = [
                *self.preferred_end.errors, _("The end cannot be before the start.")
            ]
            return False
        posting = self.posting
        if posting is None:
            return True
        outside = [d for d in (start, end) if d and not posting.earliest_start <= d
                   <= posting.latest_end]
        if outside:
            target = self.preferred_start if start in outside else self.preferred_end
            target.errors = [
                *target.errors,
                _(
                    "Choose dates between %(start)s and %(end)s.",
                    start=format_date(posting.earliest_start),
                    end=format_date(posting.latest_end),
                ),
            ]
            return False
        return True


class EndorseForm(FlaskForm):
    decision = RadioField(
        _l("Your decision"),
        choices=options([
            ("endorse", _l("Endorse: the host town may consider this application")),
            ("refuse", _l("Do not endorse")),
        ]),
        validators=[InputRequired(_l("Choose whether you endorse the application."))],
    )
    note = text_field(_l("Note (optional)"), required=False, rows=3, max_length=2000)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.decision.data == "refuse" and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, _("Please tell the applicant why.")]
            return False
        return ok


DECISIONS = {
    "shortlist": _l("Shortlist"),
    "accept": _l("Accept: this uses one place"),
    "decline": _l("Decline"),
}


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Your decision"), validators=[InputRequired(_l("Choose a decision."))]
    )
    message = text_field(
        _l("Message to the applicant"), required=False, rows=4, max_length=4000,
        description=_l("Required when you decline."),
    )

    def __init__(self, *args, status: str = "endorsed", **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ("shortlist", "accept", "decline") if status == "endorsed" else (
            "accept", "decline")
        self.decision.choices = options((key, DECISIONS[key]) for key in allowed)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.decision.data == "decline" and not (self.message.data or "").strip():
            self.message.errors = [*self.message.errors, _("Please write a short message.")]
            return False
        return ok


# --- placements ---------------------------------------------------------------------------

class PlacementForm(FlaskForm):
    start_on = DateField(_l("Agreed start"), validators=[InputRequired(_l("Choose a date."))])
    end_on = DateField(_l("Agreed end"), validators=[InputRequired(_l("Choose a date."))])
    objectives = text_field(
        _l("Learning objectives"), rows=6,
        description=_l("What the participant will learn; Markdown is allowed."),
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        start, end = self.start_on.data, self.end_on.data
        if start and end and start > end:
            self.end_on.errors = [*self.end_on.errors, _("The end cannot be before the start.")]
            return False
        if start and end and (end - start).days + 1 > MAX_DAYS:
            self.end_on.errors = [*self.end_on.errors, _("A placement lasts at most 366 days.")]
            return False
        return ok


class ReportForm(FlaskForm):
    learned = text_field(_l("What was learned"), rows=6)
    apply_at_home = text_field(_l("What will be applied at home"), rows=6)
    language = SelectField(_l("Language of the report"), validators=[DataRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = options(sorted_locales())


class NominateForm(FlaskForm):
    note = text_field(
        _l("Why is this a good practice? (optional)"), required=False, rows=3, max_length=2000
    )

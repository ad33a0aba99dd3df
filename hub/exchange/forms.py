"""Exchange forms for postings and the board's filters, and the pieces the other forms share
(language rows with a CEFR level, choices). The rules on dates, places and levels live here, with
translated messages on the fields they concern; choices that depend on the partnership or the
reader are set per request. Applications and what follows: application_forms.py.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from hub.admin.forms import MultiCheckboxField
from hub.db import utcnow
from hub.exchange.models import REQUIRED_LEVELS, SPOKEN_LEVELS, TEXT_MAX, TITLE_MAX
from hub.i18n import LOCALES, language_name, sorted_locales
from hub.taxonomy import CEFR_LEVELS, EXCHANGE_COSTS, EXCHANGE_FORMATS, THEMES

MAX_PLACES = 100
MAX_DAYS = 366
REQUIRED_LANGUAGE_ROWS = 3
SPOKEN_LANGUAGE_ROWS = 4


def _squash(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def text_field(label, *, required: bool = True, max_length: int = TEXT_MAX, rows: int = 6, **kw):
    validators = [DataRequired(_l("Please fill in this field."))] if required else [Optional()]
    validators.append(
        Length(max=max_length, message=_l("At most %(max)d characters, please."))
    )
    return TextAreaField(
        label, validators=validators, filters=[_strip], render_kw={"rows": rows}, **kw
    )


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, language_name(code)) for code in LOCALES), key=lambda c: c[1].casefold()
    )


# --- languages with a level ---------------------------------------------------------------

class LanguageLevelRow(Form):
    """One language and a CEFR level; a row left empty is ignored."""

    language = SelectField(_l("Language"), default="")
    level = SelectField(_l("Level"), default="")
    LEVELS: tuple[str, ...] = REQUIRED_LEVELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = options([("", _("— none —")), *language_choices()])
        self.level.choices = options(
            [("", _("— none —"))] + [(level, str(CEFR_LEVELS[level])) for level in self.LEVELS]
        )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.level.data and self.level.data not in self.LEVELS:
            self.level.errors = [_("Choose a level from A1 to C2.")]
            return False
        if bool(self.language.data) != bool(self.level.data):
            missing = self.level if self.language.data else self.language
            missing.errors = [*missing.errors, _("Choose both the language and the level.")]
            return False
        return ok


class SpokenLanguageRow(LanguageLevelRow):
    LEVELS = SPOKEN_LEVELS


def language_rows(form_field, *, unique_message) -> dict[str, str]:
    """The filled rows as {code: level}; marks a language listed twice."""
    rows: dict[str, str] = {}
    for row in form_field:
        code, level = row.form.language.data, row.form.level.data
        if not (code and level):
            continue
        if code in rows:
            row.form.language.errors = [*row.form.language.errors, unique_message]
            continue
        rows[code] = level
    return rows


def has_row_errors(form_field) -> bool:
    return any(row.form.language.errors or row.form.level.errors for row in form_field)


# --- postings -----------------------------------------------------------------------------

class PostingForm(FlaskForm):
    kind = RadioField(
        _l("What do you post?"),
        choices=options([
            ("offer", _l("An offer: we host colleagues from a partner town")),
            ("request", _l("A request: we look for a host in a partner town")),
        ]),
        default="offer",
        validators=[InputRequired(_l("Choose an offer or a request."))],
    )
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Please give the posting a title.")),
            Length(max=TITLE_MAX, message=_l("At most %(max)d characters, please.")),
        ],
        filters=[_squash],
        render_kw={"maxlength": TITLE_MAX + 50, "autocomplete": "off"},
    )
    description = text_field(
        _l("Description"), rows=8,
        description=_l("What the visitors will do and learn. Markdown is allowed."),
    )
    language = SelectField(_l("Language of this posting"), validators=[DataRequired()])
    format = SelectField(_l("Format"), choices=options(EXCHANGE_FORMATS.items()))
    theme = SelectField(_l("Theme"), choices=options(THEMES.items()))
    department = StringField(
        _l("Department"), validators=[Optional(), Length(max=200)], filters=[_squash]
    )
    host_town = SelectField(_l("Host town"), coerce=int)
    duration_days = IntegerField(
        _l("Duration in days"),
        validators=[
            InputRequired(_l("How many days?")),
            NumberRange(min=1, max=MAX_DAYS, message=_l("Between 1 and 366 days, please.")),
        ],
    )
    earliest_start = DateField(
        _l("Earliest start"), validators=[InputRequired(_l("Choose a date."))]
    )
    latest_end = DateField(_l("Latest end"), validators=[InputRequired(_l("Choose a date."))])
    places = IntegerField(
        _l("Number of places"),
        default=1,
        validators=[
            InputRequired(_l("How many places?")),
            NumberRange(min=1, max=MAX_PLACES, message=_l("Between 1 and 100 places, please.")),
        ],
    )
    languages = FieldList(
        FormField(LanguageLevelRow), label=_l("Required languages"),
        min_entries=REQUIRED_LANGUAGE_ROWS, max_entries=REQUIRED_LANGUAGE_ROWS,
    )
    eligibility = text_field(_l("Who can apply"), required=False, rows=3, max_length=4000)
    costs_covered = MultiCheckboxField(_l("Costs covered"), choices=options(EXCHANGE_COSTS.items()))
    deadline = DateField(
        _l("Application deadline"), validators=[InputRequired(_l("Choose a date."))]
    )
    contact = StringField(
        _l("Contact"),
        validators=[DataRequired(_l("Please say how to reach you.")), Length(max=255)],
        filters=[_squash],
        description=_l("A name and an e-mail address or telephone number."),
    )
    visibility = RadioField(
        _l("Who sees it on the board"),
        choices=options([
            ("partnership", _l("Members of this partnership")),
            ("hub", _l("Members of every partnership on the hub")),
            ("public", _l("Everyone, also visitors (shown on the public profile)")),
        ]),
        default="partnership",
        validators=[InputRequired(_l("Choose who sees it."))],
    )

    def __init__(self, *args, towns=(), own_town_id: int | None = None, places_taken: int = 0,
                 fixed_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_town_id = own_town_id
        self.places_taken = places_taken
        self.fixed_kind = fixed_kind  # a published posting stays an offer or a request
        self.language.choices = options(sorted_locales())
        self.host_town.choices = options(
            [(0, _("Any partner town"))] + [(t.id, f"{t.flag} {t.display_name}") for t in towns]
        )

    def required_languages(self) -> dict[str, str]:
        return self._required

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        self._required = language_rows(
            self.languages, unique_message=_("This language is listed twice.")
        )
        ok = ok and not has_row_errors(self.languages)
        return self._check_towns() and self._check_dates() and self._check_places() and ok

    def _check_towns(self) -> bool:
        if self.fixed_kind and self.kind.data != self.fixed_kind:
            self.kind.errors = [
                *self.kind.errors,
                _("A published posting cannot change between offer and request."),
            ]
            return False
        host = self.host_town.data
        if self.kind.data == "offer" and host != self.own_town_id:
            self.host_town.errors = [
                *self.host_town.errors, _("An offer is hosted by your own town.")
            ]
            return False
        if self.kind.data == "request" and host == self.own_town_id:
            self.host_town.errors = [
                *self.host_town.errors,
                _("A request looks for a host in another partner town."),
            ]
            return False
        return True

    def _check_dates(self) -> bool:
        start, end, deadline = self.earliest_start.data, self.latest_end.data, self.deadline.data
        ok = True
        if start and end and start >= end:
            self.latest_end.errors = [
                *self.latest_end.errors, _("The latest end must be after the earliest start.")
            ]
            ok = False
        if deadline and start and deadline >= start:
            self.deadline.errors = [
                *self.deadline.errors,
                _("The application deadline must be before the earliest start."),
            ]
            ok = False
        if deadline and deadline < utcnow().date():
            self.deadline.errors = [
                *self.deadline.errors, _("The application deadline cannot be in the past.")
            ]
            ok = False
        days = self.duration_days.data
        if ok and start and end and isinstance(days, int) and days > (end - start).days + 1:
            self.duration_days.errors = [
                *self.duration_days.errors,
                _(
                    "%(days)s days do not fit between the earliest start and the latest end "
                    "(%(window)s days).",
                    days=days, window=(end - start).days + 1,
                ),
            ]
            ok = False
        return ok

    def _check_places(self) -> bool:
        places = self.places.data
        if isinstance(places, int) and places < self.places_taken:
            self.places.errors = [
                *self.places.errors,
                _(
                    "%(num)s places are already taken: there cannot be fewer places.",
                    num=self.places_taken,
                ),
            ]
            return False
        return True


class ReturnForm(FlaskForm):
    note = text_field(
        _l("What should change?"), rows=4, max_length=2000,
        description=_l("The author sees this note with the draft."),
    )


# --- the board's filters ------------------------------------------------------------------

class BoardFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(
        _l("Offers or requests"),
        choices=options([("", _l("Both")), ("offer", _l("Offers")), ("request", _l("Requests"))]),
        default="",
    )
    format = SelectField(_l("Format"), default="")
    theme = SelectField(_l("Theme"), default="")
    town = SelectField(_l("Town"), default="")
    country = SelectField(_l("Country"), default="")
    # Two different languages: the one the posting is written in, and one it requires.
    written_in = SelectField(_l("Written in"), default="")
    language = SelectField(_l("Required languages"), default="")
    date_from = DateField(_l("Available from"), validators=[Optional()])
    date_to = DateField(_l("Available until"), validators=[Optional()])
    show = SelectField(
        _l("Status"),
        choices=options([("", _l("Open")), ("closed", _l("Closed or past the deadline"))]),
        default="",
    )

    def __init__(self, *args, towns=(), countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.format.choices = options([("", _l("All formats")), *EXCHANGE_FORMATS.items()])
        self.theme.choices = options([("", _l("All themes")), *THEMES.items()])
        self.town.choices = options(
            [("", _l("All towns"))] + [(str(t.id), t.display_name) for t in towns]
        )
        self.country.choices = options([("", _l("All countries")), *countries])
        self.written_in.choices = options([("", _l("All languages")), *language_choices()])
        self.language.choices = options([("", _l("All languages")), *language_choices()])

    def value(self, name: str):
        """The filter's value when it is valid, else None (a bad filter is simply ignored)."""
        field = self[name]
        if field.errors or field.data in (None, ""):
            return None
        if isinstance(field.data, date):
            return field.data
        valid = {str(choice.value) for choice in field.choices}
        return field.data if field.data in valid else None

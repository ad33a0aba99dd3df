"""Forms of the hub administration and of partnership proposals."""

from __future__ import annotations

import math
import zoneinfo
from functools import cache
from urllib.parse import urlsplit

from babel import Locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from hub.db import utcnow
from hub.i18n import LOCALES, current_locale_code, language_name
from hub.taxonomy import ACTIVITY_TYPES, PARTNERSHIP_STATUSES, SITE_ROLES, THEMES
from hub.text import fold

# Two-letter CLDR territories that are not countries in ISO 3166-1 (reserved or grouping codes).
NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)


def options(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs or a {value: label} vocabulary."""
    if isinstance(pairs, dict):
        pairs = pairs.items()
    return [SelectChoice(value, label) for value, label in pairs]


def values_of(field) -> set:
    return {choice.value for choice in field.choices}


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; templates/_macros/forms.html renders it as a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes with their names in the reader's language, sorted by name."""
    territories = Locale.parse(current_locale_code()).territories
    countries = [
        (code, name) for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    return sorted(countries, key=lambda item: fold(item[1]))


def language_choices() -> list[tuple[str, str]]:
    """The hub's languages, named in the reader's language."""
    named = [(code, language_name(code)) for code in LOCALES]
    return sorted(named, key=lambda item: fold(item[1]))


@cache
def timezone_options() -> tuple[SelectChoice, ...]:
    """IANA time zones (without the legacy aliases that have no "/"), read once."""
    names = sorted(tz for tz in zoneinfo.available_timezones() if "/" in tz or tz == "UTC")
    return tuple(SelectChoice(tz, tz) for tz in names)


def finite(form, field) -> None:  # noqa: ARG001 - WTForms validator signature
    if field.data is not None and not math.isfinite(field.data):
        raise ValidationError(_l("Please enter a number."))


def web_address(form, field) -> None:  # noqa: ARG001
    """Only http:// and https:// addresses with a host name."""
    if not field.data:
        return
    parts = urlsplit(field.data.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or " " in field.data.strip():
        raise ValidationError(_l("Enter a web address starting with http:// or https://."))


def strip(value):
    return value.strip() if isinstance(value, str) else value


class TownForm(FlaskForm):
    native_name = StringField(
        _l("Name in the local language"), filters=[strip],
        validators=[DataRequired(), Length(max=120)],
    )
    latin_name = StringField(
        _l("Name in Latin letters"), filters=[strip], validators=[Optional(), Length(max=120)],
        description=_l("For names in Greek or Cyrillic letters, e.g. Thessaloniki for "
                       "Θεσσαλονίκη. Leave empty when the name is already written in Latin "
                       "letters."),
    )
    country = SelectField(_l("Country"), choices=[],
                          validators=[DataRequired(message=_l("Choose a country."))])
    region = StringField(_l("Region or province"), filters=[strip],
                         validators=[Optional(), Length(max=120)])
    population = IntegerField(_l("Population"), validators=[Optional(), NumberRange(min=0)])
    official_languages = MultiCheckboxField(_l("Official languages"), choices=[])
    website = StringField(
        _l("Website"), filters=[strip], validators=[Optional(), Length(max=255), web_address],
        render_kw={"type": "url", "inputmode": "url"},
    )
    timezone = SelectField(_l("Time zone"), choices=[], validators=[Optional()])
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90), finite],
                          description=_l("Between -90 and 90, e.g. 40.19"))
    longitude = FloatField(_l("Longitude"),
                           validators=[Optional(), NumberRange(-180, 180), finite],
                           description=_l("Between -180 and 180, e.g. 29.06"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("Choose a country"))] + country_choices())
        self.official_languages.choices = options(language_choices())
        self.timezone.choices = [SelectChoice("", _l("Not set")), *timezone_options()]

    def values(self) -> dict:
        return {
            "native_name": self.native_name.data,
            "latin_name": self.latin_name.data or self.native_name.data,
            "country": self.country.data,
            "region": self.region.data or None,
            "population": self.population.data,
            "official_languages": list(self.official_languages.data or []),
            "website": self.website.data or None,
            "timezone": self.timezone.data or None,
            "latitude": self.latitude.data,
            "longitude": self.longitude.data,
        }


class ProposalForm(FlaskForm):
    """What anyone who takes part may propose; the admin form adds the status."""

    name = StringField(_l("Name of the partnership"), filters=[strip],
                       validators=[DataRequired(), Length(max=200)],
                       description=_l("For example: Nilüfer – Darmstadt"))
    towns = SelectMultipleField(
        _l("Partner towns"), coerce=int, choices=[], validate_choice=False, render_kw={"size": 8},
        description=_l("Choose at least two towns (hold Ctrl or ⌘ to choose several)."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)],
                                description=_l("Markdown is allowed."))
    description_language = SelectField(_l("Language of the description"), choices=[],
                                       validators=[Optional()])
    founded_on = DateField(_l("Founded on"), validators=[Optional()])
    themes = MultiCheckboxField(_l("Themes"), choices=options(THEMES))
    activity_types = MultiCheckboxField(_l("Activity types"), choices=options(ACTIVITY_TYPES))
    working_languages = MultiCheckboxField(_l("Working languages"), choices=[])

    def __init__(self, *args, town_choices: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.towns.choices = options(town_choices)
        self.description_language.choices = options([("", _l("Not set"))] + language_choices())
        self.working_languages.choices = options(language_choices())

    def validate_towns(self, field) -> None:
        chosen = field.data or []
        known = values_of(field)
        if any(town_id not in known for town_id in chosen):
            raise ValidationError(_l("Choose towns from the list."))
        if len(chosen) != len(set(chosen)):
            raise ValidationError(_l("Each town can take part only once. Choose different towns."))
        if len(chosen) < 2:
            raise ValidationError(_l("A partnership needs at least two different towns."))

    def validate_founded_on(self, field) -> None:
        if field.data and field.data > utcnow().date():
            raise ValidationError(_l("The founding date cannot be in the future."))

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "town_ids": list(self.towns.data or []),
            "description": self.description.data or "",
            "description_language": self.description_language.data or None,
            "founded_on": self.founded_on.data,
            "themes": list(self.themes.data or []),
            "activity_types": list(self.activity_types.data or []),
            "working_languages": list(self.working_languages.data or []),
        }


class PartnershipForm(ProposalForm):
    """The admin's form. A proposal has no status field: it is approved or declined instead."""

    status = SelectField(
        _l("Status"), validators=[InputRequired()],
        choices=options((c, name) for c, name in PARTNERSHIP_STATUSES.items() if c != "proposed"),
    )

    def values(self) -> dict:
        values = super().values()
        if "status" in self._fields:
            values["status"] = self.status.data
        return values


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for declining"), filters=[strip], validators=[DataRequired(), Length(max=2000)],
        description=_l("The proposer receives this text by e-mail."),
    )


class AppointCoordinatorForm(FlaskForm):
    email = EmailField(_l("E-mail address of the user"), filters=[strip],
                       validators=[DataRequired(), Email(), Length(max=254)])
    town = SelectField(_l("Partner town they coordinate"), coerce=int, choices=[],
                       validate_choice=False, validators=[InputRequired()])

    def __init__(self, *args, town_choices: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.town.choices = options(town_choices)

    def validate_town(self, field) -> None:
        if field.data not in values_of(field):
            raise ValidationError(_l("Choose one of this partnership's towns."))


class SiteRoleForm(FlaskForm):
    role = SelectField(_l("Site role"), choices=options(SITE_ROLES), validators=[InputRequired()])


def town_options(towns) -> list[tuple[int, str]]:
    """Choices for partner towns: "Θεσσαλονίκη (Thessaloniki) · Greece"."""
    from hub.templating import country_name

    return [(t.id, f"{t.display_name} · {country_name(t.country)}") for t in towns]

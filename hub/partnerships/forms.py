"""Forms of the partnership pages: directory filters, joining, members, invitations."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SearchField, SelectField, TextAreaField
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from hub.taxonomy import MEMBER_ROLES, PARTNERSHIP_STATUSES, THEMES
from hub.templating import country_name


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _texts(vocabulary: dict) -> list[tuple[str, str]]:
    """Choices with labels translated now: lazy strings would skip HTML escaping in WTForms."""
    return [(key, str(label)) for key, label in vocabulary.items()]


def _town_label(town) -> str:
    return f"{town.flag} {town.display_name} · {country_name(town.country)}"


class DirectoryFilterForm(Form):
    """The directory's GET filters. Unknown values are dropped, never an error."""

    q = SearchField(_l("Name"), validators=[Optional(), Length(max=100)], id="partnership-q")
    country = SelectField(_l("Country"), validate_choice=False, id="partnership-country")
    theme = SelectField(_l("Theme"), validate_choice=False, id="partnership-theme")
    status = SelectField(_l("Status"), validate_choice=False, id="partnership-status")

    def __init__(self, formdata, countries: list[str]):
        super().__init__(formdata)
        self.country.choices = [("", _("All countries"))] + [
            (code, country_name(code))
            for code in sorted(countries, key=lambda c: country_name(c).casefold())
        ]
        self.theme.choices = [("", _("All themes"))] + _texts(THEMES)
        self.status.choices = [("", _("Any status"))] + [
            (key, label) for key, label in _texts(PARTNERSHIP_STATUSES) if key != "proposed"
        ]

    def value(self, name: str) -> str:
        """The filter's value if it is one of the offered choices, else ''."""
        data = getattr(self, name).data or ""
        if name == "q":
            return data.strip()[:100]
        return data if data in {key for key, _label in getattr(self, name).choices} else ""


def _town_field(label) -> RadioField:
    """A choice among the partner towns; the form checks it against the towns it was given."""
    return RadioField(label, coerce=_int_or_none, validate_choice=False)


def _fill_towns(form: FlaskForm, towns, default_id: int | None = None) -> None:
    form.town.choices = [(t.id, _town_label(t)) for t in towns]
    if not form.is_submitted() and default_id in {t.id for t in towns}:
        form.town.data = default_id


def _check_town(field) -> None:
    if field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Choose one of the partner towns."))


class JoinForm(FlaskForm):
    town = _town_field(_l("The town you represent"))
    message = TextAreaField(
        _l("Message to the coordinators (optional)"),
        validators=[Optional(), Length(max=500)],
        description=_l("Tell them who you are and what you work on, in any language."),
    )

    def __init__(self, towns, default_town_id: int | None = None, **kwargs):
        super().__init__(**kwargs)
        _fill_towns(self, towns, default_town_id)

    def validate_town(self, field):
        _check_town(field)


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=list(MEMBER_ROLES))


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(), Length(max=254), Email(message=_l("Enter a valid e-mail address."))
        ],
    )
    town = _town_field(_l("Town the invited person will represent"))
    role = RadioField(_l("Role"), default="staff")
    message = TextAreaField(
        _l("Personal message (optional)"), validators=[Optional(), Length(max=500)]
    )

    def __init__(self, towns, **kwargs):
        super().__init__(**kwargs)
        _fill_towns(self, towns, towns[0].id if len(towns) == 1 else None)
        self.role.choices = _texts(MEMBER_ROLES)

    def validate_town(self, field):
        _check_town(field)

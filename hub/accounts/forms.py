"""Account forms. Labels are lazy; choices that depend on the reader or the database are filled
when the form is built (so they appear in the reader's language)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from hub.accounts import queries
from hub.accounts.passwords import MAX_LENGTH, password_problem
from hub.accounts.services import timezone_names
from hub.extensions import db
from hub.i18n import LOCALES, language_name, sorted_locales
from hub.taxonomy import CEFR_LEVELS

LANGUAGE_ROWS = 3


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _no_control_characters(form, field) -> None:
    if field.data and any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in field.data):
        raise ValidationError(_("Please remove the control characters."))


class PasswordRules:
    """The hub's password rules (passwords.py), knowing the account's e-mail and name.

    They come from the form's own e-mail/display-name fields, or from `form.account` when the
    form changes the password of an existing account.
    """

    def __call__(self, form, field) -> None:
        account = getattr(form, "account", None)
        email = form.email.data if "email" in form else getattr(account, "email", None)
        name = (
            form.display_name.data if "display_name" in form
            else getattr(account, "display_name", None)
        )
        problem = password_problem(field.data or "", email=email, display_name=name)
        if problem:
            raise ValidationError(problem)


def email_field(label, autocomplete: str = "email") -> EmailField:
    return EmailField(
        label,
        filters=[_strip],
        validators=[DataRequired(), Length(max=254), Email()],
        render_kw={"autocomplete": autocomplete, "spellcheck": "false", "autocapitalize": "none"},
    )


PASSWORD_LABEL = _l("Password")
PASSWORD_HINT = _l("At least 8 characters. A long phrase is easy to remember and hard to guess.")


def new_password_fields(label=PASSWORD_LABEL) -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        label,
        validators=[InputRequired(), PasswordRules()],
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    return password, confirm


def current_password_field() -> PasswordField:
    return PasswordField(
        _l("Current password"),
        validators=[InputRequired()],
        render_kw={"autocomplete": "current-password", "maxlength": MAX_LENGTH},
    )


def display_name_field() -> StringField:
    return StringField(
        _l("Display name"),
        filters=[_strip],
        validators=[DataRequired(), Length(min=2, max=80), _no_control_characters],
        description=_l("Shown to other members, for example your first and last name."),
        render_kw={"autocomplete": "name"},
    )


# --- spoken languages ---------------------------------------------------------------------

class LanguageRow(Form):
    """One spoken language and its CEFR level; a row left empty is ignored."""

    language = SelectField(_l("Language"), default="")
    level = SelectField(_l("Level"), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = sorted(
            ((code, language_name(code)) for code in LOCALES), key=lambda c: c[1].casefold()
        )
        self.language.choices = [("", _("— none —"))] + names
        self.level.choices = [("", _("— none —"))] + [(k, str(v)) for k, v in CEFR_LEVELS.items()]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if bool(self.language.data) != bool(self.level.data):
            missing = self.level if self.language.data else self.language
            missing.errors = [*missing.errors, _("Choose both the language and your level.")]
            return False
        return ok


class ProfileFields:
    """Mix-in: preferred language, town and spoken languages, with choices filled per request."""

    def fill_choices(self) -> None:
        self.locale.choices = sorted_locales()
        towns = db.session.scalars(queries.towns_for_choice())
        self.town.choices = [("", _("No town"))] + [
            (str(t.id), f"{t.flag} {t.display_name}") for t in towns
        ]

    def validate_languages(self, field) -> None:
        seen = set()
        for row in field:
            code = row.form.language.data
            if code and code in seen:
                row.form.language.errors = [
                    *row.form.language.errors, _("This language is listed twice.")
                ]
                raise ValidationError(_("Each language can be listed once."))
            seen.add(code)

    def language_rows(self) -> list[tuple[str, str]]:
        return [
            (row.form.language.data, row.form.level.data)
            for row in self.languages
            if row.form.language.data and row.form.level.data
        ]

    def town_id(self) -> int | None:
        return int(self.town.data) if self.town.data else None


def _languages_field() -> FieldList:
    return FieldList(
        FormField(LanguageRow), label=_l("Languages you speak"),
        min_entries=LANGUAGE_ROWS, max_entries=LANGUAGE_ROWS,
    )


def _locale_field() -> SelectField:
    return SelectField(
        _l("Preferred language"), validators=[DataRequired()],
        description=_l("The hub's pages and your e-mails use this language."),
    )


def _town_field() -> SelectField:
    return SelectField(
        _l("Your town"), default="",
        description=_l("The municipality you work for or live in, if it is listed."),
    )


# --- the forms ----------------------------------------------------------------------------

class RegisterForm(ProfileFields, FlaskForm):
    email = email_field(_l("E-mail address"))
    display_name = display_name_field()
    password, confirm = new_password_fields()
    locale = _locale_field()
    town = _town_field()
    languages = _languages_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_choices()


class AccountForm(ProfileFields, FlaskForm):
    display_name = display_name_field()
    locale = _locale_field()
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()],
                           description=_l("Dates and times are shown in this time zone."))
    town = _town_field()
    languages = _languages_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_choices()
        self.timezone.choices = [(z, z.replace("_", " ")) for z in sorted(timezone_names())]


class LoginForm(FlaskForm):
    email = email_field(_l("E-mail address"), autocomplete="username")
    password = PasswordField(
        PASSWORD_LABEL, validators=[InputRequired()],
        render_kw={"autocomplete": "current-password", "maxlength": MAX_LENGTH},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    email = email_field(_l("E-mail address"))


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(_l("New password"))

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account


class ChangePasswordForm(FlaskForm):
    current = current_password_field()
    password, confirm = new_password_fields(_l("New password"))

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def validate_current(self, field) -> None:
        if self.account is None or not self.account.check_password(field.data or ""):
            raise ValidationError(_("This is not your current password."))


class ChangeEmailForm(FlaskForm):
    new_email = email_field(_l("New e-mail address"))
    current = current_password_field()

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def validate_new_email(self, field) -> None:
        if self.account is not None and queries.normalize_email(field.data) == self.account.email:
            raise ValidationError(_("This is already your e-mail address."))

    def validate_current(self, field) -> None:
        if self.account is None or not self.account.check_password(field.data or ""):
            raise ValidationError(_("This is not your current password."))

"""Forms of the good-practice library: the curated entry, nominations, reasons, endorsement."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from hub.admin.forms import MultiCheckboxField, options
from hub.goodpractices.models import FIELDS, SUMMARY_MAX, TEXT_MAX, TITLE_MAX
from hub.i18n import LOCALES, language_name
from hub.taxonomy import THEMES
from hub.text import fold

REQUIRED_FIELDS = ("summary", "problem", "approach")
HINTS = {
    "summary": _l("Two or three sentences: what the practice is and why it is worth copying."),
    "problem": _l("What the towns wanted to solve, and for whom."),
    "approach": _l("The steps taken, who took part, how long it took."),
    "results": _l("What changed, with figures or other evidence where there are any."),
    "resources": _l("Staff, money, equipment; who paid."),
    "transferability": _l("What another town needs to do the same."),
    "pitfalls": _l("What went wrong or nearly did; conditions that matter."),
    "contacts": _l("Who can tell more: names, roles, towns, and e-mail addresses they agreed "
                   "to share."),
}


def _required(message):
    def check(form, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(message)

    check.field_flags = {"required": True}  # the label shows the field is required
    return check


def _max(limit: int):
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


def language_options(blank=None) -> list[SelectChoice]:
    pairs = sorted(((c, language_name(c)) for c in LOCALES), key=lambda p: fold(p[1]))
    return ([SelectChoice("", blank)] if blank else []) + [SelectChoice(c, n) for c, n in pairs]


class GoodPracticeForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        _required(_l("Please give the entry a title.")), _max(TITLE_MAX)])
    language = SelectField(_l("Language the entry is written in"), choices=[],
                           validators=[InputRequired(message=_l("Please choose a language."))])
    themes = MultiCheckboxField(_l("Themes"), choices=options(THEMES), validate_choice=True)
    partnership_id = SelectField(_l("Partnership involved"), choices=[], coerce=int,
                                 validators=[Optional()])
    town_ids = SelectMultipleField(_l("Towns involved"), choices=[], coerce=int,
                                   validators=[Optional()])
    sources = TextAreaField(
        _l("Links to the sources"),
        description=_l("One per line: an optional label, then the link. Links to the hub's "
                       "threads, posts, documents and placements keep their own permissions: "
                       "readers who may not see a private source do not get its link."),
        validators=[Optional(), _max(TEXT_MAX)],
    )

    def set_choices(self, partnerships, towns) -> None:
        self.language.choices = language_options(_l("Choose…"))
        self.partnership_id.choices = [SelectChoice(0, _l("None"))] + [
            SelectChoice(p.id, p.name) for p in partnerships
        ]
        self.town_ids.choices = [SelectChoice(t.id, t.display_name) for t in towns]
        for name in FIELDS:
            getattr(self, f"{name}_language").choices = language_options(
                _l("Same as the entry"))

    def validate_themes(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Please choose at least one theme."))

    def values(self) -> dict:
        data = {name: getattr(self, name).data or "" for name in FIELDS}
        data.update(
            title=" ".join((self.title.data or "").split()),
            language=self.language.data,
            themes=list(self.themes.data or []),
            partnership_id=self.partnership_id.data or None,
            town_ids=list(self.town_ids.data or []),
            field_languages={
                name: getattr(self, f"{name}_language").data for name in FIELDS
                if getattr(self, f"{name}_language").data
            },
        )
        return data


for _name, _label in FIELDS.items():
    _limit = SUMMARY_MAX if _name == "summary" else TEXT_MAX
    _validators = [_max(_limit)]
    if _name in REQUIRED_FIELDS:
        _validators.insert(0, _required(_l("Please fill in this part.")))
    else:
        _validators.insert(0, Optional())
    setattr(GoodPracticeForm, _name,
            TextAreaField(_label, description=HINTS[_name], validators=_validators))
    setattr(GoodPracticeForm, f"{_name}_language",
            SelectField(_l("Language of “%(part)s”", part=_label), choices=[],
                        validators=[Optional()]))


class NominateForm(FlaskForm):
    note = TextAreaField(
        _l("Why is this a good practice? (optional)"),
        validators=[Optional(), _max(2000)],
    )


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[
        _required(_l("Please give a reason: it goes to the audit log.")), _max(2000)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""

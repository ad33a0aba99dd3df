"""Translations of content: show original or translation, add/edit, verify, machine-translate.

Glossary pages live in routes_glossary.py on the same blueprint.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions
from hub.extensions import db
from hub.htmx import redirect_to, render_page
from hub.i18n import is_supported
from hub.translations import listing, services
from hub.translations.forms import TranslationForm
from hub.translations.machine import MachineTranslationError, get_provider
from hub.translations.models import ContentTranslation
from hub.translations.present import shown
from hub.translations.targets import get_target

log = logging.getLogger(__name__)
bp = Blueprint("translations", __name__)
PREFIX = "/translations/<target_type>/<int:target_id>/<field>"


def _load(target_type: str, target_id: int, field: str):
    """The target and its object; 404 for unknown kinds and for what the reader may not see."""
    target = get_target(target_type)
    if target is None or field not in target.fields:
        abort(404)
    obj = target.load(target_id)
    permissions.require(obj is not None and target.can_view(current_user, obj), hide=True)
    return target, obj


def _language(code: str) -> str:
    if not is_supported(code):
        abort(404)
    return code


@bp.get(PREFIX)
def show(target_type: str, target_id: int, field: str):
    """The field as original or as translation (into the reader's language, or into the one
    `?language=` names): a fragment for htmx, else a page."""
    target, obj = _load(target_type, target_id, field)
    language = request.args.get("language")
    t = shown(target_type, obj, field, show_original=request.args.get("show") == "original",
              language=_language(language) if language else None)
    level = min(max(request.args.get("level", 1, type=int), 1), 6)
    return render_page("translations/show.html", "translations/_translated.html",
                       t=t, level=level, back_url=target.url(obj))


@bp.get(PREFIX + "/translate")
@login_required
def choose_language(target_type: str, target_id: int, field: str):
    """The target-language picker (a plain GET form) leads to the edit page of that language."""
    target, obj = _load(target_type, target_id, field)
    language = _language(request.args.get("language", ""))
    permissions.require(permissions.can_translate(current_user, target.language(obj, field),
                                                  language))
    return redirect_to(url_for("translations.edit_translation", target_type=target_type,
                               target_id=target_id, field=field, language=language))


@bp.route(PREFIX + "/<language>/edit", methods=["GET", "POST"])
@login_required
def edit_translation(target_type: str, target_id: int, field: str, language: str):
    target, obj = _load(target_type, target_id, field)
    language = _language(language)
    source = target.language(obj, field)
    permissions.require(permissions.can_translate(current_user, source, language))
    t = shown(target_type, obj, field, language=language)
    form = TranslationForm()
    form.text.render_kw = {"lang": language, "rows": 12}
    if request.method == "GET":
        start = t.human or (t.machine if request.args.get("from") == "machine" else None)
        form.text.data = start.text if start else ""
    elif form.validate_on_submit():
        services.save_translation(target, obj, field, language, form.text.data, current_user)
        db.session.commit()
        flash(_("Translation saved. A second member who reads both languages can verify it."),
              "success")
        return redirect_to(target.url(obj))
    status = 422 if request.method == "POST" else 200
    return render_page("translations/edit.html", t=t, form=form, language=language,
                       back_url=target.url(obj), status=status)


@bp.post("/translations/<int:translation_id>/verify")
@login_required
def verify_translation(translation_id: int):
    translation = db.session.get(ContentTranslation, translation_id)
    if translation is None:
        abort(404)
    target, obj = _load(translation.target_type, translation.target_id, translation.field)
    permissions.require(permissions.can_verify_translation(current_user, translation))
    if translation.is_out_of_date(target.text(obj, translation.field)):
        flash(_("The original has changed since this translation was made. Please update the "
                "translation first."), "error")
        return redirect_to(target.url(obj))
    services.verify_translation(translation, current_user)
    db.session.commit()
    flash(_("Translation verified. Thank you."), "success")
    return redirect_to(target.url(obj))


@bp.post(PREFIX + "/<language>/machine")
@login_required
def machine_translate(target_type: str, target_id: int, field: str, language: str):
    target, obj = _load(target_type, target_id, field)
    language = _language(language)
    permissions.require(permissions.can_request_machine_translation(current_user))
    provider = get_provider()
    if provider is None or target.language(obj, field) == language:
        abort(404)
    try:
        services.machine_translate(target, obj, field, language, provider)
    except MachineTranslationError as error:
        log.warning("machine translation failed: %s", error)
        db.session.rollback()
        flash(_("The machine translation service is not available right now. Please try again "
                "later."), "error")
        return redirect_to(target.url(obj))
    db.session.commit()
    flash(_("Machine translation added. It is labelled as such until a member reviews it."),
          "success")
    return redirect_to(target.url(obj))


@bp.app_template_global("listed_text")
def listed_text(target_type: str, obj, field: str) -> object:
    """For the `listed` macro: a title in a list, translated when it can be."""
    return listing.listed_text(target_type, obj, field)


@bp.app_template_global("content_translation")
def content_translation(target_type: str, obj, field: str) -> object:
    """For the `translated` macros: what the reader sees of a field."""
    return shown(target_type, obj, field)


from hub.translations import routes_glossary  # noqa: E402, F401 - registers the glossary pages

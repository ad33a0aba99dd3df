"""Accounts: register, verify, sign in and out, reset and change passwords, profile, e-mail.

Answers never reveal whether an address has an account: registration, sign-in and reset
requests respond the same either way.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from hub.accounts import queries, services
from hub.accounts.forms import (
    AccountForm,
    ChangeEmailForm,
    ChangePasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from hub.accounts.login import local_path
from hub.accounts.models import AccountToken, User
from hub.extensions import db, limiter
from hub.htmx import redirect_to, render_page
from hub.i18n import SESSION_KEY, current_locale_code, user_timezone
from hub.towns.models import Town

bp = Blueprint("accounts", __name__)

auth_limit = limiter.limit(lambda: current_app.config["RATELIMIT_AUTH"], methods=["POST"])


def _form_page(template: str, form, **context):
    """The form page: 200 when shown, 422 when what was sent could not be accepted."""
    status = 422 if request.method == "POST" else 200
    return render_page(template, form=form, status=status, **context)


def _sign_in(user: User, *, remember: bool) -> None:
    login_user(user, remember=remember)
    session[SESSION_KEY] = user.locale


def _stay_signed_in(user: User) -> None:
    """After the session version changed: keep this session (and its remember-me cookie)."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(user, remember=cookie in request.cookies)


def _town(form) -> Town | None:
    town_id = form.town_id()
    return db.session.get(Town, town_id) if town_id else None


def _token(raw: str, purpose: str) -> AccountToken | None:
    return db.session.scalar(queries.token_by_raw(raw, purpose))


def _token_problem(purpose: str, token: AccountToken | None, reason: str | None = None):
    """A friendly page for a link that is unknown, used, expired or no longer applicable."""
    if reason is None:
        if token is None:
            reason = "unknown"
        elif token.used_at is not None or not token.user.is_active:
            reason = "used"
        else:
            reason = "expired"
    status = {"unknown": 404, "taken": 409}.get(reason, 400)
    return render_page("accounts/token_problem.html", status=status, purpose=purpose, reason=reason)


def _home() -> str:
    return url_for("core.home")


# --- registration and verification ---------------------------------------------------------

@bp.route("/register", methods=["GET", "POST"])
@auth_limit
def register():
    if current_user.is_authenticated:
        flash(_("You are already signed in."), "info")
        return redirect_to(_home())
    form = RegisterForm(locale=current_locale_code())
    if not form.validate_on_submit():
        return _form_page("accounts/register.html", form)
    email = queries.normalize_email(form.email.data)
    user = services.register(
        email=email,
        display_name=form.display_name.data,
        password=form.password.data,
        locale=form.locale.data,
        town=_town(form),
        languages=form.language_rows(),
    )
    db.session.commit()
    # The same answer whether or not the address already had an account: nobody is signed in
    # here (that would tell the two apart); the confirmation link signs the new owner in.
    del user
    flash(
        _("Thank you for registering. We sent a message to %(email)s: please open the link in "
          "it to confirm your address.", email=email),
        "success",
    )
    return redirect_to(url_for("accounts.login"))


@bp.get("/verify/<token>")
def verify(token: str):
    found = _token(token, "verify")
    if not services.token_usable(found):
        return _token_problem("verify", found)
    services.verify_email(found)
    db.session.commit()
    if not current_user.is_authenticated:
        _sign_in(found.user, remember=False)
    flash(_("Thank you, your e-mail address is confirmed."), "success")
    return redirect_to(_home())


@bp.post("/verify/resend")
@auth_limit
@login_required
def resend_verification():
    if current_user.is_verified:
        flash(_("Your e-mail address is already confirmed."), "info")
    else:
        services.send_verification(current_user)
        db.session.commit()
        flash(
            _("We sent a new confirmation link to %(email)s.", email=current_user.email),
            "success",
        )
    return redirect_to(local_path(request.form.get("next")) or url_for("accounts.account"))


# --- signing in and out --------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
@auth_limit
def login():
    form = LoginForm(next=request.args.get("next", ""))
    form.next.data = local_path(form.next.data) or ""
    target = form.next.data or _home()
    if request.method == "GET" and current_user.is_authenticated:
        return redirect_to(target)
    error = None
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _sign_in(user, remember=form.remember.data)
            flash(_("Welcome back, %(name)s.", name=user.display_name), "success")
            return redirect_to(target)
        # One message for an unknown address and a wrong password.
        error = _("The e-mail address or the password is not correct.")
    return _form_page("accounts/login.html", form, error=error)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect_to(_home())


# --- forgotten password --------------------------------------------------------------------

@bp.route("/reset-password", methods=["GET", "POST"])
@auth_limit
def reset_request():
    form = ResetRequestForm()
    if not form.validate_on_submit():
        return _form_page("accounts/reset_request.html", form)
    email = queries.normalize_email(form.email.data)
    services.request_password_reset(email)
    db.session.commit()
    flash(
        _("If an account uses %(email)s, we sent a link to choose a new password to that "
          "address. Please check your inbox.", email=email),
        "info",
    )
    return redirect_to(url_for("accounts.login"))


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    found = _token(token, "reset")
    if not services.token_usable(found):
        return _token_problem("reset", found)
    form = ResetPasswordForm(account=found.user)
    if not form.validate_on_submit():
        return _form_page("accounts/reset_password.html", form, account=found.user)
    user = services.reset_password(found, form.password.data)
    db.session.commit()
    _sign_in(user, remember=False)
    flash(
        _("Your new password is set and you are signed in. All other sessions have ended."),
        "success",
    )
    return redirect_to(_home())


# --- the account page ----------------------------------------------------------------------

def _profile_data(user: User) -> dict:
    return {
        "display_name": user.display_name,
        "locale": user.locale,
        "timezone": user_timezone(user),
        "town": str(user.town_id) if user.town_id else "",
        "languages": [{"language": lang.language, "level": lang.level} for lang in user.languages],
    }


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = current_user._get_current_object()
    form = AccountForm(data=_profile_data(user) if request.method == "GET" else None)
    if not form.validate_on_submit():
        return _form_page("accounts/account.html", form)
    services.update_profile(
        user,
        display_name=form.display_name.data,
        locale=form.locale.data,
        timezone=form.timezone.data,
        town=_town(form),
        languages=form.language_rows(),
    )
    db.session.commit()
    session[SESSION_KEY] = user.locale
    flash(_("Your profile is saved."), "success")
    return redirect_to(url_for("accounts.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@auth_limit
@login_required
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(account=user)
    if not form.validate_on_submit():
        return _form_page("accounts/change_password.html", form)
    services.change_password(user, form.password.data)
    db.session.commit()
    _stay_signed_in(user)
    flash(_("Your password is changed. You were signed out everywhere else."), "success")
    return redirect_to(url_for("accounts.account"))


@bp.route("/account/email", methods=["GET", "POST"])
@auth_limit
@login_required
def change_email():
    user = current_user._get_current_object()
    form = ChangeEmailForm(account=user)
    if not form.validate_on_submit():
        return _form_page("accounts/change_email.html", form)
    new_email = queries.normalize_email(form.new_email.data)
    services.request_email_change(user, new_email)
    db.session.commit()
    flash(
        _("We sent a confirmation link to %(email)s. Your address changes when you open it.",
          email=new_email),
        "info",
    )
    return redirect_to(url_for("accounts.account"))


@bp.get("/account/email/<token>")
def confirm_email(token: str):
    found = _token(token, "email")
    if not services.token_usable(found):
        return _token_problem("email", found)
    applied = services.apply_email_change(found)
    db.session.commit()
    if not applied:
        return _token_problem("email", found, reason="taken")
    flash(_("Your e-mail address is now %(email)s.", email=found.user.email), "success")
    return redirect_to(url_for("accounts.account") if current_user.is_authenticated else _home())


@bp.post("/account/sessions/end")
@login_required
def logout_everywhere():
    user = current_user._get_current_object()
    services.end_other_sessions(user)
    db.session.commit()
    _stay_signed_in(user)
    flash(_("You were signed out on every other device and browser."), "success")
    return redirect_to(url_for("accounts.account"))

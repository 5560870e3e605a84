"""Register, sign in and out, and manage one's own account."""

import json

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from platform.accounts import bp, personal_data, services
from platform.accounts.forms import (
    DeleteAccountForm,
    PasswordForm,
    RegisterForm,
    SettingsForm,
    SignInForm,
)
from platform.accounts.models import AnonymousUser, User
from platform.accounts.permissions import can_manage_account
from platform.database import utcnow
from platform.extensions import db, limiter, login_manager
from platform.forms import add_error, is_safe_next_url
from platform.permissions import permission_required, register_predicates
from platform.taxonomy.models import District

register_predicates(bp, can_manage_account)


@login_manager.user_loader
def load_user(session_id):
    """Find the account of a session; a session made before a password change is refused."""
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.is_deleted or user.session_token != token:
        return None
    return user


login_manager.anonymous_user = AnonymousUser
login_manager.login_view = "accounts.login"
login_manager.login_message_category = "info"


@login_manager.unauthorized_handler
def ask_to_sign_in():
    flash(_("Sign in to continue."), "info")
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def start_session(user):
    """Sign in with a brand-new session (no fixation), keeping only the chosen language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    session.permanent = True
    login_user(user)
    services.record_sign_in(user)


def sign_in_limit():
    return current_app.config["RATELIMIT_SIGN_IN"]


def register_limit():
    return current_app.config["RATELIMIT_REGISTER"]


@bp.route("/auth/register", methods=["GET", "POST"])
@limiter.limit(register_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_account(
                form.email.data,
                form.display_name.data,
                form.password.data,
                accepted_terms=form.terms.data,
            )
        except services.AccountError as error:
            add_error(form, error.field, error.message)
        else:
            start_session(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.display_name), "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/auth/login", methods=["GET", "POST"])
@limiter.limit(sign_in_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("The e-mail address or the password is not correct."))
        else:
            start_session(user)
            flash(_("You are signed in."), "success")
            target = form.next.data
            return redirect(target if is_safe_next_url(target) else url_for("main.home"))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


def end_session():
    """Sign out, keeping only the chosen language."""
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale


@bp.route("/auth/logout", methods=["POST"])
def logout():
    end_session()
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/account/", methods=["GET", "POST"])
@permission_required(can_manage_account)
def settings():
    districts = db.session.scalars(select(District).order_by(District.position)).all()
    form = SettingsForm(
        districts=districts,
        data={
            "display_name": current_user.display_name,
            "locale": current_user.locale or session.get("locale") or "fr",
            "district": current_user.district_id or 0,
        }
        if request.method == "GET"
        else None,
    )
    if form.validate_on_submit():
        district = next((d for d in districts if d.id == form.district.data), None)
        services.update_settings(
            current_user,
            display_name=form.display_name.data,
            locale=form.locale.data,
            district=district,
        )
        session["locale"] = form.locale.data
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form), 400 if form.errors else 200


@bp.route("/account/password", methods=["GET", "POST"])
@permission_required(can_manage_account)
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except services.AccountError as error:
            add_error(form, error.field, error.message)
        else:
            # The session token changed: sign this session in again, other sessions are out.
            start_session(current_user._get_current_object())
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200


@bp.route("/account/export")
@permission_required(can_manage_account)
def export():
    """Everything the account contributed and its settings, as a JSON file to download."""
    data = personal_data.export_account(current_user)
    response = current_app.response_class(
        json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    filename = f"my-data-{utcnow():%Y-%m-%d}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@permission_required(can_manage_account)
@limiter.limit(sign_in_limit, methods=["POST"])
def delete():
    """Erase the account's personal data, keep its contributions under "Deleted account"."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            personal_data.delete_account(current_user._get_current_object(), form.password.data)
        except services.AccountError as error:
            add_error(form, error.field, error.message)
        else:
            end_session()
            flash(_("Your account is deleted. Thank you for taking part."), "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form), 400 if form.errors else 200

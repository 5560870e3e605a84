"""Register, sign in and out, and manage one's own account (its data: `platform.personal_data`)."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from platform.accounts import bp, services
from platform.accounts.forms import PasswordForm, RegisterForm, SettingsForm, SignInForm
from platform.accounts.permissions import can_manage_account
from platform.accounts.sessions import end_session, register_limit, sign_in_limit, start_session
from platform.extensions import limiter
from platform.forms import add_error, form_status, is_safe_next_url, submit
from platform.permissions import permission_required, register_predicates
from platform.taxonomy.services import list_districts

register_predicates(bp, can_manage_account)


@bp.route("/auth/register", methods=["GET", "POST"])
@limiter.limit(register_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    sent = submit(
        form, services.register_account, form.email.data, form.display_name.data,
        form.password.data, accepted_terms=form.terms.data,
    )  # fmt: skip
    if not sent.ok:
        return render_template("accounts/register.html", form=form), form_status(form)
    start_session(sent.result)
    flash(_("Welcome, %(name)s! Your account is ready.", name=sent.result.display_name), "success")
    return redirect(url_for("main.home"))


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


@bp.route("/auth/logout", methods=["POST"])
def logout():
    end_session()
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/account/", methods=["GET", "POST"])
@permission_required(can_manage_account)
def settings():
    shown = SettingsForm.data_of(current_user, session.get("locale") or "fr")
    form = SettingsForm(districts=list_districts(), data=shown if request.method == "GET" else None)
    if not submit(form, services.update_settings, current_user, **form.settings()).ok:
        return render_template("accounts/settings.html", form=form), form_status(form)
    session["locale"] = form.locale.data
    flash(_("Your settings are saved."), "success")
    return redirect(url_for("accounts.settings"))


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

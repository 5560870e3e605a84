"""Signing in and out: the session each account gets, and how it is found again.

Other features (personal data, moderation) end or refuse sessions through these functions.
"""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from platform.accounts import services
from platform.accounts.models import AnonymousUser
from platform.extensions import login_manager

login_manager.anonymous_user = AnonymousUser
login_manager.login_view = "accounts.login"
login_manager.login_message_category = "info"
login_manager.user_loader(services.account_of_session)


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


def end_session():
    """Sign out, keeping only the chosen language."""
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale


def sign_in_limit():
    return current_app.config["RATELIMIT_SIGN_IN"]


def register_limit():
    return current_app.config["RATELIMIT_REGISTER"]

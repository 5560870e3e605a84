"""Accounts: registration, sign-in, settings and roles."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")

from platform.accounts import routes  # noqa: E402,F401  (routes attach themselves to bp)

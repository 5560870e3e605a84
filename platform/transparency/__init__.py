"""Transparency: public figures about the platform (statistics; the yearly report comes later)."""

from flask import Blueprint

bp = Blueprint("transparency", __name__, template_folder="templates")

from platform.transparency import routes  # noqa: E402,F401

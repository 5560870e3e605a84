"""Transparency: public figures about the platform (statistics) and the lab's yearly report."""

from flask import Blueprint

bp = Blueprint("transparency", __name__, template_folder="templates")

from platform.transparency import routes  # noqa: E402,F401

"""Prototypes: agents publish, citizens test and give feedback, version after version."""

from flask import Blueprint

bp = Blueprint("prototypes", __name__, template_folder="templates")

from platform.prototypes import routes  # noqa: E402,F401

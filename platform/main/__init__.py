"""Pages that belong to no feature: home, terms of use, health check, uploaded images."""

from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from platform.main import routes  # noqa: E402,F401

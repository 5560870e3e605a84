"""Administration: accounts and roles, themes and districts."""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates")

from platform.admin import routes  # noqa: E402,F401

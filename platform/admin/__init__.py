"""Administration: roles now; themes and districts as the features that use them land."""

from flask import Blueprint

bp = Blueprint("admin", __name__, template_folder="templates")

from platform.admin import routes  # noqa: E402,F401

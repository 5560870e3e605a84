"""Problems (ideas in code and URLs): propose, support, discuss, follow, move along."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, template_folder="templates")

from platform.ideas import routes  # noqa: E402,F401

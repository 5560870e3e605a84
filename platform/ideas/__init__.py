"""Problems (ideas in code and URLs): propose, support, discuss, follow (issue: problems).

The blueprint is registered under /ideas/; its models, services and routes arrive with the
problems feature.
"""

from flask import Blueprint

bp = Blueprint("ideas", __name__, template_folder="templates")

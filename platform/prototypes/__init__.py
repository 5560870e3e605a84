"""Prototypes and their versions, tested by citizens (issue: prototypes).

The blueprint is registered under /prototypes/; its models, services and routes arrive with the
prototypes feature.
"""

from flask import Blueprint

bp = Blueprint("prototypes", __name__, template_folder="templates")

"""Experiments: citizens join, capacity holds, the waiting list moves, results are published."""

from flask import Blueprint

bp = Blueprint("experiments", __name__, template_folder="templates")

from platform.experiments import routes  # noqa: E402,F401

"""Experiments: citizens join, capacity holds, the waiting list moves, results are published.

The blueprint's set-up adds the experiments' chapter to every problem's story (`story.py`).
"""

from flask import Blueprint

bp = Blueprint("experiments", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.experiments import account_data, routes  # noqa: F401  (routes attach themselves to bp)
from platform.experiments.story import experiments_chapter
from platform.timeline import register_source


@bp.record_once
def set_up(state):
    register_source(state.app, "experiments", experiments_chapter, position=30)
    register_part(state.app, account_data.PART)

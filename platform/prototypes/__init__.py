"""Prototypes: agents publish, citizens test and give feedback, version after version.

The blueprint's set-up adds the prototypes' chapter to every problem's story (`story.py`).
"""

from flask import Blueprint

bp = Blueprint("prototypes", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.prototypes import account_data, routes  # noqa: F401  (routes attach themselves to bp)
from platform.prototypes.story import prototypes_chapter
from platform.timeline import register_source


@bp.record_once
def set_up(state):
    register_source(state.app, "prototypes", prototypes_chapter, position=20)
    register_part(state.app, account_data.PART)

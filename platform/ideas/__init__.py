"""Problems (ideas in URLs and in this package's name): propose, support, discuss, follow, move
along the lab's process.

The blueprint's set-up ties the package to the layers below it: it follows the problems its
author comments, tells the taxonomy which columns name a theme or a district, and opens each
problem's story (`platform.timeline`) with its proposal, stages and merged duplicates.
"""

from flask import Blueprint

bp = Blueprint("ideas", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.ideas import account_data, routes  # noqa: F401  (routes attach themselves to bp)
from platform.ideas.models import Problem
from platform.ideas.services import on_comment_posted
from platform.ideas.story import problem_chapter
from platform.signals import comment_posted
from platform.taxonomy.models import District, Theme
from platform.taxonomy.services import Reference, register_reference
from platform.timeline import register_source


@bp.record_once
def set_up(state):
    comment_posted.connect(on_comment_posted)
    register_reference(
        state.app, Reference(Theme, Problem.theme_id, counts_problems=True, keeps_item=True)
    )
    register_reference(state.app, Reference(District, Problem.district_id, counts_problems=True))
    register_source(state.app, "problem", problem_chapter, position=10)
    register_part(state.app, account_data.PART)

"""Surveys, the lab's "enquête" stage: build a questionnaire, collect one response per account,
publish results computed in SQL with the quotations the organisers pick.

The blueprint's set-up adds the surveys' chapter to every problem's story (`story.py`) and
their part of an account's data (`account_data.py`), and gives templates `surveys_about`, the
surveys of a prototype, which the prototype's page lists (prototypes sit below surveys and
cannot import them). It gives the app its cache of published results (`cache.py`), and
subscribes to `moderation_decision` (moderation is a higher layer: surveys do not import it), so
that hiding or restoring a quotation bumps its survey's stamp.
"""

from flask import Blueprint

bp = Blueprint("surveys", __name__, template_folder="templates")

from platform.account_data import register_part  # noqa: E402
from platform.surveys import (  # noqa: E402,F401  (routes attach themselves to bp)
    account_data,
    answer_routes,
    builder_routes,
    results_routes,
    routes,
)
from platform.surveys.story import surveys_chapter  # noqa: E402
from platform.timeline import register_source  # noqa: E402


@bp.record_once
def set_up(state):
    from flask_login import current_user

    from platform.signals import moderation_decision
    from platform.surveys import cache
    from platform.surveys.services import surveys_of_prototype

    cache.install(state.app)
    moderation_decision.connect(cache.on_moderation_decision)
    register_source(state.app, "surveys", surveys_chapter, position=15)
    register_part(state.app, account_data.PART)
    state.app.add_template_global(
        lambda prototype: surveys_of_prototype(prototype, current_user), "surveys_about"
    )

"""Comments: one component for every commentable thing (problems now, prototypes next).

A commentable model has an integer `id`, a stored `comments_count`, an `accepts_comments`
property, and names the comment column that points at it in `comment_target_key`.
"""

from flask import Blueprint

bp = Blueprint("comments", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.comments import account_data, routes  # noqa: F401


@bp.record_once
def set_up(state):
    register_part(state.app, account_data.PART)

"""Comments: one component for every commentable thing (problems now, prototypes next).

A commentable model has an integer `id`, a stored `comments_count`, an `accepts_comments`
property, and names the comment column that points at it in `comment_target_key`.
"""

from flask import Blueprint

bp = Blueprint("comments", __name__, template_folder="templates")

from platform.comments import routes  # noqa: E402,F401

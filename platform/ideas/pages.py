"""Helpers for the pages of other features that start from a problem."""

from flask import abort, request
from flask_login import current_user

from platform.extensions import db
from platform.ideas.models import Idea
from platform.permissions import ensure


def idea_named_in_query():
    """The problem a lab page starts from (`?idea=<id>`): sign in first, then 404 if unknown."""
    idea_id = request.args.get("idea", type=int)
    idea = db.session.get(Idea, idea_id) if idea_id else None
    if idea is None:
        ensure(current_user.is_authenticated)
        abort(404)
    return idea

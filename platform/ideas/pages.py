"""Helpers for the pages of other features that start from a problem."""

from flask import abort, request
from flask_login import current_user

from platform.extensions import db
from platform.ideas.models import Problem
from platform.permissions import ensure


def problem_named_in_query():
    """The problem a lab page starts from (`?idea=<id>`): sign in first, then 404 if unknown."""
    problem_id = request.args.get("idea", type=int)
    problem = db.session.get(Problem, problem_id) if problem_id else None
    if problem is None:
        ensure(current_user.is_authenticated)
        abort(404)
    return problem

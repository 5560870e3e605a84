"""Who may do what with problems (DESIGN.md §2), for routes and templates alike."""

from platform.ideas.models import ProblemStatus, allowed_transitions
from platform.roles import Role

EDITABLE = frozenset({ProblemStatus.PENDING, ProblemStatus.PROPOSED})


def is_author(user, problem):
    return user.is_authenticated and problem.author_id == user.id


def can_view_problem(user, problem):
    """Everyone sees published problems; one awaiting moderation, its author and moderators."""
    if problem.status is ProblemStatus.PENDING:
        return is_author(user, problem) or user.has_role(Role.MODERATOR)
    return True


def can_read_hidden_problem(user, _problem=None):
    """Moderators read what moderation hid, to decide on it; others see a tombstone."""
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_propose_problem(user, _obj=None):
    return user.is_authenticated


def can_edit_problem(user, problem):
    return is_author(user, problem) and problem.status in EDITABLE and not problem.is_hidden


def can_withdraw_problem(user, problem):
    return can_edit_problem(user, problem)


def can_support_problem(user, problem):
    return user.is_authenticated and problem.accepts_supports


def can_follow_problem(user, problem):
    return user.is_authenticated and problem.is_listed


def can_change_problem_status(user, problem):
    return (
        user.has_role(Role.AGENT) and not problem.is_hidden and bool(allowed_transitions(problem))
    )

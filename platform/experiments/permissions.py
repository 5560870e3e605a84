"""Who may do what with experiments (DESIGN.md §2 and §4), for routes and templates alike.

One predicate per action a page offers: the template shows the action exactly when its predicate
holds. The model's properties (`is_draft`, `accepts_sign_ups`...) say what the state allows.
"""

from platform.experiments.models import EXPERIMENTABLE
from platform.permissions import is_lab
from platform.roles import Role


def is_organiser(user, experiment):
    return user.is_authenticated and any(o.id == user.id for o in experiment.organisers)


def can_view_experiment(user, experiment):
    """A draft exists for the lab only: to anyone else it is not found (404)."""
    return not experiment.is_draft or is_lab(user)


def can_create_experiment(user, problem):
    return is_lab(user) and problem is not None and problem.status in EXPERIMENTABLE


def can_manage_experiment(user, experiment):
    """Its organisers, and moderators and admins, run an experiment."""
    return is_organiser(user, experiment) or user.has_role(Role.MODERATOR)


def can_edit_experiment(user, experiment):
    return can_manage_experiment(user, experiment) and not experiment.is_completed


def can_open_sign_ups(user, experiment):
    return can_manage_experiment(user, experiment) and experiment.is_draft


def can_close_sign_ups(user, experiment):
    return can_manage_experiment(user, experiment) and experiment.is_open


def can_change_capacity(user, experiment):
    return can_manage_experiment(user, experiment) and not experiment.is_completed


def can_publish_results(user, experiment):
    return can_manage_experiment(user, experiment) and experiment.awaits_results


def can_view_participants(user, experiment):
    """Participants' names and e-mails: organisers, moderators and admins only (DESIGN.md §4)."""
    return can_manage_experiment(user, experiment)


def can_join_experiment(user, experiment):
    """Whether to offer the sign-up button; one already signed up is offered to leave instead."""
    return user.is_authenticated and experiment.accepts_sign_ups


def can_leave_experiment(user, sign_up):
    """`sign_up` is the account's own place or turn (None when it has none)."""
    return (
        sign_up is not None
        and user.is_authenticated
        and sign_up.user_id == user.id
        and sign_up.can_be_given_up
    )

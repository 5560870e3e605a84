"""Who may do what with experiments (DESIGN.md §2 and §4)."""

from platform.accounts.models import Role
from platform.database import utcnow
from platform.experiments.models import ExperimentStatus

EXPERIMENTABLE_STATUSES = frozenset({"selected", "prototyping", "experimenting"})


def is_lab(user):
    return user.is_authenticated and user.has_role(Role.AGENT)


def can_see_drafts(user, _obj=None):
    return is_lab(user)


def is_organiser(user, experiment):
    return user.is_authenticated and any(o.id == user.id for o in experiment.organisers)


def can_view_experiment(user, experiment):
    """A draft exists for the lab only: to anyone else it is not found (404)."""
    return experiment.status is not ExperimentStatus.DRAFT or is_lab(user)


def can_create_experiment(user, problem):
    return is_lab(user) and problem is not None and problem.status.value in EXPERIMENTABLE_STATUSES


def can_manage_experiment(user, experiment):
    """Its organisers, and moderators and admins, run an experiment."""
    return is_organiser(user, experiment) or user.has_role(Role.MODERATOR)


def can_view_participants(user, experiment):
    """Participants' names and e-mails: organisers, moderators and admins only (DESIGN.md §4)."""
    return can_manage_experiment(user, experiment)


def can_join_experiment(user, experiment):
    return (
        user.is_authenticated
        and experiment.status is ExperimentStatus.OPEN
        and not experiment.is_hidden
        and utcnow() < experiment.ends_at
    )


def can_publish_results(user, experiment):
    return (
        can_manage_experiment(user, experiment)
        and experiment.status in {ExperimentStatus.OPEN, ExperimentStatus.CLOSED}
        and utcnow() >= experiment.ends_at
    )

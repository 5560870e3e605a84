"""Who may do what with prototypes (DESIGN.md §2), for routes and templates alike."""

from platform.accounts.models import Role
from platform.prototypes.models import PrototypeStatus

PROTOTYPABLE_STATUSES = frozenset({"selected", "prototyping", "experimenting"})


def is_lab(user):
    return user.is_authenticated and user.has_role(Role.AGENT)


def can_see_drafts(user, _obj=None):
    return is_lab(user)


def can_view_prototype(user, prototype):
    """Drafts exist for the lab only: to anyone else they are not found (404)."""
    return prototype.status is not PrototypeStatus.DRAFT or is_lab(user)


def can_create_prototype(user, problem):
    return is_lab(user) and problem is not None and problem.status.value in PROTOTYPABLE_STATUSES


def can_edit_prototype(user, prototype):
    return is_lab(user) and prototype.status is not PrototypeStatus.CLOSED


def can_publish_prototype(user, prototype):
    return is_lab(user) and prototype.status is PrototypeStatus.DRAFT


def can_add_version(user, prototype):
    return is_lab(user) and prototype.status is PrototypeStatus.OPEN


def can_close_prototype(user, prototype):
    return is_lab(user) and prototype.status is PrototypeStatus.OPEN


def can_give_feedback(user, prototype):
    return user.is_authenticated and prototype.is_collecting_feedback

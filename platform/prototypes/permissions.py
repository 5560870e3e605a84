"""Who may do what with prototypes (DESIGN.md §2), for routes and templates alike: one
`can_<action>(user, obj)` per action a page offers."""

from platform.ideas.models import ProblemStatus
from platform.permissions import is_lab
from platform.prototypes.models import PrototypeStatus

# Problems for which the lab may prototype a solution.
PROTOTYPABLE = frozenset(
    {ProblemStatus.SELECTED, ProblemStatus.PROTOTYPING, ProblemStatus.EXPERIMENTING}
)


def can_view_prototype(user, prototype):
    """Drafts exist for the lab only: to anyone else they are not found (404)."""
    return not prototype.is_draft or is_lab(user)


def can_create_prototype(user, problem):
    return is_lab(user) and problem is not None and problem.status in PROTOTYPABLE


def can_edit_prototype(user, prototype):
    return is_lab(user) and not prototype.is_closed


def can_publish_prototype(user, prototype):
    return is_lab(user) and prototype.is_draft


def can_add_version(user, prototype):
    return is_lab(user) and prototype.status is PrototypeStatus.OPEN


def can_close_prototype(user, prototype):
    return is_lab(user) and prototype.status is PrototypeStatus.OPEN


def can_add_image(user, prototype):
    """Pictures go with the prototype's text: the lab changes both until it is closed."""
    return can_edit_prototype(user, prototype)


def can_delete_image(user, prototype):
    """Remove a picture of `prototype` (its images are its own: the lab, until it is closed)."""
    return can_edit_prototype(user, prototype)


def can_give_feedback(user, prototype):
    return user.is_authenticated and prototype.is_collecting_feedback

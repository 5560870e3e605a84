"""Who may do what with problems (DESIGN.md §2), for routes and templates alike."""

from platform.accounts.models import Role
from platform.ideas.models import IdeaStatus

EDITABLE = frozenset({IdeaStatus.PENDING, IdeaStatus.PROPOSED})


def is_author(user, idea):
    return user.is_authenticated and idea.author_id == user.id


def can_view_idea(user, idea):
    """Everyone sees published problems; one awaiting moderation, its author and moderators."""
    if idea.status is IdeaStatus.PENDING:
        return is_author(user, idea) or user.has_role(Role.MODERATOR)
    return True


def can_propose_idea(user, _obj=None):
    return user.is_authenticated


def can_edit_idea(user, idea):
    return is_author(user, idea) and idea.status in EDITABLE and not idea.is_hidden


def can_withdraw_idea(user, idea):
    return can_edit_idea(user, idea)


def can_support_idea(user, idea):
    return user.is_authenticated and idea.accepts_supports


def can_follow_idea(user, idea):
    return user.is_authenticated and idea.is_listed


def can_change_idea_status(user, idea):
    from platform.ideas.services import allowed_transitions

    return user.has_role(Role.AGENT) and not idea.is_hidden and bool(allowed_transitions(idea))

"""Who may moderate (DESIGN.md §2)."""

from platform.accounts.models import Role


def can_moderate(user, _obj=None):
    """Moderators and admins reach the queue, the log and every moderation action."""
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_report(user, _obj=None):
    return user.is_authenticated

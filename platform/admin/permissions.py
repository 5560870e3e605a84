"""Who may administer the platform."""

from platform.accounts.models import Role


def can_manage_users(user, _obj=None):
    return user.is_authenticated and user.has_role(Role.ADMIN)


def can_change_role(user, target):
    """Admins change other people's roles, never their own."""
    return can_manage_users(user) and (target is None or target.id != user.id)


def can_manage_taxonomy(user, _obj=None):
    """Admins keep the reference data: themes and districts."""
    return user.is_authenticated and user.has_role(Role.ADMIN)

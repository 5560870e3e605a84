"""Who may administer the platform."""

from platform.roles import Role


def can_manage_users(user, _obj=None):
    return user.is_authenticated and user.has_role(Role.ADMIN)


def can_change_role(user, target):
    """Admins change other people's roles, never their own."""
    return can_manage_users(user) and (target is None or target.id != user.id)

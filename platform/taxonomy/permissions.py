"""Who may keep the reference data (DESIGN.md §2)."""

from platform.roles import Role


def can_manage_taxonomy(user, _obj=None):
    """Admins keep the reference data: themes and districts."""
    return user.is_authenticated and user.has_role(Role.ADMIN)

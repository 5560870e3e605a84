"""Who may do what with accounts."""


def can_manage_account(user, _account=None):
    """Change one's own settings and password: any signed-in account."""
    return user.is_authenticated

"""Who may read notifications: a signed-in account, its own only (`services.notification_for`)."""


def can_read_notifications(user, _obj=None):
    return user.is_authenticated

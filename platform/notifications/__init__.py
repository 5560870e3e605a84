"""Notifications: what happened to the problems, comments and experiments one cares about.

Features emit signals (`platform/signals.py`); the subscribers here turn them into
notifications, listed at `/notifications/` and e-mailed by `flask send-digests`.
"""

from flask import Blueprint, g
from flask_login import current_user

# cli_group=None: the command is `flask send-digests`, not `flask notifications send-digests`.
bp = Blueprint("notifications", __name__, template_folder="templates", cli_group=None)

from platform.account_data import Part, register_part
from platform.notifications import mail, models, routes, services, subscribers  # noqa: F401
from platform.notifications.commands import send_digests_command

bp.cli.add_command(send_digests_command)


@bp.record_once
def set_up(state):
    subscribers.connect()
    register_part(
        state.app,
        Part("notifications", services.export_account, services.erase_account, position=70),
    )
    mail.init_app(state.app)


@bp.app_template_global()
def unread_notifications():
    """The signed-in account's unread count for the header, counted once per request."""
    if "unread_notifications" not in g:
        g.unread_notifications = services.unread_count(current_user)
    return g.unread_notifications

"""Moderation: reports, automatic hiding, the queue, merges, suspensions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.moderation import account_data, models, routes, services  # noqa: F401
from platform.moderation.suspensions import refuse_suspended_contributions, suspension_notice
from platform.signals import problem_status_changed, role_changed

bp.before_app_request(refuse_suspended_contributions)
bp.add_app_template_global(suspension_notice)


@bp.record_once
def set_up(state):
    """The log records changes of stage and of role; the account-data part exports reports."""
    problem_status_changed.connect(services.on_status_changed)
    role_changed.connect(services.on_role_changed)
    register_part(state.app, account_data.PART)

"""Moderation: reports, automatic hiding, the queue, merges, suspensions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, template_folder="templates")

from platform.account_data import register_part
from platform.moderation import account_data, models, routes  # noqa: F401
from platform.moderation.suspensions import refuse_suspended_contributions, suspension_notice

bp.before_app_request(refuse_suspended_contributions)
bp.add_app_template_global(suspension_notice)


@bp.record_once
def set_up(state):
    register_part(state.app, account_data.PART)

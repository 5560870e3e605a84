"""Moderation: reports, automatic hiding, the queue, merges, suspensions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, template_folder="templates")

from platform.moderation import models, routes  # noqa: E402,F401
from platform.moderation.suspensions import (  # noqa: E402
    refuse_suspended_contributions,
    suspension_notice,
)

bp.before_app_request(refuse_suspended_contributions)
bp.add_app_template_global(suspension_notice)

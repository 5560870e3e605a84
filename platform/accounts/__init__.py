"""Accounts: registration, sign-in, settings and roles.

Each account names its district: the blueprint's set-up tells taxonomy, so that a district in use
is not deleted.
"""

from flask import Blueprint

# cli_group=None: the command is `flask create-user`, not `flask accounts create-user`.
bp = Blueprint("accounts", __name__, template_folder="templates", cli_group=None)

from platform.accounts import routes  # noqa: F401  (routes attach themselves to bp)
from platform.accounts.commands import create_user
from platform.accounts.models import User
from platform.taxonomy.models import District
from platform.taxonomy.services import Reference, register_reference

bp.cli.add_command(create_user)


@bp.record_once
def set_up(state):
    register_reference(state.app, Reference(District, User.district_id))

"""`flask create-user`: make an account from the command line (the first administrator)."""

import click
from flask.cli import with_appcontext

from platform.accounts.services import AccountError, register_account
from platform.extensions import db
from platform.roles import Role


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", "display_name", required=True, help="Name shown to others.")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.CITIZEN.value,
    show_default=True,
)
@click.password_option(help="Asked for when not given.")
def create_user(email, display_name, role, password):
    """Create an account with the given role."""
    try:
        user = register_account(email, display_name, password, accepted_terms=True, role=role)
    except AccountError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")

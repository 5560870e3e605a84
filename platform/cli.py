"""Commands under `flask --app app`: seed-demo, create-user, about (and `translate`, in i18n)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from platform.accounts.models import Role, User
from platform.extensions import db


def print_demo_accounts():
    from platform.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, _district in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:<10} {email}")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only seed a database that has no account yet.")
def seed_demo(if_empty):
    """Fill the database with believable demo content, in French."""
    from platform.accounts.demo import seed_accounts
    from platform.experiments.demo import seed_experiments
    from platform.ideas.demo import seed_problems
    from platform.moderation.demo import seed_moderation
    from platform.notifications.demo import seed_notifications
    from platform.prototypes.demo import seed_prototypes
    from platform.taxonomy.demo import seed_districts, seed_themes
    from platform.transparency.demo import spread_supports

    if if_empty and db.session.scalar(select(func.count()).select_from(User)):
        click.echo("The database already has accounts: no demo data added.")
    else:
        districts = seed_districts()
        themes = seed_themes()
        accounts = seed_accounts(districts)
        seed_problems(accounts, themes, districts)
        seed_prototypes(accounts)
        seed_experiments(accounts)
        seed_moderation(accounts)
        seed_notifications(accounts)
        spread_supports()
        db.session.commit()
        click.echo("Demo data is ready.")
    print_demo_accounts()


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
    from platform.accounts.services import AccountError, register_account

    try:
        user = register_account(email, display_name, password, accepted_terms=True, role=role)
    except AccountError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


@click.command("about")
@with_appcontext
def about():
    """Print what this installation runs on."""
    import platform.ideas  # noqa: F401  (the feature packages import under this name)

    click.echo(f"Python {platform.python_version()} on {platform.system()}")
    click.echo(f"Package: {platform.__file__}")
    click.echo(f"Database: {db.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"Languages: {', '.join(current_app.config['LANGUAGES'])}")
    click.echo(f"Features: {', '.join(sorted(current_app.blueprints))}")
    click.echo(f"Executable: {sys.executable}")


@click.group("search")
def search_commands():
    """Full-text search of problems."""


@search_commands.command("rebuild")
@with_appcontext
def rebuild_search():
    """Reindex every problem (after a bulk load or a restore)."""
    from platform.search import rebuild_search_index

    rebuild_search_index()
    db.session.commit()
    click.echo("Search index rebuilt.")


def init_app(app):
    for command in (seed_demo, create_user, about, search_commands):
        app.cli.add_command(command)

"""The demo content that `make run` shows: a year in the life of the platform, in French.

`flask --app app seed-demo` fills the database with accounts for every role (all with the
password DEMO_PASSWORD, printed on purpose), residents, problems, prototypes, experiments,
surveys, reports and notifications. Never run it on a production database.

One module per feature seeds that feature's content through its services, as people would have
created it, then dates it in the past; the French texts live apart, in the `*_text` modules. The
feature packages themselves hold no demo data.
"""

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.extensions import db


def init_app(app):
    """Register the `seed-demo` command."""
    app.cli.add_command(seed_demo)


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only seed a database that has no account yet.")
def seed_demo(if_empty):
    """Fill the database with believable demo content, in French."""
    if if_empty and db.session.scalar(select(func.count()).select_from(User)):
        click.echo("The database already has accounts: no demo data added.")
    else:
        seed_everything()
        db.session.commit()
        click.echo("Demo data is ready.")
    print_demo_accounts()


def seed_everything():
    """Add the demo content that is missing, feature by feature, from the lowest layer up."""
    # Imported here, not at the top: the web application never needs the demo data.
    from platform.demo.accounts import seed_accounts
    from platform.demo.experiments import seed_experiments
    from platform.demo.history import spread_supports
    from platform.demo.moderation import seed_moderation
    from platform.demo.notifications import seed_notifications
    from platform.demo.problems import seed_problems
    from platform.demo.prototypes import seed_prototypes
    from platform.demo.surveys import seed_surveys
    from platform.demo.taxonomy import seed_districts, seed_themes

    districts = seed_districts()
    themes = seed_themes()
    accounts = seed_accounts(districts)
    seed_problems(accounts, themes, districts)
    seed_prototypes(accounts)
    seed_experiments(accounts)
    seed_surveys(accounts)
    seed_moderation(accounts)
    seed_notifications(accounts)
    # Last, once every support exists where it ends up (a merge moves supports).
    spread_supports()


def print_demo_accounts():
    """List the demo accounts and their shared password, for the person who runs `make run`."""
    from platform.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, _district in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:<10} {email}")

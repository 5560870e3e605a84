"""Commands under `flask --app app`: about, search (and `translate`, in i18n).

Features add their own through their blueprint: `create-user` (accounts), `send-digests`
(notifications), `seed-demo` (the demo, `platform/demo/`).
"""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from platform.extensions import db


@click.command("about")
@with_appcontext
def about():
    """Print what this installation runs on."""
    # This package, found through the application rather than imported (cli sits below the
    # factory): it keeps the standard `platform` module's API.
    package = sys.modules[current_app.import_name]
    click.echo(f"Python {package.python_version()} on {package.system()}")
    click.echo(f"Package: {package.__file__}")
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
    for command in (about, search_commands):
        app.cli.add_command(command)

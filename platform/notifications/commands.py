"""`flask --app app send-digests`, run by cron (see README, "E-mail")."""

import click
from flask.cli import with_appcontext

from platform.notifications.mail import send_digests


@click.command("send-digests")
@with_appcontext
def send_digests_command():
    """E-mail what is due: immediate choices at once, daily digests every 24 hours."""
    sent = send_digests()
    click.echo(f"E-mails sent: {sent}")

"""Language choice, formatting helpers and the `flask translate` commands."""

from pathlib import Path
from urllib.parse import urlencode

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user

from platform.config import ROOT

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "es": "Español"}


class local_number:  # noqa: N801 - used like a function inside messages
    """A number written the reader's way ("10 000", "10,000") when the message is shown."""

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return format_decimal(self.value)


def select_locale():
    """Choose the locale: `?lang=`, then the session, the account, the browser, the default."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # commands speak the platform's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    for candidate in (request.args.get("lang"), session.get("locale")):
        if candidate in languages:
            return candidate
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def select_timezone():
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def remember_language():
    """Keep a language chosen with `?lang=` in the session and on the signed-in account."""
    lang = request.args.get("lang")
    if lang not in current_app.config["LANGUAGES"]:
        return
    session["locale"] = lang
    if current_user.is_authenticated and current_user.locale != lang:
        current_user.locale = lang


def url_with_language(code):
    """The current page's address in another language."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def init_app(app):
    app.before_request(remember_language)

    @app.context_processor
    def language_context():
        return {
            "current_locale": str(get_locale()),
            "language_names": LANGUAGE_NAMES,
            "url_with_language": url_with_language,
        }

    app.jinja_env.globals.update(
        format_date=format_date, format_datetime=format_datetime, format_number=format_decimal
    )
    app.cli.add_command(translate)


def _pybabel(*args):
    CommandLineInterface().run(["pybabel", *args])


POT = ROOT / "translations" / "messages.pot"
CATALOGS = ROOT / "translations"


@click.group()
def translate():
    """Extract, update and compile the message catalogs."""


@translate.command()
def extract():
    """Extract the messages of the code and templates into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "-k",
        "_nl:1,2",
        "-k",
        "lazy_ngettext:1,2",
        "--no-location",
        "--sort-output",
        "-o",
        str(POT),
        str(ROOT),
    )


@translate.command()
def update():
    """Extract, then merge new messages into every catalog."""
    extract.callback()
    _pybabel("update", "-i", str(POT), "-d", str(CATALOGS), "--no-fuzzy-matching")


@translate.command()
@click.argument("lang", required=False)
def compile(lang):  # noqa: A001 - the command's name
    """Compile the catalogs into .mo files (all of them, or LANG's)."""
    args = ["compile", "-d", str(CATALOGS)]
    if lang:
        args += ["-l", lang]
    _pybabel(*args)


def catalog_path(lang):
    return Path(CATALOGS) / lang / "LC_MESSAGES" / "messages.po"

"""Every message is translated in French and Spanish; the language follows the visitor."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from platform.config import ROOT

CATALOG_LANGUAGES = ["fr", "es"]


def load_catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory):
    """The message ids found in the code and templates now (not as last extracted)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "_nl:1,2",
            "-k",
            "lazy_ngettext:1,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    return {message.id for message in load_catalog(pot) if message.id}


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_every_message_has_a_translation(source_messages, lang):
    catalog = load_catalog(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    missing = []
    for message_id in source_messages:
        message = catalog.get(message_id if isinstance(message_id, str) else message_id[0])
        strings = (
            message.string
            if message and isinstance(message.string, tuple)
            else ((message.string,) if message else ())
        )
        if not message or message.fuzzy or not strings or not all(strings):
            missing.append(message_id)
    assert not missing, f"{lang}: untranslated messages: {missing}"


def test_source_messages_were_extracted(source_messages):
    assert "Sign in" in source_messages
    assert len(source_messages) > 100


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_translations_keep_their_placeholders(lang):
    catalog = load_catalog(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    errors = [(message.id, error) for message, error in catalog.check() if error]
    assert not errors


@pytest.mark.parametrize(
    ("lang", "sign_in"), [("fr", "Se connecter"), ("en", "Sign in"), ("es", "Iniciar sesión")]
)
def test_home_page_in_each_language(client, lang, sign_in):
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert sign_in in page


def test_default_language_is_french(client):
    assert '<html lang="fr">' in client.get("/").get_data(as_text=True)


def test_browser_language_is_used_when_nothing_was_chosen(client):
    page = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert '<html lang="es">' in page.get_data(as_text=True)


def test_chosen_language_is_remembered_in_the_session(client):
    client.get("/?lang=en")
    page = client.get("/", headers={"Accept-Language": "es"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    assert '<html lang="fr">' in client.get("/?lang=xx").get_data(as_text=True)


def test_account_language_is_used_and_a_new_choice_is_saved_on_it(
    app, client, auth, make_user, fetch
):
    from platform.accounts.models import User

    user = make_user(locale="es")
    auth.login(user)
    assert '<html lang="es">' in client.get("/").get_data(as_text=True)
    client.get("/?lang=en")
    assert fetch(lambda s: s.get(User, user.id)).locale == "en"


def test_language_switcher_links_keep_the_page(client):
    page = client.get("/auth/login?next=/account/").get_data(as_text=True)
    assert 'href="/auth/login?next=%2Faccount%2F&amp;lang=es" lang="es" hreflang="es"' in page
    assert 'aria-current="true">Français' in page


def test_dates_and_numbers_follow_the_locale(app):
    from datetime import UTC, datetime

    from flask_babel import force_locale, format_date, format_decimal

    moment = datetime(2026, 7, 14, 10, 0, tzinfo=UTC)
    with app.test_request_context():
        with force_locale("fr"):
            assert format_date(moment, "long") == "14 juillet 2026"
            assert format_decimal(1234567.5) == "1\u202f234\u202f567,5"
        with force_locale("es"):
            assert format_date(moment, "long") == "14 de julio de 2026"
        with force_locale("en"):
            assert format_date(moment, "long") == "July 14, 2026"

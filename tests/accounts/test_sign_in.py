"""Signing in and out: a new session each time, no clue about which addresses exist."""

import re

from platform.accounts.models import User
from tests.conftest import PASSWORD
from tests.support.pages import text

WRONG = "L'adresse e-mail ou le mot de passe est incorrect."


def session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_sign_in_with_right_password_opens_a_session(client, auth, citizen, fetch):
    response = auth.login(citizen)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert citizen.display_name in client.get("/").get_data(as_text=True)
    stored = fetch(lambda s: s.get(User, citizen.id))
    assert stored.last_sign_in_at is not None


def test_sign_in_email_is_case_insensitive(client, auth, citizen):
    assert auth.login(citizen.email.upper()).status_code == 302


def test_wrong_password_and_unknown_address_get_the_same_answer(client, auth, citizen):
    wrong_password = auth.login(citizen, "not the password at all")
    unknown = auth.login("nobody-here@example.org", "not the password at all")
    assert wrong_password.status_code == unknown.status_code == 400
    assert WRONG in text(wrong_password)
    assert WRONG in text(unknown)
    # The pages differ only by their per-request CSRF token and the address echoed back.
    strip = re.compile(r'(value|content)="[^"]*"')
    assert strip.sub("", wrong_password.get_data(as_text=True)) == strip.sub(
        "", unknown.get_data(as_text=True)
    )


def test_unknown_address_still_spends_a_password_check(monkeypatch, auth):
    """Timing: a missing account costs one hash check, like a wrong password does."""
    import platform.accounts.models as models

    checks = []
    real = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", lambda h, p: checks.append(h) or real(h, p))
    auth.login("nobody-here@example.org", "whatever password")
    assert len(checks) == 1
    assert checks[0].startswith("scrypt:")


def test_sign_in_renews_the_session(client, auth, citizen):
    client.get("/")
    before = client.get_cookie("session").value
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login(citizen)
    with client.session_transaction() as session:
        assert "planted" not in session
    assert session_cookie(client) != before


def test_sign_in_keeps_the_chosen_language(client, auth, citizen):
    client.get("/?lang=es")
    auth.login(citizen)
    assert '<html lang="es">' in client.get("/").get_data(as_text=True)


def test_sign_in_returns_to_a_local_next_page_only(client, auth, citizen):
    data = {"email": citizen.email, "password": PASSWORD}
    local = client.post("/auth/login", data={**data, "next": "/account/"})
    assert local.headers["Location"] == "/account/"
    auth.logout()
    for target in ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]:
        response = client.post("/auth/login", data={**data, "next": target})
        assert response.headers["Location"] == "/", target
        auth.logout()


def test_protected_page_sends_visitor_to_sign_in_and_back(client, auth, citizen):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=/account/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/account/"' in page


def test_missing_fields_are_reported(client):
    response = client.post("/auth/login", data={"email": "", "password": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Saisissez votre adresse e-mail." in page
    assert "Saisissez votre mot de passe." in page


def test_sign_out_is_a_post_and_ends_the_session(client, auth, citizen):
    auth.login(citizen)
    assert client.get("/auth/logout").status_code == 405
    assert citizen.display_name in client.get("/").get_data(as_text=True)
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/account/").status_code == 302


def test_sign_out_without_csrf_token_keeps_the_session(client, auth, citizen):
    auth.login(citizen)
    response = client.post("/auth/logout", csrf=False)
    assert response.status_code == 400
    assert client.get("/account/").status_code == 200


def test_session_cookie_is_httponly_and_samesite_lax(client, citizen):
    client.get("/")
    data = {"email": citizen.email, "password": PASSWORD, "csrf_token": client.csrf_token()}
    response = client.post("/auth/login", data=data, csrf=False)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development serves plain http://127.0.0.1


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    from platform.config import settings_from_environment

    monkeypatch.setenv("APP_ENV", "production")
    settings = settings_from_environment(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True
    assert settings["HSTS_ENABLED"] is True

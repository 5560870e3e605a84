"""Registration: an account is created only from valid input, with consent, never twice."""

from sqlalchemy import func, select

from platform.accounts.models import User
from platform.roles import Role
from tests.conftest import PASSWORD
from tests.support.pages import text

GOOD = {
    "email": "Ines.Garcia@Example.org ",
    "display_name": "Inès Garcia",
    "password": "velo tram boulangerie",
    "terms": "y",
}


def count_users(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(User)))


def test_register_creates_citizen_account_and_signs_in(client, fetch):
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 302
    user = fetch(lambda s: s.scalar(select(User).where(User.email == "ines.garcia@example.org")))
    assert user.display_name == "Inès Garcia"
    assert user.role is Role.CITIZEN
    assert user.accepted_terms_at is not None
    assert user.password_hash.startswith("scrypt:")
    assert "velo" not in user.password_hash
    home = client.get("/")
    assert "Inès Garcia" in home.get_data(as_text=True)


def test_register_refuses_duplicate_email_whatever_its_case(client, citizen, fetch):
    before = count_users(fetch)
    response = client.post("/auth/register", data={**GOOD, "email": citizen.email.upper()})
    assert response.status_code == 400
    assert "Un compte existe déjà avec cette adresse e-mail" in response.get_data(as_text=True)
    assert count_users(fetch) == before


def test_register_refuses_weak_passwords(client, fetch):
    cases = {
        "court": "au moins 10 caractères",
        "motdepasse123": "trop courant",
        "ines.garcia-2026": "ni votre adresse e-mail ni votre nom",
        "aaaaabbbbbaaaaa": "plus variés",
    }
    for password, message in cases.items():
        response = client.post("/auth/register", data={**GOOD, "password": password})
        assert response.status_code == 400, password
        assert message in response.get_data(as_text=True), password
    assert count_users(fetch) == 0


def test_register_requires_consent_to_the_terms(client, fetch):
    data = {key: value for key, value in GOOD.items() if key != "terms"}
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert "accepter les conditions d'utilisation" in text(response)
    assert count_users(fetch) == 0


def test_register_refuses_malformed_and_overlong_fields(client, fetch):
    for field, value in [
        ("email", "pas-une-adresse"),
        ("email", ""),
        ("display_name", ""),
        ("display_name", "x" * 81),
        ("password", ""),
    ]:
        response = client.post("/auth/register", data={**GOOD, field: value})
        assert response.status_code == 400, (field, value)
        assert 'class="error-summary"' in response.get_data(as_text=True)
    assert count_users(fetch) == 0


def test_register_errors_are_linked_from_the_summary_to_the_field(client):
    page = client.post("/auth/register", data={**GOOD, "email": "nope"}).get_data(as_text=True)
    assert '<a href="#email">' in page
    assert 'aria-describedby="email-hint email-error"' in page
    assert 'aria-invalid="true"' in page


def test_register_errors_are_translated_in_spanish(client):
    page = client.post("/auth/register?lang=es", data={**GOOD, "password": "corto"})
    assert "al menos 10 caracteres" in page.get_data(as_text=True)


def test_register_without_csrf_token_is_refused_and_creates_nothing(client, fetch):
    response = client.post("/auth/register", data=GOOD, csrf=False)
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)
    assert count_users(fetch) == 0


def test_signed_in_account_is_sent_home_from_register(client, auth, citizen):
    auth.login(citizen)
    assert client.get("/auth/register").status_code == 302


def test_test_password_is_strong_enough_for_the_rules():
    from platform.accounts.services import check_password_strength

    check_password_strength(PASSWORD, "someone@example.org", "Someone")

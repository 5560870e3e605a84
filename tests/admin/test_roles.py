"""Admins change other accounts' roles; nobody else can, and nobody changes their own."""

import pytest

from platform.accounts.models import User
from platform.roles import Role
from tests.support.pages import text


def role_of(fetch, user):
    return fetch(lambda s: s.get(User, user.id)).role


def test_admin_lists_accounts_and_finds_them(client, auth, admin, make_user):
    someone = make_user(display_name="Jeanne Dupont")
    auth.login(admin)
    page = text(client.get("/admin/users"))
    assert "Jeanne Dupont" in page and someone.email in page
    found = text(client.get("/admin/users?q=dupont"))
    assert "Jeanne Dupont" in found
    assert admin.display_name not in found.split("<main")[1]


def test_admin_changes_a_role(client, auth, admin, citizen, fetch):
    auth.login(admin)
    response = client.post(f"/admin/users/{citizen.id}/role", data={"role": "agent"})
    assert response.status_code == 302
    assert role_of(fetch, citizen) is Role.AGENT
    assert "Agent de la ville" in text(client.get(response.headers["Location"]))


def test_role_change_takes_effect_for_the_account(client, app, auth, admin, citizen):
    auth.login(admin)
    client.post(f"/admin/users/{citizen.id}/role", data={"role": "admin"})
    other = app.test_client()
    from tests.conftest import AuthActions

    AuthActions(other).login(citizen)
    assert other.get("/admin/users").status_code == 200


def test_admin_cannot_change_own_role(client, auth, admin, fetch):
    auth.login(admin)
    response = client.post(f"/admin/users/{admin.id}/role", data={"role": "citizen"})
    assert response.status_code == 403
    assert role_of(fetch, admin) is Role.ADMIN


def test_unknown_role_is_refused_with_a_message(client, auth, admin, citizen, fetch):
    auth.login(admin)
    response = client.post(f"/admin/users/{citizen.id}/role", data={"role": "emperor"})
    assert response.status_code == 400
    assert "Choisissez l'une des options de la liste." in text(response)
    assert role_of(fetch, citizen) is Role.CITIZEN


def test_role_change_of_missing_account_is_404(client, auth, admin):
    auth.login(admin)
    assert client.post("/admin/users/999999/role", data={"role": "agent"}).status_code == 404


def test_role_change_without_csrf_token_changes_nothing(client, auth, admin, citizen, fetch):
    auth.login(admin)
    response = client.post(f"/admin/users/{citizen.id}/role", data={"role": "agent"}, csrf=False)
    assert response.status_code == 400
    assert role_of(fetch, citizen) is Role.CITIZEN


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.AGENT, Role.MODERATOR])
def test_only_admins_change_roles(client, auth, make_user, citizen, fetch, role):
    auth.login(make_user(role))
    assert client.get("/admin/users").status_code == 403
    response = client.post(f"/admin/users/{citizen.id}/role", data={"role": "admin"})
    assert response.status_code == 403
    assert role_of(fetch, citizen) is Role.CITIZEN


def test_visitor_is_sent_to_sign_in(client, citizen, fetch):
    assert client.get("/admin/users").headers["Location"].startswith("/auth/login")
    response = client.post(f"/admin/users/{citizen.id}/role", data={"role": "admin"})
    assert response.status_code == 302
    assert role_of(fetch, citizen) is Role.CITIZEN


def test_admin_menu_shown_to_admins_only(client, auth, admin, moderator):
    auth.login(moderator)
    assert "/admin/users" not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login(admin)
    assert "/admin/users" in client.get("/").get_data(as_text=True)

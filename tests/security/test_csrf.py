"""Every state-changing route refuses a request without a valid CSRF token."""

import pytest

from platform.roles import Role

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def changing_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.methods & CHANGING]


def sample_url(rule):
    """Fill the rule's variables with plausible values."""
    values = {name: 1 for name in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def test_the_walk_finds_the_forms(app):
    endpoints = {rule.endpoint for rule in changing_rules(app)}
    assert {"accounts.login", "accounts.register", "accounts.logout", "admin.set_role"} <= endpoints


@pytest.mark.parametrize("as_role", [None, Role.ADMIN])
@pytest.mark.parametrize("token", [None, "forged-token"])
def test_every_changing_route_refuses_a_missing_or_wrong_token(
    app, client, auth, make_user, as_role, token
):
    if as_role:
        auth.login(make_user(as_role))
    for rule in changing_rules(app):
        for method in sorted(rule.methods & CHANGING):
            data = {} if token is None else {"csrf_token": token}
            response = client.open(sample_url(rule), method=method, data=data)
            assert response.status_code == 400, (rule.rule, method)
            assert "Le formulaire a expiré" in response.get_data(as_text=True), rule.rule

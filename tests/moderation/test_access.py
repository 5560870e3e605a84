"""Only moderators and admins reach the queue, the log and the actions."""

import pytest

from platform.roles import Role

PAGES = [("GET", "/moderation/"), ("GET", "/moderation/log")]
ACTIONS = [
    ("POST", "/moderation/hide"),
    ("POST", "/moderation/restore"),
    ("POST", "/moderation/dismiss"),
    ("POST", "/moderation/bulk"),
    ("POST", "/moderation/ideas/{problem}/publish"),
    ("POST", "/moderation/ideas/{problem}/merge"),
    ("GET", "/moderation/accounts/{user}/suspend"),
    ("POST", "/moderation/accounts/{user}/suspend"),
    ("POST", "/moderation/accounts/{user}/unsuspend"),
]


def test_every_moderation_route_is_in_this_matrix(app):
    routes = {
        rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("moderation.")
    }
    listed = {
        path.replace("{problem}", "<int:problem_id>").replace("{user}", "<int:user_id>")
        for _method, path in PAGES + ACTIONS
    } | {"/moderation/report"}
    assert routes == listed


@pytest.mark.parametrize(("method", "path"), PAGES + ACTIONS)
@pytest.mark.parametrize("role", [None, Role.CITIZEN, Role.AGENT, Role.MODERATOR, Role.ADMIN])
def test_access(client, auth, make_user, make_problem, method, path, role):
    target = make_user()
    problem = make_problem()
    path = path.format(problem=problem.id, user=target.id)
    if role is not None:
        auth.login(make_user(role))
    response = client.get(path) if method == "GET" else client.post(path, data={})
    if role is None:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")
    elif role in (Role.CITIZEN, Role.AGENT):
        assert response.status_code == 403
    else:
        assert response.status_code not in (302, 403), response.status_code
        assert response.status_code in (200, 400)


def test_reporting_needs_an_account(client, make_problem):
    problem = make_problem()
    response = client.post(
        "/moderation/report",
        data={"target_type": "idea", "target_id": problem.id, "reason": "spam"},
    )
    assert response.headers["Location"].startswith("/auth/login")

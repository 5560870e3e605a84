"""Who may do what with a problem, for every role and every status (DESIGN.md §2 and §3).

The expected table is written out here, independently of the predicates, and checked twice:
against the predicates themselves, and through the routes.
"""

import pytest

from platform.accounts.models import AnonymousUser
from platform.comments.permissions import can_comment
from platform.ideas.models import ProblemStatus
from platform.ideas.permissions import (
    can_change_problem_status,
    can_edit_problem,
    can_propose_problem,
    can_support_problem,
    can_withdraw_problem,
)
from platform.roles import Role

ACTORS = ["visitor", "citizen", "author", "agent", "moderator", "admin"]
ACTIONS = ["propose", "edit", "withdraw", "support", "comment", "change_status"]
S = ProblemStatus
OPEN_TO_SUPPORT = {S.PROPOSED, S.SELECTED, S.PROTOTYPING, S.EXPERIMENTING, S.ADOPTED}
OPEN_TO_COMMENTS = OPEN_TO_SUPPORT | {S.NOT_RETAINED}
MOVABLE = {S.PROPOSED, S.SELECTED, S.PROTOTYPING, S.EXPERIMENTING}
EDITABLE = {S.PENDING, S.PROPOSED}


def expected(actor, status, action):
    signed_in = actor != "visitor"
    lab = actor in {"agent", "moderator", "admin"}
    return {
        "propose": signed_in,
        "edit": actor == "author" and status in EDITABLE,
        "withdraw": actor == "author" and status in EDITABLE,
        "support": signed_in and status in OPEN_TO_SUPPORT,
        "comment": signed_in and status in OPEN_TO_COMMENTS,
        "change_status": lab and status in MOVABLE,
    }[action]


def can_see(actor, status):
    return status is not S.PENDING or actor in {"author", "moderator", "admin"}


PREDICATES = {
    "propose": lambda user, problem: can_propose_problem(user),
    "edit": can_edit_problem,
    "withdraw": can_withdraw_problem,
    "support": can_support_problem,
    "comment": can_comment,
    "change_status": can_change_problem_status,
}


@pytest.fixture
def actors(make_user):
    author = make_user(Role.CITIZEN)
    return {
        "visitor": AnonymousUser(),
        "citizen": make_user(Role.CITIZEN),
        "author": author,
        "agent": make_user(Role.AGENT),
        "moderator": make_user(Role.MODERATOR),
        "admin": make_user(Role.ADMIN),
    }


@pytest.mark.parametrize("status", list(ProblemStatus))
def test_predicates_match_the_table(app, actors, make_problem, status):
    problem = make_problem(author=actors["author"], status=status)
    with app.test_request_context():
        table = {
            (actor, action): PREDICATES[action](user, problem)
            for actor, user in actors.items()
            for action in ACTIONS
        }
    assert table == {
        (actor, action): expected(actor, status, action) for actor in ACTORS for action in ACTIONS
    }


def request_for(action, problem, theme):
    form = {"title": "Un titre", "description": "Une description.", "theme": str(theme.id)}
    return {
        "propose": ("/ideas/new", {**form, "district": "0", "similar_checked": "1"}),
        "edit": (f"/ideas/{problem.id}/edit", {**form, "district": "0"}),
        "withdraw": (f"/ideas/{problem.id}/withdraw", {}),
        "support": (f"/ideas/{problem.id}/support", {"state": "on"}),
        "comment": (f"/ideas/{problem.id}/comments", {"body": "Un commentaire."}),
        "change_status": (
            f"/ideas/{problem.id}/status",
            {"status": "not_retained", "note": "Une note publique."},
        ),
    }[action]


@pytest.mark.parametrize("status", list(ProblemStatus))
@pytest.mark.parametrize("actor", ACTORS)
def test_routes_match_the_table(client, auth, actors, make_problem, theme, actor, status):
    if actor != "visitor":
        auth.login(actors[actor])
    for action in ACTIONS:
        problem = make_problem(author=actors["author"], status=status)
        path, data = request_for(action, problem, theme)
        response = client.post(path, data=data)
        if expected(actor, status, action):
            assert response.status_code == 302, (action, response.status_code)
            assert "/auth/login" not in response.headers["Location"], action
        elif actor == "visitor":
            assert response.status_code in (302, 404), action
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/auth/login"), action
        elif action != "propose" and not can_see(actor, status):
            assert response.status_code == 404, action
        else:
            assert response.status_code == 403, (action, response.status_code)

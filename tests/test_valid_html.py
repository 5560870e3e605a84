"""Pages are well-formed HTML: no parse error in the WHATWG algorithm, no duplicate id."""

import re
from collections import Counter

import html5lib
import pytest

from platform.ideas.models import ProblemStatus
from platform.prototypes.models import PrototypeStatus


def problems(response):
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(response.get_data())
    ids = re.findall(r'\sid="([^"]+)"', response.get_data(as_text=True))
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    return [str(error[1]) for error in parser.errors] + [f"duplicate id {d}" for d in duplicates]


@pytest.fixture
def pages(app, make_problem, add_comments, make_user, agent):
    from tests.prototypes.conftest import QUESTIONS  # noqa: F401  (same question shapes)

    problem = make_problem(status=ProblemStatus.SELECTED)
    add_comments(problem, [make_user(), make_user()], 6)
    from platform.extensions import db
    from platform.ideas.models import Problem
    from platform.prototypes import services

    with app.test_request_context():
        prototype = services.create_prototype(
            agent, db.session.get(Problem, problem.id), title="P", summary="S", description="D",
            questions=[("Q ?", "scale"), ("Et ?", "text")],
        )  # fmt: skip
        services.publish_prototype(agent, prototype)
        db.session.commit()
        prototype_id = prototype.id
    assert PrototypeStatus.OPEN
    return [
        "/", "/ideas/", f"/ideas/{problem.id}", "/ideas/new", "/prototypes/",
        f"/prototypes/{prototype_id}", "/experiments/", "/stats", "/terms", "/accessibility",
        "/auth/login", "/auth/register", "/account/", "/account/password", "/missing",
        f"/prototypes/{prototype_id}/versions/new", f"/experiments/new?idea={problem.id}",
    ]  # fmt: skip


@pytest.mark.parametrize("role", [None, "agent", "moderator", "admin"])
def test_pages_are_well_formed(client, auth, make_user, pages, role):
    if role:
        auth.login(make_user(role))
    extra = {
        "moderator": ["/moderation/", "/moderation/log"],
        "admin": ["/admin/users", "/admin/themes", "/admin/districts"],
    }.get(role, [])
    found = {}
    for path in pages + extra:
        response = client.get(path)
        if response.mimetype == "text/html":
            errors = problems(response)
            if errors:
                found[path] = errors
    assert found == {}

"""Hostile text in every text field is shown as text: no script runs, no markup gets through;
and no form sends a visitor to another site."""

from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from platform.ideas.models import Problem, ProblemStatus
from platform.prototypes.models import Prototype

PAYLOADS = [
    "<script>alert('x1')</script>",
    "\"><img src=x onerror=alert('x2')>",
    "<svg/onload=alert('x3')>",
    "[clic](javascript:alert('x4'))",
    "{{ 7 * 7 }}x5",
    "<a href=\"javascript:alert('x6')\">lien</a>",
]
CORPUS = " ".join(PAYLOADS)


class Scanner(HTMLParser):
    """Collects what would run in a browser: scripts, event handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.dangers = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src") != "/static/js/enhance.js":
            self.dangers.append(("script", attrs))
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append((tag, name))
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.dangers.append((tag, name, value))


def assert_inert(response):
    html = response.get_data(as_text=True)
    scanner = Scanner()
    scanner.feed(html)
    assert scanner.dangers == []
    assert "49x5" not in html  # no template evaluation of what people typed


@pytest.fixture
def published(app, client, auth, make_user, theme, agent, fetch):
    """The corpus typed into every text field a person can fill, then pages that show them."""
    author = make_user(display_name=PAYLOADS[1][:80])
    auth.login(author)
    client.post(
        "/ideas/new",
        data={"title": CORPUS[:150], "description": CORPUS, "theme": theme.id, "district": 0,
              "similar_checked": "1"},
    )  # fmt: skip
    problem = fetch(lambda s: s.scalar(select(Problem)))
    client.post(f"/ideas/{problem.id}/comments", data={"body": CORPUS})
    auth.logout()
    with app.app_context():
        from platform.extensions import db

        db.session.get(Problem, problem.id).status = ProblemStatus.SELECTED
        db.session.commit()
    auth.login(agent)
    questions = {f"questions-{n}-text": "" for n in range(5)} | {
        f"questions-{n}-kind": "text" for n in range(5)
    }  # fmt: skip
    client.post(
        f"/prototypes/new?idea={problem.id}",
        data={"title": CORPUS[:150], "summary": CORPUS[:300], "description": CORPUS,
              **questions, "questions-0-text": CORPUS[:300], "action": "publish"},
    )  # fmt: skip
    prototype = fetch(lambda s: s.scalar(select(Prototype)))
    client.post(
        f"/experiments/new?idea={problem.id}",
        data={"method": "workshop", "title": CORPUS[:150], "description": CORPUS,
              "involvement": CORPUS, "location": CORPUS[:300], "starts_at": "2031-01-01T10:00",
              "ends_at": "2031-01-01T12:00", "capacity": "5", "prototype_version_id": "0"},
    )  # fmt: skip
    auth.logout()
    auth.login(author)
    question = fetch(lambda s: s.scalar(select(Prototype.id)))
    from platform.prototypes.models import Question

    question_id = fetch(lambda s: s.scalar(select(Question.id)))
    client.post(
        f"/prototypes/{prototype.id}/feedback",
        data={"rating": "3", f"q-{question_id}": CORPUS, "comment": CORPUS},
    )
    auth.logout()
    assert question
    from platform.experiments.models import Experiment

    experiment_id = fetch(lambda s: s.scalar(select(Experiment.id)))
    return problem, prototype, experiment_id


def test_every_page_showing_the_corpus_is_inert(client, auth, published, moderator, admin):
    problem, prototype, experiment_id = published
    pages = [
        "/ideas/", f"/ideas/{problem.id}", "/prototypes/", f"/prototypes/{prototype.id}",
        "/experiments/",
    ]  # fmt: skip
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response)
    page = client.get(f"/ideas/{problem.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x1&#39;)&lt;/script&gt;" in page  # shown, as text
    auth.login(moderator)
    for path in ("/moderation/", f"/experiments/{experiment_id}", "/moderation/log"):
        response = client.get(path)
        assert response.status_code == 200, path  # the draft experiment: the lab sees it
        assert_inert(response)
    auth.logout()
    auth.login(admin)
    assert_inert(client.get("/admin/users"))


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_forms_never_redirect_to_another_site(client, auth, citizen, make_problem, target):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/support", data={"state": "on", "back": target})
    assert response.headers["Location"] == f"/ideas/{problem.id}"
    response = client.post(
        "/moderation/report",
        data={"target_type": "idea", "target_id": problem.id, "reason": "spam", "back": target},
    )
    assert response.headers["Location"] == "/"
    auth.logout()
    response = client.post(
        "/auth/login", data={"email": citizen.email, "password": "correct horse battery",
                             "next": target},
    )  # fmt: skip
    assert response.headers["Location"] == "/"

"""Anti-spam: a honeypot field on public forms, and a daily allowance for new accounts."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.ideas.models import Problem
from tests.support.pages import text

FILLED = "https://cheap-watches.example.com"
REFUSED = "Your message could not be sent. Please try again."


@pytest.fixture
def app_config():
    return {"NEW_ACCOUNT_CONTRIBUTIONS": 2}


def count(fetch, model):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model)))


@pytest.fixture
def problem_form(theme):
    return {
        "title": "Les horaires des bus sont illisibles aux arrêts",
        "description": "Les fiches horaires sont trop petites et souvent effacées.",
        "theme": str(theme.id),
        "district": "0",
        "similar_checked": "1",
    }


def comment(client, problem, body="Même constat dans mon quartier."):
    return client.post(f"/ideas/{problem.id}/comments", data={"body": body})


# Honeypot ------------------------------------------------------------------------------------


def test_the_honeypot_is_out_of_reach_of_people(client):
    page = text(client.get("/auth/register?lang=en"))
    assert '<div class="honeypot">' in page
    assert '<label for="website">Leave this field empty</label>' in page
    field = page[page.index('id="website"') - 200 : page.index('id="website"') + 200]
    assert 'autocomplete="off"' in field
    assert 'tabindex="-1"' in field
    assert 'value=""' in field


def test_a_robot_filling_the_honeypot_cannot_register(client, fetch):
    before = count(fetch, User)
    response = client.post(
        "/auth/register?lang=en",
        data={
            "email": "robot@example.org",
            "display_name": "Robot",
            "password": "velo tram boulangerie",
            "terms": "y",
            "website": FILLED,
        },
    )
    assert response.status_code == 400
    assert REFUSED in text(response)
    assert FILLED not in text(response)  # shown empty again, so a person can send the form
    assert count(fetch, User) == before


def test_a_robot_filling_the_honeypot_cannot_propose(client, auth, citizen, problem_form, fetch):
    auth.login(citizen)
    response = client.post("/ideas/new?lang=en", data={**problem_form, "website": FILLED})
    assert response.status_code == 400
    assert REFUSED in text(response)
    assert count(fetch, Problem) == 0


def test_a_robot_filling_the_honeypot_cannot_comment(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(
        f"/ideas/{problem.id}/comments?lang=en", data={"body": "Achetez.", "website": FILLED}
    )
    assert response.status_code == 400
    assert REFUSED in text(response)
    assert count(fetch, Comment) == 0


def test_an_empty_honeypot_lets_a_comment_through(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/comments", data={"body": "Oui.", "website": ""})
    assert response.status_code == 302
    assert count(fetch, Comment) == 1


# New accounts --------------------------------------------------------------------------------


def test_a_new_account_gets_429_beyond_its_daily_allowance(
    client, auth, citizen, make_problem, fetch
):
    problem = make_problem()
    auth.login(citizen)
    assert [comment(client, problem).status_code for _ in range(2)] == [302, 302]
    response = client.post(f"/ideas/{problem.id}/comments?lang=en", data={"body": "Encore."})
    assert response.status_code == 429
    assert "Too many attempts" in text(response)
    assert count(fetch, Comment) == 2


def test_the_allowance_counts_every_kind_of_contribution(
    client, auth, citizen, make_problem, problem_form, fetch
):
    problem = make_problem()
    auth.login(citizen)
    assert client.post("/ideas/new", data=problem_form).status_code == 302
    assert comment(client, problem).status_code == 302
    assert client.post("/ideas/new", data=problem_form).status_code == 429


def test_a_refused_form_does_not_use_the_allowance(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    assert comment(client, problem, body="").status_code == 400
    assert [comment(client, problem).status_code for _ in range(2)] == [302, 302]


def test_an_older_account_has_no_such_allowance(client, auth, make_user, make_problem, fetch):
    older = make_user(created_at=utcnow() - timedelta(days=2))
    problem = make_problem()
    auth.login(older)
    assert [comment(client, problem).status_code for _ in range(4)] == [302] * 4
    assert count(fetch, Comment) == 4


def test_an_account_is_new_for_its_first_24_hours(client, auth, make_user, make_problem):
    recent = make_user(created_at=utcnow() - timedelta(hours=23))
    problem = make_problem()
    auth.login(recent)
    assert [comment(client, problem).status_code for _ in range(3)] == [302, 302, 429]

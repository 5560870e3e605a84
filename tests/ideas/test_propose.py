"""Proposing a problem: valid input only, similar problems shown first, pre-moderation."""

import pytest
from sqlalchemy import func, select

from platform.ideas.models import Follow, Problem, ProblemStatus
from tests.support.pages import text


def count_problems(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(Problem)))


@pytest.fixture
def form(theme, district):
    return {
        "title": "Les horaires des bus sont illisibles aux arrêts",
        "description": "Les fiches horaires sont **trop petites** et souvent effacées.",
        "theme": str(theme.id),
        "district": str(district.id),
    }


def test_proposing_publishes_the_problem_and_follows_it(client, auth, citizen, form, fetch):
    auth.login(citizen)
    response = client.post("/ideas/new", data=form)
    assert response.status_code == 302
    problem = fetch(lambda s: s.scalar(select(Problem)))
    assert response.headers["Location"] == f"/ideas/{problem.id}"
    assert (problem.title, problem.status) == (form["title"], ProblemStatus.PROPOSED)
    assert problem.author_id == citizen.id
    assert problem.followers_count == 1
    assert fetch(lambda s: s.scalar(select(func.count()).select_from(Follow))) == 1
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "<strong>trop petites</strong>" in page
    assert "Votre problème est publié." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Donnez un titre à votre problème."),
        ("title", "x" * 151, "Saisissez 150 caractères au maximum."),
        ("description", "", "Décrivez le problème."),
        ("description", "x" * 10_001, "Saisissez 10000 caractères au maximum."),
        ("theme", "99999", "Choisissez l'une des options de la liste."),
        ("theme", "0", "Choisissez l'un des thèmes de la liste."),
        ("theme", "abc", "Choisissez l'une des options de la liste."),
        ("district", "99999", "Choisissez l'une des options de la liste."),
    ],
)
def test_bad_input_is_refused_with_a_message(
    client, auth, citizen, form, fetch, field, value, message
):
    auth.login(citizen)
    response = client.post("/ideas/new", data={**form, field: value})
    assert response.status_code == 400
    assert message in text(response)
    assert count_problems(fetch) == 0


def test_visitor_is_asked_to_sign_in(client, form, fetch):
    assert client.get("/ideas/new").headers["Location"].startswith("/auth/login")
    assert client.post("/ideas/new", data=form).status_code == 302
    assert count_problems(fetch) == 0


def test_similar_problems_are_shown_before_publishing(
    client, auth, citizen, form, make_problem, fetch
):
    existing = make_problem(title="Horaires de bus illisibles à l'arrêt Gare")
    make_problem(title="Trop de déchets au parc")
    auth.login(citizen)
    response = client.post("/ideas/new", data=form)
    assert response.status_code == 200
    page = text(response)
    assert "Des problèmes semblables existent déjà" in page
    assert existing.title in page
    assert "Trop de déchets" not in page
    assert f'action="/ideas/{existing.id}/support"' in page
    assert count_problems(fetch) == 2

    # Going on publishes it, with what was typed kept.
    response = client.post("/ideas/new", data={**form, "similar_checked": "1"})
    assert response.status_code == 302
    assert count_problems(fetch) == 3


def test_supporting_a_similar_problem_instead(client, auth, citizen, form, make_problem, fetch):
    existing = make_problem(title="Horaires de bus illisibles à l'arrêt Gare")
    auth.login(citizen)
    client.post("/ideas/new", data=form)
    response = client.post(f"/ideas/{existing.id}/support", data={"state": "on"})
    assert response.status_code == 302
    assert fetch(lambda s: s.get(Problem, existing.id)).supports_count == 1
    assert count_problems(fetch) == 1


@pytest.fixture
def app_config(request):
    return {"PRE_MODERATION": True} if "premoderation" in request.keywords else {}


@pytest.mark.premoderation
def test_with_pre_moderation_a_problem_waits_unseen(
    client, app, auth, citizen, moderator, make_user, form, fetch
):
    auth.login(citizen)
    response = client.post("/ideas/new", data=form)
    problem = fetch(lambda s: s.scalar(select(Problem)))
    assert problem.status is ProblemStatus.PENDING
    assert "une fois qu'un modérateur l'aura lu" in text(client.get(response.headers["Location"]))
    assert client.get(f"/ideas/{problem.id}").status_code == 200  # its author sees it
    assert form["title"] not in text(client.get("/ideas/"))
    auth.logout()
    assert client.get(f"/ideas/{problem.id}").status_code == 404
    auth.login(make_user())
    assert client.get(f"/ideas/{problem.id}").status_code == 404
    auth.logout()
    auth.login(moderator)
    assert client.get(f"/ideas/{problem.id}").status_code == 200

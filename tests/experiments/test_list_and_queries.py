"""The list of experiments: upcoming first, filters; pages cost a fixed number of queries."""

import re
from datetime import timedelta

import pytest

from platform.experiments.models import ExperimentStatus, Method
from tests.support.pages import text


def titles(response):
    return re.findall(r'<a href="/experiments/\d+">([^<]+)</a>', text(response))


@pytest.fixture
def four(make_experiment, make_problem, join_as, make_user):
    from platform.ideas.models import ProblemStatus

    other_problem = make_problem(status=ProblemStatus.SELECTED)
    later = make_experiment(title="Plus tard", starts_in=timedelta(days=20))
    soon = make_experiment(title="Bientôt", starts_in=timedelta(days=2), method=Method.SURVEY)
    past = make_experiment(title="Passé", starts_in=timedelta(days=-30), problem=other_problem)
    full = make_experiment(title="Complet", starts_in=timedelta(days=5), capacity=1)
    join_as(full, make_user())
    return later, soon, past, full


def test_upcoming_first_soonest_first_then_past(client, four):
    assert titles(client.get("/experiments/")) == ["Bientôt", "Complet", "Plus tard", "Passé"]


def test_filters(client, four, lab_problem):
    assert titles(client.get("/experiments/?method=survey")) == ["Bientôt"]
    assert titles(client.get("/experiments/?places=1")) == ["Bientôt", "Plus tard"]
    assert "Passé" not in titles(client.get(f"/experiments/?idea={lab_problem.id}"))


def test_unknown_filter_values_are_reported(client, four):
    response = client.get("/experiments/?method=seance&idea=999999")
    assert response.status_code == 400
    page = text(response)
    assert "Cette méthode n'existe pas" in page and "Ce problème n'existe pas" in page
    assert len(titles(response)) == 4


def test_drafts_are_listed_for_the_lab_only(client, auth, agent, make_experiment):
    make_experiment(title="Brouillon", status=ExperimentStatus.DRAFT)
    assert "Brouillon" not in titles(client.get("/experiments/"))
    auth.login(agent)
    assert "Brouillon" in titles(client.get("/experiments/"))


def test_experiment_page_costs_the_same_for_1_or_50_participants(
    client, auth, agent, make_user, make_experiment, join_as, count_queries
):
    small = make_experiment(capacity=60)
    big = make_experiment(capacity=40)
    join_as(small, make_user())
    join_as(big, *[make_user() for _ in range(50)])
    auth.login(agent)
    costs = []
    for experiment in (small, big):
        with count_queries() as counter:
            assert client.get(f"/experiments/{experiment.id}").status_code == 200
        costs.append(counter.count)
    assert costs[0] == costs[1] <= 10

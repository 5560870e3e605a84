"""A page of the API costs the same number of queries whatever its length (DESIGN.md §10)."""

import pytest

from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.prototypes.models import Prototype
from tests.api.conftest import experiment_fields, prototype_fields


def cost(client, count_queries, url):
    with count_queries() as counter:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
    return counter.count


@pytest.fixture
def many(app, make_problem, make_user, add_comments, district, agent):
    """Twelve problems with authors, comments, a district, prototypes and experiments."""
    from platform.experiments import services as experiments
    from platform.ideas.models import Problem
    from platform.prototypes import services as prototypes

    made = []
    for _ in range(12):
        problem = make_problem(status=ProblemStatus.SELECTED, district_id=district.id)
        add_comments(problem, [make_user()], 2)
        made.append(problem)
    with app.test_request_context():
        for problem in made:
            target = db.session.get(Problem, problem.id)
            for _ in range(3 if problem is made[-1] else 1):  # the last one has a longer story
                prototype = prototypes.create_prototype(agent, target, **prototype_fields())
                prototypes.publish_prototype(agent, prototype)
                version = prototypes.latest_version(db.session.get(Prototype, prototype.id))
                experiment = experiments.create_experiment(
                    agent, target, **experiment_fields(prototype_version_id=version.id)
                )
                experiments.open_experiment(agent, experiment)
        db.session.commit()
    return made


@pytest.mark.parametrize("collection", ["ideas", "prototypes", "experiments"])
def test_a_page_costs_the_same_for_1_or_10_items(client, count_queries, many, collection):
    one = cost(client, count_queries, f"/api/v1/{collection}?limit=1")
    ten = cost(client, count_queries, f"/api/v1/{collection}?limit=10")
    assert one == ten
    assert ten <= 5


def test_filters_cost_one_query_each_at_most(client, count_queries, many, district):
    plain = cost(client, count_queries, "/api/v1/ideas")
    filtered = cost(
        client, count_queries, f"/api/v1/ideas?district={district.slug}&status=selected"
    )
    assert filtered <= plain + 1


def test_a_problem_costs_the_same_whatever_its_story(client, count_queries, many):
    short, long = many[0], many[-1]
    assert cost(client, count_queries, f"/api/v1/ideas/{short.id}") == cost(
        client, count_queries, f"/api/v1/ideas/{long.id}"
    )


def test_an_export_costs_a_fixed_number_of_queries_per_batch(client, count_queries, many):
    with count_queries() as counter:
        response = client.get("/api/v1/prototypes.csv")
        assert len(response.get_data(as_text=True).splitlines()) == 1 + 14  # header, prototypes
        response.close()
    assert counter.count <= 5


def test_stats_cost_a_fixed_number_of_queries(client, count_queries, many):
    assert cost(client, count_queries, "/api/v1/stats") <= 20

"""Pages cost a fixed number of queries, whatever they list (DESIGN.md §10)."""

import pytest


@pytest.fixture
def voters(make_user):
    return [make_user() for _ in range(5)]


def queries_for(client, count_queries, path):
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize("sort", ["random", "top", "new", "discussed"])
def test_list_page_costs_the_same_for_1_or_50_problems(
    client, auth, citizen, make_idea, add_supports, voters, count_queries, sort
):
    auth.login(citizen)
    first = make_idea()
    add_supports(first, [citizen])
    one = queries_for(client, count_queries, f"/ideas/?sort={sort}")
    for n in range(49):
        idea = make_idea(author=voters[n % 5])
        if n % 2:
            add_supports(idea, [citizen, voters[n % 5]])
    fifty = queries_for(client, count_queries, f"/ideas/?sort={sort}&page=1")
    assert one == fifty
    assert one <= 8


def test_problem_page_costs_the_same_for_1_or_200_comments(
    client, auth, citizen, make_idea, add_comments, voters, count_queries
):
    small, big = make_idea(), make_idea()
    add_comments(small, voters, 1)
    add_comments(big, voters, 200)
    for signed_in in (False, True):
        if signed_in:
            auth.login(citizen)
        one = queries_for(client, count_queries, f"/ideas/{small.id}")
        many = queries_for(client, count_queries, f"/ideas/{big.id}")
        assert one == many
        assert one <= 11

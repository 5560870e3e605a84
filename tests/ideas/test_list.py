"""The list of problems: filters, search, sorts, stable random order, what is not listed."""

import re

import pytest

from platform.ideas.models import IdeaStatus
from tests.support.pages import text


def titles(response):
    return re.findall(r'<h2 class="card-title"><a href="/ideas/\d+">([^<]+)</a>', text(response))


@pytest.fixture
def three(make_idea, other_theme, district, add_supports, add_comments, make_user):
    voters = [make_user() for _ in range(3)]
    a = make_idea(title="Bancs manquants place du marché", district_id=district.id)
    b = make_idea(title="Déchets au bord du canal", theme_id=other_theme.id)
    c = make_idea(title="Vélos volés devant la gare", status=IdeaStatus.SELECTED)
    add_supports(b, voters)
    add_supports(c, voters[:1])
    add_comments(a, voters, 4)
    return a, b, c


def test_sorts(client, three):
    a, b, c = three
    assert titles(client.get("/ideas/?sort=top")) == [b.title, c.title, a.title]
    assert titles(client.get("/ideas/?sort=new")) == [c.title, b.title, a.title]
    assert titles(client.get("/ideas/?sort=discussed"))[0] == a.title


def test_filters(client, three, other_theme, district):
    a, b, c = three
    assert titles(client.get(f"/ideas/?theme={other_theme.slug}")) == [b.title]
    assert titles(client.get(f"/ideas/?district={district.slug}")) == [a.title]
    assert titles(client.get("/ideas/?status=selected")) == [c.title]


def test_search_ignores_case_and_accents(client, three):
    a, b, c = three
    assert titles(client.get("/ideas/?q=VELOS")) == [c.title]
    assert titles(client.get("/ideas/?q=déchets canal")) == [b.title]
    assert titles(client.get("/ideas/?q=bancs&theme=mobilite")) == [a.title]
    assert titles(client.get("/ideas/?q=100%")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=nope", "Ce thème n'existe pas"),
        ("district=nope", "Ce quartier n'existe pas"),
        ("status=merged", "Cette étape n'existe pas"),
        ("sort=sideways", "Cet ordre n'existe pas"),
    ],
)
def test_unknown_filter_values_are_reported_and_ignored(client, three, query, message):
    response = client.get(f"/ideas/?{query}")
    assert response.status_code == 400
    assert message in text(response)
    assert len(titles(response)) == 3


@pytest.mark.parametrize("status", [IdeaStatus.WITHDRAWN, IdeaStatus.MERGED, IdeaStatus.PENDING])
def test_withdrawn_merged_and_pending_are_not_listed(client, make_idea, status):
    make_idea(title="Visible")
    make_idea(title="Invisible", status=status)
    assert titles(client.get("/ideas/")) == ["Visible"]


def test_hidden_problems_are_not_listed(client, make_idea):
    make_idea(title="Visible")
    make_idea(title="Caché", is_hidden=True)
    assert titles(client.get("/ideas/")) == ["Visible"]


@pytest.fixture
def many(app, make_idea, make_user):
    author = make_user()
    return [make_idea(author=author, title=f"Problème {n:02d}") for n in range(45)]


def walk(client):
    seen = []
    for page in (1, 2, 3):
        seen += titles(client.get(f"/ideas/?sort=random&page={page}"))
    return seen


def test_random_order_is_stable_for_one_visitor_across_pages(client, many):
    first = walk(client)
    assert sorted(first) == sorted(idea.title for idea in many)  # nobody missed, nobody twice
    assert walk(client) == first


def test_random_order_differs_between_visitors(app, many):
    orders = {tuple(walk(app.test_client())) for _ in range(4)}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(i.title for i in many) for order in orders)


def test_random_is_the_default_order(client, many):
    assert titles(client.get("/ideas/")) == titles(client.get("/ideas/?sort=random"))


def test_pagination_keeps_the_filters(client, many):
    page = text(client.get("/ideas/?sort=new&q=probleme"))
    assert (
        'href="/ideas/?page=2&amp;q=probleme&amp;sort=new"'
        in client.get("/ideas/?sort=new&q=probleme").get_data(as_text=True)
        or "page=2" in page
    )

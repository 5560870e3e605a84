"""The list of problems: filters, search, sorts, stable random order, what is not listed."""

import html
import re

import pytest

from platform.ideas import listing
from platform.ideas.models import ProblemStatus
from tests.support.pages import text


def titles(response):
    return re.findall(r'<h2 class="card-title"><a href="/ideas/\d+">([^<]+)</a>', text(response))


@pytest.fixture
def three(make_problem, other_theme, district, add_supports, add_comments, make_user):
    voters = [make_user() for _ in range(3)]
    a = make_problem(title="Bancs manquants place du marché", district_id=district.id)
    b = make_problem(title="Déchets au bord du canal", theme_id=other_theme.id)
    c = make_problem(title="Vélos volés devant la gare", status=ProblemStatus.SELECTED)
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


@pytest.mark.parametrize(
    "status", [ProblemStatus.WITHDRAWN, ProblemStatus.MERGED, ProblemStatus.PENDING]
)
def test_withdrawn_merged_and_pending_are_not_listed(client, make_problem, status):
    make_problem(title="Visible")
    make_problem(title="Invisible", status=status)
    assert titles(client.get("/ideas/")) == ["Visible"]


def test_hidden_problems_are_not_listed(client, make_problem):
    make_problem(title="Visible")
    make_problem(title="Caché", is_hidden=True)
    assert titles(client.get("/ideas/")) == ["Visible"]


@pytest.fixture
def many(app, make_problem, make_user):
    author = make_user()
    return [make_problem(author=author, title=f"Problème {n:02d}") for n in range(45)]


def walk(client):
    seen = []
    for page in (1, 2, 3):
        seen += titles(client.get(f"/ideas/?sort=random&page={page}"))
    return seen


def test_random_order_is_stable_for_one_visitor_across_pages(client, many):
    first = walk(client)
    assert sorted(first) == sorted(problem.title for problem in many)  # nobody missed, nobody twice
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


# Deep pages: "Next page" and "Previous page" carry a cursor ------------------------------------


def link(response, rel):
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', response.get_data(as_text=True))
    return html.unescape(found.group(1)) if found else None


def follow(client, url, rel):
    """The titles of every page from `url` on, following the `rel` links; and the last URL."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(titles(response))
        last, url = url, link(response, rel)
    return pages, last


@pytest.mark.parametrize("sort", ["random", "top", "new", "discussed"])
def test_next_links_walk_every_problem_once_and_previous_links_walk_back(client, many, sort):
    forward, last = follow(client, f"/ideas/?sort={sort}", "next")
    assert [len(page) for page in forward] == [20, 20, 5]
    seen = [title for page in forward for title in page]
    assert sorted(seen) == sorted(problem.title for problem in many)
    backward, _ = follow(client, last, "prev")
    assert backward == forward[::-1]


def test_random_next_links_follow_the_same_order_as_page_numbers(client, many):
    forward, _ = follow(client, "/ideas/?sort=random", "next")
    assert [t for page in forward for t in page] == walk(client)


def test_cursor_pages_follow_the_order_with_ties(client, many, add_supports, make_user):
    add_supports(many[7], [make_user()])
    forward, _ = follow(client, "/ideas/?sort=top", "next")
    seen = [title for page in forward for title in page]
    # Most supported first, then ties by newest id.
    assert seen == [many[7].title] + [i.title for i in reversed(many) if i is not many[7]]


def test_page_numbers_still_open_the_first_pages(client, many):
    second = client.get("/ideas/?sort=new&page=2")
    assert titles(second) == [i.title for i in reversed(many)][20:40]
    assert "Page 2 sur 3" in text(second)
    assert titles(client.get(link(client.get("/ideas/?sort=new"), "next"))) == titles(second)


def test_pagination_is_a_labelled_navigation(client, many):
    page = client.get(link(client.get("/ideas/?sort=new"), "next")).get_data(as_text=True)
    assert '<nav class="pagination" aria-label="Pages">' in page
    assert '<span aria-current="page">Page 2 sur 3</span>' in page
    assert "Page précédente" in page and "Page suivante" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "Cette page n'existe pas"),
        ("page=-3", "Cette page n'existe pas"),
        ("page=deux", "Cette page n'existe pas"),
        ("page=99999999999999999999999", "Cette page n'existe pas"),
        ("after=abc", "Cette page n'existe pas"),
        ("after=1_2_3", "Cette page n'existe pas"),
        ("before=%00", "Cette page n'existe pas"),
        ("after=1_2&before=1_3", "Cette page n'existe pas"),
        ("after=" + "9" * 30 + "_1", "Cette page n'existe pas"),
        ("after=" + "9" * 18 + "_1", "Cette page n'existe pas"),
        ("after=-" + "9" * 18 + "_1", "Cette page n'existe pas"),
        ("page=51", "Seules les 50 premières pages"),
    ],
)
def test_bad_page_values_show_the_first_page_with_a_message(client, many, query, message):
    response = client.get(f"/ideas/?sort=new&{query}")
    assert response.status_code == 400
    assert message in text(response)
    assert titles(response) == [i.title for i in reversed(many)][:20]


def test_a_cursor_past_the_end_shows_an_empty_page(client, many):
    response = client.get("/ideas/?sort=top&after=0_1&page=3")
    assert response.status_code == 200
    assert titles(response) == []


def test_a_search_pages_by_number(client, many):
    first = client.get("/ideas/?q=probleme")
    assert "after=" not in first.get_data(as_text=True)
    second = client.get(link(first, "next"))
    assert len(titles(first)) == 20 and len(titles(second)) == 20
    assert not set(titles(first)) & set(titles(second))


def test_large_counts_are_bounded(client, many, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_LIMIT", 30)
    page = client.get("/ideas/?sort=new")
    assert "Plus de 30 problèmes trouvés" in text(page)
    assert "Page 1" in text(page) and "Page 1 sur" not in text(page)
    assert len(follow(client, "/ideas/?sort=new", "next")[0]) == 3


def test_counts_are_written_with_the_locale_separator(client, many):
    assert "45 problèmes trouvés" in text(client.get("/ideas/"))


@pytest.mark.parametrize("sort", ["random", "top", "new", "discussed"])
def test_a_deep_page_costs_what_the_first_costs(client, many, count_queries, sort):
    def cost(url):
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    first = cost(f"/ideas/?sort={sort}")
    last = link(client.get(link(client.get(f"/ideas/?sort={sort}"), "next")), "next")
    assert cost(last) == first

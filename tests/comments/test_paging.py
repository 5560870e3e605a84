"""Threads are paged: top-level comments oldest first, a page at a time, long threads on their own
page, and a link to a comment lands on the page that shows it (keyset pages, no JavaScript)."""

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from platform.comments import threads
from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem
from tests.support import bulk
from tests.support.pages import text


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 comments, 2 replies shown under each, threads paged by 4."""
    monkeypatch.setattr(threads, "COMMENTS_PER_PAGE", 3)
    monkeypatch.setattr(threads, "REPLIES_SHOWN", 2)
    monkeypatch.setattr(threads, "REPLIES_PER_PAGE", 4)


@pytest.fixture
def fill(app, citizen):
    """Add comments in bulk to a problem (or prototype); return the top-level ids."""

    def add(target, roots, replies=0):
        with app.app_context():
            ids = bulk.add_comments(target, [citizen.id], roots, replies)
            db.session.commit()
            return ids

    return add


def shown(response):
    """Ids of the comments on the page, in page order."""
    return [int(n) for n in re.findall(r'<li id="c(\d+)"', response.get_data(as_text=True))]


def links(response):
    return dict(re.findall(r'<a href="([^"]+)" rel="(prev|next)"', text(response)))


def link(response, rel):
    return next(url for url, kind in links(response).items() if kind == rel)


def replies_of(fetch, root_id):
    query = select(Comment.id).where(Comment.parent_id == root_id).order_by(Comment.id)
    return fetch(lambda s: s.scalars(query).all())


def test_first_page_shows_the_oldest_and_links_to_later_ones(
    client, make_problem, fill, small_pages
):
    problem = make_problem()
    roots = fill(problem, 7)
    first = client.get(f"/ideas/{problem.id}")
    assert shown(first) == roots[:3]
    assert links(first) == {f"/ideas/{problem.id}?comments_after={roots[2]}#comments": "next"}
    page = text(first)
    assert 'aria-label="Pages des commentaires"' in page
    assert "7 commentaires" in page and "Cette page montre 3 commentaires" in page

    second = client.get(link(first, "next"))
    assert shown(second) == roots[3:6]
    third = client.get(link(second, "next"))
    assert shown(third) == roots[6:]
    assert set(links(third).values()) == {"prev"}
    back = client.get(link(third, "prev"))
    assert shown(back) == roots[3:6]
    assert shown(client.get(link(back, "prev"))) == roots[:3]


def test_latest_comments_are_one_link_away(client, make_problem, fill, small_pages):
    problem = make_problem()
    roots = fill(problem, 7)
    assert f'href="/ideas/{problem.id}?comments=latest#comments"' in text(
        client.get(f"/ideas/{problem.id}")
    )
    latest = client.get(f"/ideas/{problem.id}?comments=latest")
    assert shown(latest) == roots[4:]
    assert set(links(latest).values()) == {"prev"}


def test_long_threads_show_their_first_replies_and_a_link_to_the_rest(
    client, make_problem, fill, fetch, small_pages
):
    problem = make_problem()
    [root] = fill(problem, 1, replies=6)
    page = client.get(f"/ideas/{problem.id}")
    assert len(shown(page)) == 1 + threads.REPLIES_SHOWN
    assert f'href="/ideas/{problem.id}?thread={root}#comments"' in text(page)
    assert "Voir toute la conversation (6 réponses)" in text(page)

    thread = client.get(f"/ideas/{problem.id}?thread={root}")
    assert shown(thread)[0] == root
    assert len(shown(thread)) == 1 + 4
    assert "Cette conversation compte 6 réponses" in text(thread)
    assert f'href="/ideas/{problem.id}?comment={root}#c{root}"' in text(thread)
    rest = client.get(link(thread, "next"))
    assert shown(rest)[0] == root and len(shown(rest)) == 1 + 2
    assert 'aria-label="Pages des réponses"' in text(rest)


def test_replies_stay_under_their_parent(client, make_problem, fill, fetch):
    problem = make_problem()
    [root] = fill(problem, 1, replies=3)  # the third reply answers the second
    page = client.get(f"/ideas/{problem.id}").get_data(as_text=True)
    first, second = replies_of(fetch, root)
    [deep] = replies_of(fetch, second)
    assert page.index(f'id="c{root}"') < page.index(f'id="c{first}"')
    assert page.index(f'id="c{second}"') < page.index(f'id="c{deep}"')
    assert page.count('<ol class="replies">') == 2


def test_a_link_to_a_comment_lands_on_the_page_that_shows_it(
    client, make_problem, fill, fetch, small_pages
):
    problem = make_problem()
    roots = fill(problem, 7, replies=5)
    root = roots[3]
    page = client.get(f"/ideas/{problem.id}?comment={root}")
    assert page.status_code == 200
    assert [c for c in shown(page) if c in roots] == roots[3:6]
    assert set(links(page).values()) == {"prev", "next"}
    assert shown(client.get(link(page, "prev"))) == shown(client.get(f"/ideas/{problem.id}"))

    first_reply, _second, late_reply = replies_of(fetch, root)[:3]  # the 1st, 2nd and 4th
    assert first_reply in shown(client.get(f"/ideas/{problem.id}?comment={first_reply}"))
    late = client.get(f"/ideas/{problem.id}?comment={late_reply}")  # beyond the replies shown
    assert late_reply in shown(late)
    assert "Cette conversation compte 5 réponses" in text(late)


def test_posting_goes_back_to_the_page_that_shows_the_new_comment(
    client, auth, citizen, make_problem, fill, fetch, small_pages
):
    problem = make_problem()
    roots = fill(problem, 7, replies=3)
    auth.login(citizen)
    for parent in (None, roots[0]):
        data = {"body": "Je confirme."} | ({"parent_id": str(parent)} if parent else {})
        response = client.post(f"/ideas/{problem.id}/comments", data=data)
        newest = fetch(lambda s: s.scalar(select(Comment.id).order_by(Comment.id.desc())))
        assert response.headers["Location"] == f"/ideas/{problem.id}?comment={newest}#c{newest}"
        assert newest in shown(client.get(response.headers["Location"]))


def test_comment_count_comes_from_the_stored_counter(client, app, make_problem, fill):
    problem = make_problem()
    fill(problem, 2)
    with app.app_context():
        db.session.get(Problem, problem.id).comments_count = 41  # as if drifted: the page trusts it
        db.session.commit()
    assert "41 commentaires" in text(client.get(f"/ideas/{problem.id}"))


@pytest.mark.parametrize(
    "query",
    [
        "comments_after=abc",
        "comments_after=-1",
        "comments_before=99999999999",
        "comments_after=999999",
        "comment=999999",
        "thread=0",
        "comments_after={other}",
        "comment={other}",
        "comments_after={reply}",
        "thread={reply}",
        "thread={root}&comments_after={root}",
        "thread={root}&comments_after={foreign_reply}",
    ],
)
def test_bad_page_arguments_show_the_first_page_with_a_message(
    client, make_problem, fill, fetch, query, small_pages
):
    problem, other_problem = make_problem(), make_problem()
    roots = fill(problem, 4, replies=1)
    [other] = fill(other_problem, 1, replies=1)
    values = {
        "other": other,
        "root": roots[1],
        "reply": replies_of(fetch, roots[0])[0],
        "foreign_reply": replies_of(fetch, roots[0])[0],
    }
    response = client.get(f"/ideas/{problem.id}?" + query.format(**values))
    assert response.status_code == 400
    assert "Ce commentaire n'existe pas ici : voici les premiers commentaires." in text(response)
    assert shown(response)[0] == roots[0]


def test_prototype_threads_are_paged_and_linked_the_same_way(
    app, client, make_prototype, fill, small_pages
):
    prototype = make_prototype()
    roots = fill(prototype, 5)
    assert shown(client.get(f"/prototypes/{prototype.id}")) == roots[:3]
    with app.test_request_context():
        url = db.session.get(Comment, roots[4]).target_url()
    assert url == f"/prototypes/{prototype.id}?comment={roots[4]}#c{roots[4]}"
    assert roots[4] in shown(client.get(url))


def test_two_thousand_comments_cost_what_twenty_do(
    app, client, auth, citizen, make_problem, count_queries
):
    small, big = make_problem(), make_problem()
    with app.app_context():
        authors = bulk.add_users(50)
        bulk.add_comments(small, authors, 10, replies=1)
        [long] = bulk.add_comments(big, authors, 1, replies=300, start=utcnow() - timedelta(days=3))
        bulk.add_comments(big, authors, 1000, replies=1)  # 2,000 comments after a long thread
        db.session.commit()
    auth.login(citizen)
    costs, pages = [], []
    for problem in (small, big):
        client.get(f"/ideas/{problem.id}")  # warm up (templates, session)
        with count_queries() as counter:
            started = time.perf_counter()
            response = client.get(f"/ideas/{problem.id}")
            elapsed = time.perf_counter() - started
        assert response.status_code == 200
        costs.append(counter.count)
        pages.append(shown(response))
    assert costs[0] == costs[1]
    assert pages[1][0] == long  # with its first replies, then 49 comments with their reply
    assert len(pages[1]) == 1 + threads.REPLIES_SHOWN + (threads.COMMENTS_PER_PAGE - 1) * 2
    assert re.search(r"2\s301 commentaires", text(response))
    assert elapsed < 2  # a coarse guard; the benchmark measures the real p95
    with count_queries() as counter:
        assert client.get(f"/ideas/{big.id}?comments=latest").status_code == 200
    assert counter.count == costs[1]

"""Every list, filter and sort of `/ideas/` is served by an index (DESIGN.md §10).

The statements a list page runs are captured and explained on the test's own database. On
PostgreSQL the planner is told to avoid sequential scans and sorts it can avoid, so that a plan
shows whether an index *can* serve the query, whatever the (tiny) table's statistics say.
"""

import re

import pytest
from sqlalchemy import event, select

from platform.comments.models import Comment
from platform.extensions import db
from tests.prototypes.conftest import make_prototype, selected_problem  # noqa: F401
from tests.support import bulk

FILTERS = ["", "&theme=mobilite", "&district=port", "&status=selected", "&q=velo"]
SORT_COLUMNS = {
    "top": "supports_count",
    "new": "created_at",
    "discussed": "comments_count",
    "random": "shuffle_key",
}


@pytest.fixture
def problems(make_problem, district):
    for n in range(30):
        make_problem(title=f"Vélo {n}", district_id=district.id if n % 3 else None)


def statements_of(app, client, url, table="idea"):
    """The SELECT statements over `table` that a page runs, with their parameters."""
    captured = []

    def capture(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().startswith("SELECT") and re.search(rf"\bFROM {table}\b", statement):
            captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return captured


def plan(app, statement, parameters, avoid_sorts=True):
    """The plan's lines; on SQLite each prefixed with its parent's id and its own.

    `avoid_sorts=False` for statements that must sort (a window function): once a plan holds a
    disabled step, PostgreSQL compares the plans' costs (all over 10^10) only within 1% and
    picks one nearly at random."""
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return "\n".join(f"{row[1]} {row[0]} {row[-1]}" for row in rows)
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        if avoid_sorts:
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        return "\n".join(row[0] for row in rows)


def full_scans(text, table="idea"):
    """Lines of a plan that read the whole `table` without an index."""
    return [
        line
        for line in text.splitlines()
        if re.search(rf"\bSCAN {table}(_\d+)?\b(?! USING)", line)
        or re.search(rf"Seq Scan on {table}\b", line)
    ]


def unbounded_scans(text, table):
    """PostgreSQL: scans of `table` that read a whole index (no Index Cond), which is what the
    planner falls back to for a full scan when sequential scans are switched off."""
    nodes = re.split(r"\n\s*->", text)
    return [
        node.strip()
        for node in nodes
        if re.match(rf"\s*(Index Scan|Index Only Scan)( Backward)? using \w+ on {table}\b", node)
        and "Index Cond" not in node
    ]


def sorted_reads(text):
    """SQLite: reads of the `idea` table (other than by primary key) whose rows are then sorted,
    instead of coming in the order of an index. (The few rows of a page may be sorted once read.)"""
    lines = [line.split(" ", 2) for line in text.splitlines()]
    if not lines or not lines[0][0].isdigit():
        return []  # PostgreSQL: sorts it could avoid are switched off
    sorting = {parent for parent, _id, detail in lines if "TEMP B-TREE FOR ORDER BY" in detail}
    return [
        detail
        for parent, _id, detail in lines
        if parent in sorting
        and re.search(r"\b(SCAN|SEARCH) idea\b", detail)
        and "PRIMARY KEY" not in detail
    ]


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
@pytest.mark.parametrize("filters", FILTERS)
def test_list_pages_are_served_by_indexes(app, client, problems, sort, filters):
    first = client.get(f"/ideas/?sort={sort}{filters}").get_data(as_text=True)
    urls = [f"/ideas/?sort={sort}{filters}"]
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    if following:  # a deep page, by its cursor
        urls.append(following.group(1).replace("&amp;", "&"))
    for url in urls:
        statements = statements_of(app, client, url)
        page = [s for s in statements if "count(" not in s[0]]
        count = [s for s in statements if "count(" in s[0]]
        assert len(page) == 1 and len(count) == 1
        explained = plan(app, *page[0])
        assert full_scans(explained) == [], explained
        if "q=" not in filters:
            assert sorted_reads(explained) == [], explained
            assert f"{SORT_COLUMNS[sort]}_id" in explained, explained
        # The count reads at most COUNT_LIMIT + 1 rows.
        assert re.search(r"LIMIT", count[0][0])


@pytest.mark.parametrize("filters", ["", "&theme=mobilite", "&sort=top"])
def test_search_is_served_by_indexes(app, client, problems, filters):
    statements = statements_of(app, client, f"/ideas/?q=velo{filters}")
    explained = plan(app, *[s for s in statements if "count(" not in s[0]][0])
    assert full_scans(explained) == [], explained
    if not filters:  # with a filter or an order, the planner may start from their index
        assert "idea_fts" in explained or "ix_idea_search_vector" in explained, explained


@pytest.mark.parametrize(
    "pages, make", [("ideas", "make_problem"), ("prototypes", "make_prototype")]
)
def test_comment_threads_are_served_by_indexes(app, client, request, citizen, fetch, pages, make):
    """Each page of a problem's (or prototype's) comments reads them by index, replies included:
    neither the replies under a page's comments nor a thread's own pages scan the comment table."""
    target = request.getfixturevalue(make)()
    with app.app_context():
        roots = bulk.add_comments(target, [citizen.id], 25, replies=5)
        db.session.commit()
    root = roots[0]
    late_reply = fetch(
        lambda s: s.scalars(
            select(Comment.id).where(Comment.parent_id == root).order_by(Comment.id.desc())
        ).first()
    )
    urls = [
        f"/{pages}/{target.id}",
        f"/{pages}/{target.id}?comments=latest",
        f"/{pages}/{target.id}?thread={root}",
        f"/{pages}/{target.id}?comment={late_reply}",  # beyond the replies shown: its thread
    ]
    for url in urls:
        statements = statements_of(app, client, url, table="comment")
        assert statements, url
        for statement in statements:
            explained = plan(app, *statement, avoid_sorts=False)
            assert full_scans(explained, table="comment") == [], explained
            assert unbounded_scans(explained, table="comment") == [], explained

"""Reading lists of problems: the page of `/ideas/` (filtered, searched, sorted) and the problems
similar to a new one. Rules that change problems are in `services.py`.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, literal, literal_column, select, tuple_, union_all
from sqlalchemy.orm import joinedload, load_only

from platform import search
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus
from platform.text import fold, keywords

# A list page costs the same whatever its depth: every order is an index walked from a cursor (the
# sort key and id of the row before), never an OFFSET into 100,000 rows. A typed `page=N` is still
# served, by OFFSET, for the first MAX_OFFSET_PAGE pages; relevance order (a search) only pages
# that way. Counts stop at COUNT_LIMIT: counting every match would cost more than the page itself.

SORTS = ("random", "top", "new", "discussed")
RELEVANCE = "relevance"
SORT_KEYS = {
    "top": Problem.supports_count,
    "new": Problem.created_at,
    "discussed": Problem.comments_count,
    "random": Problem.shuffle_key,
}
MAX_OFFSET_PAGE = 50
COUNT_LIMIT = 1_000
RANKED_CANDIDATES = 300
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"(-?\d{1,18})_(\d{1,18})")  # within 64-bit integers


class Cursor(NamedTuple):
    """Where a page starts or ends in an order: the sort key and the id of a row."""

    key: object
    id: int

    @classmethod
    def parse(cls, value, sort):
        """Read a cursor from a URL; raise ValueError when it is not one."""
        found = _CURSOR.fullmatch(value or "")
        if found is None or sort == RELEVANCE:
            raise ValueError(value)
        key, problem_id = int(found[1]), int(found[2])
        if sort == "new":
            try:
                key = _EPOCH + timedelta(microseconds=key)
            except OverflowError:
                raise ValueError(value) from None
        return cls(key, problem_id)

    def __str__(self):
        key = self.key
        if isinstance(key, datetime):
            key = (key - _EPOCH) // timedelta(microseconds=1)
        return f"{key}_{self.id}"


@dataclass
class ProblemPage:
    """One page of `/ideas/`, with what its navigation links need."""

    items: list
    number: int
    per_page: int
    total: int
    total_is_exact: bool
    has_next: bool
    next_cursor: Cursor | None
    prev_cursor: Cursor | None

    @property
    def has_prev(self):
        return self.number > 1

    @property
    def pages(self):
        """The number of pages, when the count is exact."""
        return max(1, -(-self.total // self.per_page)) if self.total_is_exact else None

    def prev_args(self):
        """The query arguments of the previous page's link (none for the first page)."""
        if self.number <= 2:
            return {}
        if self.prev_cursor is None:
            return {"page": self.number - 1}
        return {"before": str(self.prev_cursor), "page": self.number - 1}

    def next_args(self):
        if self.next_cursor is None:
            return {"page": self.number + 1}
        return {"after": str(self.next_cursor), "page": self.number + 1}


def listed():
    # Written as NOT IN the few unlisted stages: an IN over most stages would tempt the planner
    # into the (status, ...) indexes and a sort of every listed row, instead of walking the index
    # of the page's order.
    unlisted = [status.value for status in ProblemStatus if not status.is_listed]
    return and_(Problem.status.not_in(unlisted), ~Problem.is_hidden)


def filter_conditions(theme=None, district=None, status=None):
    """Listed problems, of this theme, district and stage when given."""
    conditions = [listed()]
    if theme is not None:
        conditions.append(Problem.theme_id == theme.id)
    if district is not None:
        conditions.append(Problem.district_id == district.id)
    if status is not None:
        conditions.append(Problem.status == status)
    return conditions


def _keyset_rows(conditions, sort, seed, after, before, offset, limit):
    """The ids and sort keys of one page's rows (and one more, if there is a further page), as a
    subquery, with the order to read it in.

    `random` walks the shuffled order from the visitor's seed to the end, then from the start up
    to the seed: two index ranges glued by UNION ALL, each cut to the page's size.
    """
    column = SORT_KEYS[sort]
    backwards = before is not None
    cursor = before or after
    if sort == "random":
        ranges = [(0, column >= seed), (1, column < seed)]
        if cursor is not None:
            phase = 0 if cursor.key >= seed else 1
            ranges = ranges[phase:] if not backwards else ranges[: phase + 1]
    else:
        ranges = [(0, None)]
    ascending = (sort == "random") != backwards
    order_of = (lambda c: c.asc()) if ascending else (lambda c: c.desc())
    selects = []
    for phase, in_range in ranges:
        where = list(conditions)
        if in_range is not None:
            where.append(in_range)
        if cursor is not None and (len(ranges) == 1 or phase == (1 if backwards else 0)):
            pair = tuple_(column, Problem.id)
            at = tuple_(literal(cursor.key, column.type), literal(cursor.id, Problem.id.type))
            where.append(pair > at if ascending else pair < at)
        selects.append(
            select(Problem.id, column.label("key"), literal_column(str(phase)).label("phase"))
            .where(*where)
            .order_by(order_of(column), order_of(Problem.id))
            .limit(offset + limit)
        )
    if len(selects) == 1:
        rows = selects[0].limit(limit).offset(offset).subquery()
        return rows, [order_of(rows.c.key), order_of(rows.c.id)]
    both = union_all(*(select(part.subquery()) for part in selects)).subquery()

    def merged_order(rows):
        phase = rows.c.phase.desc() if backwards else rows.c.phase.asc()
        return [phase, order_of(rows.c.key), order_of(rows.c.id)]

    rows = select(both).order_by(*merged_order(both)).limit(limit).offset(offset).subquery()
    return rows, merged_order(rows)


def _ranked_rows(conditions, match, offset, limit, dense):
    """Like `_keyset_rows`, for a search in order of relevance (pages counted from the start).

    Ranking reads every candidate's text statistics. When there are more than COUNT_LIMIT
    matches (`dense`), only the RANKED_CANDIDATES newest are ranked, so that a word found in
    half the problems costs what a rare word costs; the page then says "more than COUNT_LIMIT
    problems found", which invites a narrower search.
    """
    newest = (
        match.restrict(select(Problem.id), Problem.id)
        .where(*conditions)
        .order_by(match.position(Problem.id, dense).desc())
        .limit(RANKED_CANDIDATES if dense else COUNT_LIMIT)
        .subquery()
    )
    ranked = match.ranked(newest).subquery()
    rows = (
        select(ranked)
        .order_by(ranked.c.key, ranked.c.id.desc())
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    return rows, [rows.c.key, rows.c.id.desc()]


def _bounded_count(conditions, match):
    query = select(Problem.id).where(*conditions)
    if match is not None:
        query = match.restrict(query, Problem.id)
    return db.session.scalar(
        select(func.count()).select_from(query.limit(COUNT_LIMIT + 1).subquery())
    )


# What a problem's card shows and what its permissions read; not the long texts.
CARD_COLUMNS = (
    Problem.id, Problem.title, Problem.status, Problem.theme_id, Problem.district_id,
    Problem.author_id, Problem.merged_into_id, Problem.is_hidden, Problem.supports_count,
    Problem.comments_count, Problem.followers_count, Problem.created_at, Problem.updated_at,
    Problem.shuffle_key,
)  # fmt: skip


def _read(rows, order):
    """The problems of a page (with what their cards show) and their sort keys, in one query."""
    return db.session.execute(
        select(Problem, rows.c.key)
        .join(rows, rows.c.id == Problem.id)
        .order_by(*order)
        .options(load_only(*CARD_COLUMNS), joinedload(Problem.theme), joinedload(Problem.district))
    ).all()


def list_page(
    *,
    q="",
    theme=None,
    district=None,
    status=None,
    sort=None,
    seed=0,
    page=1,
    after=None,
    before=None,
    per_page=20,
):
    """One page of `/ideas/`: filtered, searched, sorted (relevance first for a search).

    `after` or `before` (a Cursor) starts the page after or ends it before a row; without them,
    `page` counts from the start. Costs four queries, whatever the page.
    """
    words = search.search_words(q) if q else None
    sort = sort or (RELEVANCE if words is not None else "random")
    if sort == RELEVANCE and words is None:
        sort = "random"
    ranked = sort == RELEVANCE
    if words == []:  # only punctuation: nothing can match
        return ProblemPage([], 1, per_page, 0, True, False, None, None)
    match = search.Match(words) if words else None
    conditions = filter_conditions(theme, district, status)
    total = _bounded_count(conditions, match)
    if match is not None and not ranked:
        # A word found in more than COUNT_LIMIT problems is better checked on each row that the
        # order's index reads than by listing all its matches first.
        conditions.append(match.condition(Problem.id, dense=total > COUNT_LIMIT))
    offset = 0 if (after or before) else (page - 1) * per_page
    if ranked:
        dense = total > COUNT_LIMIT
        rows = _read(*_ranked_rows(conditions, match, offset, per_page + 1, dense))
    else:
        rows = _read(*_keyset_rows(conditions, sort, seed, after, before, offset, per_page + 1))
    if before is not None:
        rows = rows[::-1]
        if len(rows) <= per_page:
            page = 1  # back at the start
        has_next, rows = True, rows[-per_page:]
    else:
        has_next, rows = len(rows) > per_page, rows[:per_page]
    if ranked and page >= MAX_OFFSET_PAGE:
        has_next = False
    return ProblemPage(
        items=[row.Problem for row in rows],
        number=page,
        per_page=per_page,
        total=min(total, COUNT_LIMIT),
        total_is_exact=total <= COUNT_LIMIT,
        has_next=has_next,
        next_cursor=Cursor(rows[-1].key, rows[-1].Problem.id) if rows and not ranked else None,
        prev_cursor=Cursor(rows[0].key, rows[0].Problem.id) if rows and not ranked else None,
    )


def find_similar(title, description="", limit=5, exclude_id=None):
    """Listed problems that share the main words of a title (and description), best first.

    The full-text index proposes the best-ranked problems whose title shares a word (among the
    newest RANKED_CANDIDATES of them: any-word matches are many); a problem counts as similar
    when it shares at least two words, those of the new title weighing more.
    """
    title_words = keywords(title)
    words = (title_words + [w for w in keywords(description) if w not in title_words])[:12]
    if not words:
        return []
    conditions = [listed()]
    if exclude_id:
        conditions.append(Problem.id != exclude_id)
    rows, order = _ranked_rows(
        conditions, search.Match(words, any_word=True, title_only=True), 0, 50, dense=True
    )
    candidates = [row.Problem for row in _read(rows, order)]

    def score(problem):
        in_title = set(keywords(problem.title))
        text = fold(f"{problem.title}\n{problem.description}")
        shared = [word for word in words if word in text]
        if len(shared) < 2:  # one word in common is a coincidence, not a duplicate
            return 0
        # Words of the new title count double, and double again when in the other's title.
        return sum(
            (2 if word in title_words else 1) * (2 if word in in_title else 1) for word in shared
        )

    scored = [(score(problem), problem) for problem in candidates]
    best = [problem for points, problem in sorted(scored, key=lambda p: -p[0]) if points >= 4]
    return best[:limit]

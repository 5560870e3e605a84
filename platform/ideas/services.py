"""The rules of problems: propose, edit, withdraw, support, follow, move along the lifecycle.

Services take the acting user, flush and never commit; a refused action raises `ProblemError`.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    and_,
    delete,
    func,
    literal,
    literal_column,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, load_only

from platform import search
from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas.models import (
    LAB_TRANSITIONS,
    NOTE_REQUIRED,
    Follow,
    Problem,
    ProblemStatus,
    StatusChange,
    Support,
)
from platform.rules import RuleError
from platform.signals import problem_created, problem_status_changed, problem_supported
from platform.taxonomy.models import District, Theme
from platform.text import fold, keywords

TITLE_MAX = 150
DESCRIPTION_MAX = 10_000
NOTE_MAX = 2_000


EDIT_CLOSED = _l("A problem can no longer be changed once the lab has selected it.")
SUPPORTS_CLOSED = _l("This problem no longer accepts supports.")
WITHDRAW_CLOSED = _l("A problem can no longer be withdrawn once the lab has selected it.")


class ProblemError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _clean(title, description):
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise ProblemError(_l("Give your problem a title."), "title")
    if len(title) > TITLE_MAX:
        raise ProblemError(_l("A title has at most %(n)s characters.", n=TITLE_MAX), "title")
    if not description:
        raise ProblemError(_l("Describe the problem."), "description")
    if len(description) > DESCRIPTION_MAX:
        raise ProblemError(
            _l("A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX)),
            "description",
        )
    return title, description


def _theme_and_district(theme_id, district_id):
    theme = db.session.get(Theme, theme_id) if theme_id else None
    if theme is None:
        raise ProblemError(_l("Choose one of the themes in the list."), "theme")
    district = None
    if district_id:
        district = db.session.get(District, district_id)
        if district is None:
            raise ProblemError(_l("Choose one of the districts in the list."), "district")
    return theme, district


def _emit(signal, **data):
    signal.send(current_app._get_current_object(), **data)


def create_problem(author, *, title, description, theme_id, district_id=None):
    """Publish a problem (or queue it for moderation when pre-moderation is on)."""
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    pending = current_app.config.get("PRE_MODERATION")
    problem = Problem(
        title=title,
        description=description,
        search_text=fold(f"{title}\n{description}"),
        theme_id=theme.id,
        district_id=district.id if district else None,
        author_id=author.id,
        status=ProblemStatus.PENDING if pending else ProblemStatus.PROPOSED,
    )
    db.session.add(problem)
    db.session.flush()
    follow_problem(author, problem)
    _emit(problem_created, problem=problem)
    return problem


def update_problem(author, problem, *, title, description, theme_id, district_id=None):
    """Change one's problem, until the lab has selected it."""
    if problem.status not in {ProblemStatus.PENDING, ProblemStatus.PROPOSED}:
        raise ProblemError(EDIT_CLOSED)
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    problem.title, problem.description = title, description
    problem.search_text = fold(f"{title}\n{description}")
    problem.theme_id, problem.district_id = theme.id, district.id if district else None
    problem.updated_at = utcnow()
    db.session.flush()
    return problem


def _record(problem, actor, to_status, note=""):
    change = StatusChange(
        problem_id=problem.id,
        actor_id=actor.id if actor else None,
        from_status=problem.status,
        to_status=to_status,
        note=note,
    )
    db.session.add(change)
    problem.status = to_status
    problem.updated_at = utcnow()
    db.session.flush()
    _emit(problem_status_changed, problem=problem, change=change)
    return change


def publish_pending_problem(actor, problem):
    """A moderator publishes a problem that waited for moderation."""
    return _record(problem, actor, ProblemStatus.PROPOSED)


def withdraw_problem(author, problem):
    """The author takes back a problem the lab has not selected."""
    if problem.status not in {ProblemStatus.PENDING, ProblemStatus.PROPOSED}:
        raise ProblemError(WITHDRAW_CLOSED)
    return _record(problem, author, ProblemStatus.WITHDRAWN)


def allowed_transitions(problem):
    """The stages the lab may move this problem to, in the order of the process."""
    allowed = LAB_TRANSITIONS.get(problem.status, set())
    return [status for status in ProblemStatus if status in allowed]


def change_status(actor, problem, to_status, note=""):
    """Move a problem to another stage of the lab's process, with a public note."""
    try:
        to_status = ProblemStatus(to_status)
    except ValueError:
        raise ProblemError(_l("Choose one of the stages in the list."), "status") from None
    note = (note or "").strip()
    if problem.is_hidden or to_status not in allowed_transitions(problem):
        raise ProblemError(
            _l("A problem that is “%(current)s” cannot become “%(target)s”.",
               current=problem.status.label, target=to_status.label),
            "status",
        )  # fmt: skip
    if to_status in NOTE_REQUIRED and not note:
        raise ProblemError(_l("Explain this decision in a public note."), "note")
    if len(note) > NOTE_MAX:
        raise ProblemError(
            _l("A note has at most %(n)s characters.", n=local_number(NOTE_MAX)), "note"
        )
    return _record(problem, actor, to_status, note)


def _add_unique(row):
    """Insert a row that a unique constraint may refuse; return whether it was inserted."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def _bump(problem, column, delta):
    db.session.execute(
        update(Problem)
        .where(Problem.id == problem.id)
        .values({column: getattr(Problem, column) + delta})
        .execution_options(synchronize_session=False)
    )


def set_support(user, problem, supported):
    """Make `user` support `problem` or not; return whether the state changed.

    The unique constraint decides between concurrent requests; the counter moves by exactly
    the rows inserted or deleted, in the same transaction.
    """
    if supported:
        if not problem.accepts_supports:
            raise ProblemError(SUPPORTS_CLOSED)
        if not _add_unique(Support(problem_id=problem.id, user_id=user.id)):
            return False
        _bump(problem, "supports_count", +1)
        follow_problem(user, problem)
        _emit(problem_supported, problem=problem, user=user)
        return True
    removed = db.session.execute(
        delete(Support).where(Support.problem_id == problem.id, Support.user_id == user.id)
    ).rowcount
    if removed:
        _bump(problem, "supports_count", -removed)
    return bool(removed)


def toggle_support(user, problem):
    """Support the problem, or take the support back; return the new state."""
    supported = not is_supporting(user, problem)
    set_support(user, problem, supported)
    return supported


def is_supporting(user, problem):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Support.problem_id == problem.id, Support.user_id == user.id)
        )
    )


def is_following(user, problem):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Follow.problem_id == problem.id, Follow.user_id == user.id)
        )
    )


def follow_problem(user, problem):
    """Follow a problem (nothing happens if already followed)."""
    if _add_unique(Follow(problem_id=problem.id, user_id=user.id)):
        _bump(problem, "followers_count", +1)
        return True
    return False


def unfollow_problem(user, problem):
    removed = db.session.execute(
        delete(Follow).where(Follow.problem_id == problem.id, Follow.user_id == user.id)
    ).rowcount
    if removed:
        _bump(problem, "followers_count", -removed)
    return bool(removed)


def on_comment_posted(_sender, comment, target, author):
    """Commenting a problem follows it."""
    if isinstance(target, Problem):
        follow_problem(author, target)


# Listing -----------------------------------------------------------------------------------
#
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


def _filters(theme, district, status):
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
    conditions = _filters(theme, district, status)
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


def supported_among(user, problems):
    """The ids of `problems` that `user` supports, in one query."""
    if not user.is_authenticated or not problems:
        return set()
    ids = [problem.id for problem in problems]
    return set(
        db.session.scalars(
            select(Support.problem_id).where(
                Support.user_id == user.id, Support.problem_id.in_(ids)
            )
        )
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


def timeline_of(problem):
    """The problem's history: its proposal, then every change of stage with its note."""
    return db.session.scalars(
        select(StatusChange)
        .where(StatusChange.problem_id == problem.id)
        .options(joinedload(StatusChange.actor))
        .order_by(StatusChange.created_at, StatusChange.id)
    ).all()


def load_problem(problem_id):
    return db.session.scalar(
        select(Problem)
        .where(Problem.id == problem_id)
        .options(
            joinedload(Problem.theme), joinedload(Problem.district), joinedload(Problem.author)
        )
    )

"""The platform's public figures, over all its history or the last months: `/stats`, the
open-data API (`/api/v1/stats`) and the yearly report (`year_review`) all read them.

Every function returns plain data (lists and dicts of numbers, strings, dates and enum values,
which are strings) and keeps its shape: it is part of the API's contract. None knows about
requests or HTML. Each runs a fixed number of GROUP BY queries, whatever the amount of data.
What counts is the same everywhere: see `platform.transparency.public`. Months and years are
calendar months and years in UTC (`platform.transparency.periods`).
"""

from sqlalchemy import and_, case, distinct, func, select, union_all

from platform.comments.models import Comment
from platform.database import utcnow
from platform.experiments.models import Experiment, Method, SignUp, SignUpStatus
from platform.extensions import db
from platform.ideas.listing import listed as listed_problem
from platform.ideas.models import Problem, ProblemStatus, StatusChange, Support
from platform.surveys.models import Survey
from platform.taxonomy.models import District, Theme
from platform.transparency.periods import add_months, month_key, month_start, year_month
from platform.transparency.public import between, contributions, listed_experiment, listed_survey

# What citizens do, in the order the figures show it.
CONTRIBUTIONS = ("problems", "supports", "comments", "feedbacks", "sign_ups")
# The stages of the lab's process, in order (DESIGN.md §3).
STAGES = (
    ProblemStatus.PROPOSED,
    ProblemStatus.SELECTED,
    ProblemStatus.PROTOTYPING,
    ProblemStatus.EXPERIMENTING,
    ProblemStatus.ADOPTED,
)


def recent_months(count=12, today=None):
    """The first day of the first of the last `count` months, the current month included: the
    window `/stats` and the API show with `participation_by_month`."""
    today = today or utcnow().date()
    return add_months(today, 1 - count)


# Participation -----------------------------------------------------------------------------


def participation_by_month(first_month, months=12):
    """Public contributions per calendar month, for `months` months from `first_month` (a date;
    its day does not matter). Two queries.

    One dict per month, oldest first, empty months included:
    {"month": "2026-03", "problems": 4, "supports": 31, "comments": 12, "feedbacks": 5,
     "sign_ups": 7, "participants": 19}
    where "participants" counts the distinct accounts that made any of these contributions in
    that month (an account that was since deleted and anonymised no longer counts).
    """
    keys = [month_key(add_months(first_month, n)) for n in range(months)]
    start, end = month_start(keys[0]), month_start(month_key(add_months(first_month, months)))
    rows = {
        key: {"month": key, **dict.fromkeys(CONTRIBUTIONS, 0), "participants": 0} for key in keys
    }
    found = contributions(start, end)
    month = year_month(found.c.at)
    for key, kind, count in db.session.execute(
        select(month, found.c.kind, func.count()).group_by(month, found.c.kind)
    ):
        rows[key][kind] = count
    for key, count in db.session.execute(
        select(month, func.count(distinct(found.c.user_id)))
        .where(found.c.user_id.is_not(None))
        .group_by(month)
    ):
        rows[key]["participants"] = count
    return list(rows.values())


def participation_totals(start=None, end=None):
    """Public contributions in [start, end) (None: without that bound), and the number of distinct
    accounts that made them. Two queries.

    {"problems": 40, "supports": 310, "comments": 120, "feedbacks": 52, "sign_ups": 70,
     "participants": 95}
    """
    found = contributions(start, end)
    totals = dict.fromkeys(CONTRIBUTIONS, 0)
    totals.update(
        db.session.execute(select(found.c.kind, func.count()).group_by(found.c.kind)).all()
    )
    totals["participants"] = db.session.scalar(
        select(func.count(distinct(found.c.user_id))).where(found.c.user_id.is_not(None))
    )
    return totals


# Themes and districts -------------------------------------------------------------------------


def _counts_by(column):
    """{value of `column` on Idea: {"problems": n, "supports": n, "comments": n}}, 3 queries."""
    queries = {
        "problems": select(column, func.count()).where(listed_problem()),
        "supports": select(column, func.count())
        .select_from(Support)
        .join(Problem, Problem.id == Support.problem_id)
        .where(listed_problem()),
        "comments": select(column, func.count())
        .select_from(Comment)
        .join(Problem, Problem.id == Comment.problem_id)
        .where(listed_problem(), ~Comment.is_hidden, Comment.deleted_at.is_(None)),
    }
    counts = {}
    for kind, query in queries.items():
        for value, count in db.session.execute(query.group_by(column)):
            counts.setdefault(value, dict.fromkeys(queries, 0))[kind] = count
    return counts


def contributions_by_theme():
    """Public problems, their supports and their comments per theme, in the themes' order
    (comments on prototypes are not counted here). Four queries.

    [{"slug": "mobilite", "name": "Mobilité", "problems": 12, "supports": 140, "comments": 35}]
    with "name" in the current language. Every theme is listed, even without contributions.
    """
    counts = _counts_by(Problem.theme_id)
    themes = db.session.scalars(select(Theme).order_by(Theme.position, Theme.id))
    return [_named_counts(theme, counts.get(theme.id)) for theme in themes]


def contributions_by_district():
    """Public problems, their supports and their comments per district, in the districts'
    order, then those about the whole city (slug and name None) when there are any. Four queries.

    [{"slug": "le-port", "name": "Le Port", "problems": 5, "supports": 61, "comments": 17}]
    """
    counts = _counts_by(Problem.district_id)
    districts = db.session.scalars(select(District).order_by(District.position, District.id))
    rows = [_named_counts(district, counts.get(district.id)) for district in districts]
    if None in counts:
        rows.append({"slug": None, "name": None, **counts[None]})
    return rows


def _named_counts(item, counts):
    return {
        "slug": item.slug,
        "name": item.name,
        **(counts or {"problems": 0, "supports": 0, "comments": 0}),
    }


# The lab's process ---------------------------------------------------------------------------


def _stage_rank(column):
    return case({stage: rank for rank, stage in enumerate(STAGES)}, value=column, else_=0)


def funnel():
    """How many public problems ever reached each stage of the lab's process. One query.

    A problem counts at the furthest stage its timeline or its current status shows, and at every
    stage before it: a problem now adopted counts as proposed, selected, prototyping and
    experimenting as well; a problem not retained counts at the stages it reached before.

    [{"stage": "proposed", "problems": 36}, {"stage": "selected", "problems": 14}, ...,
     {"stage": "adopted", "problems": 3}]
    """
    reached = union_all(
        select(StatusChange.problem_id.label("problem_id"),
               _stage_rank(StatusChange.to_status).label("rank"))
        .join(Problem, Problem.id == StatusChange.problem_id)
        .where(listed_problem()),
        select(Problem.id, _stage_rank(Problem.status)).where(listed_problem()),
    ).subquery()  # fmt: skip
    furthest = (
        select(func.max(reached.c.rank).label("rank")).group_by(reached.c.problem_id).subquery()
    )
    problems_at = dict(
        db.session.execute(select(furthest.c.rank, func.count()).group_by(furthest.c.rank)).all()
    )
    return [
        {
            "stage": stage,
            "problems": sum(n for rank, n in problems_at.items() if rank >= index),
        }
        for index, stage in enumerate(STAGES)
    ]


def experiments_by_method(start=None, end=None):
    """Public experiments starting in [start, end) (None: without that bound) and their
    confirmed participants, per method, in the methods' order, empty ones included. One query.

    [{"method": "survey", "experiments": 3, "participants": 41}, ...]
    """
    rows = db.session.execute(
        select(Experiment.method, func.count(distinct(Experiment.id)), func.count(SignUp.id))
        .outerjoin(
            SignUp,
            and_(SignUp.experiment_id == Experiment.id, SignUp.status == SignUpStatus.CONFIRMED),
        )
        .where(listed_experiment(), between(Experiment.starts_at, start, end))
        .group_by(Experiment.method)
    )
    found = {method: (experiments, participants) for method, experiments, participants in rows}
    return [
        {
            "method": method,
            "experiments": found.get(method, (0, 0))[0],
            "participants": found.get(method, (0, 0))[1],
        }
        for method in Method
    ]


def survey_totals(start=None, end=None):
    """Public surveys opening in [start, end) (None: without that bound), how many published
    their results, and the responses sent to them. One query.

    {"surveys": 4, "surveys_with_results": 2, "survey_responses": 380}
    """
    surveys, with_results, responses = db.session.execute(
        select(
            func.count(),
            func.count(Survey.results_published_at),
            func.coalesce(func.sum(Survey.responses_count), 0),
        ).where(listed_survey(), between(Survey.opens_at, start, end))
    ).one()
    return {
        "surveys": surveys,
        "surveys_with_results": with_results,
        "survey_responses": int(responses),
    }

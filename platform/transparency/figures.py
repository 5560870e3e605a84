"""Public figures about participation, computed from the data: `/stats`, the yearly report and
the open-data API (`/api/v1/stats`) all read them.

Every function returns plain data (lists and dicts of numbers, strings, dates and enum values,
which are strings) and keeps its shape: it is part of the API's contract. None knows about
requests or HTML. Each runs a fixed number of GROUP BY queries, whatever the amount of data.

What counts, the same rule everywhere (only what the public can see):
- a problem counts when it is listed: published (not awaiting pre-moderation), not hidden by
  moderation, neither withdrawn by its author nor merged into another one (its supports moved to
  the problem it was merged into: counting both would count the duplicate twice);
- a support counts when its problem counts; a comment when it is neither hidden nor deleted and its
  problem counts, or its prototype is published and not hidden;
- a prototype feedback when it is not hidden and its prototype is published and not hidden;
- an experiment when it is published (not a draft) and not hidden; a sign-up when it is confirmed
  (the waiting list is not participation yet) for such an experiment.
Months and years are calendar months and years in UTC.
"""

from datetime import UTC, date, datetime

from sqlalchemy import String, and_, case, distinct, func, literal_column, or_, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from platform.comments.models import Comment
from platform.database import utcnow
from platform.experiments.models import Experiment, ExperimentStatus, Method, SignUp, SignUpStatus
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus, StatusChange, Support
from platform.ideas.services import listed as listed_problem
from platform.prototypes.models import Feedback, Prototype, PrototypeStatus, PrototypeVersion
from platform.taxonomy.models import District, Theme

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
FORWARD_STAGES = STAGES[1:]


class year_month(FunctionElement):  # noqa: N801 - used like a SQL function
    """The calendar month ('2026-03') of a UTC timestamp column, on SQLite and PostgreSQL.

    Written without bound parameters, so that the same expression in SELECT and GROUP BY is the
    same text for PostgreSQL.
    """

    type = String()
    name = "year_month"
    inherit_cache = True


@compiles(year_month)
def _year_month_sqlite(element, compiler, **kw):
    # SQLite stores UTC timestamps as text: "2026-03-14 09:30:00.000000".
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"


# Months and years ---------------------------------------------------------------------------


def month_key(day):
    """'2026-03' for any date or datetime in March 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key):
    """The first instant (UTC) of the month '2026-03'."""
    year, month = (int(part) for part in key.split("-"))
    return datetime(year, month, 1, tzinfo=UTC)


def add_months(day, months):
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def recent_months(count=12, today=None):
    """The first day of the first of the last `count` months, the current month included."""
    today = today or utcnow().date()
    return add_months(today, 1 - count)


def year_bounds(year):
    """The first instant of `year` and of the next one, in UTC."""
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


# What is public -------------------------------------------------------------------------------


def listed_prototype():
    return and_(Prototype.status != PrototypeStatus.DRAFT, ~Prototype.is_hidden)


def listed_experiment():
    return and_(Experiment.status != ExperimentStatus.DRAFT, ~Experiment.is_hidden)


def _between(column, start, end):
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return and_(True, *conditions)


def _contributions(start, end):
    """One row per public contribution made in [start, end): its kind, moment and account."""

    def kind(name):
        # A constant written in the SQL: no bound parameter for PostgreSQL to guess the type of.
        return literal_column(f"'{name}'", String).label("kind")

    comment_public = and_(
        ~Comment.is_hidden,
        Comment.deleted_at.is_(None),
        or_(listed_problem(), listed_prototype()),
    )
    return union_all(
        select(kind("problems"), Problem.created_at.label("at"), Problem.author_id.label("user_id"))
        .where(listed_problem(), _between(Problem.created_at, start, end)),
        select(kind("supports"), Support.created_at, Support.user_id)
        .join(Problem, Problem.id == Support.problem_id)
        .where(listed_problem(), _between(Support.created_at, start, end)),
        select(kind("comments"), Comment.created_at, Comment.author_id)
        .outerjoin(Problem, Problem.id == Comment.problem_id)
        .outerjoin(Prototype, Prototype.id == Comment.prototype_id)
        .where(comment_public, _between(Comment.created_at, start, end)),
        select(kind("feedbacks"), Feedback.created_at, Feedback.user_id)
        .join(PrototypeVersion, PrototypeVersion.id == Feedback.version_id)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(~Feedback.is_hidden, listed_prototype(), _between(Feedback.created_at, start, end)),
        select(kind("sign_ups"), SignUp.created_at, SignUp.user_id)
        .join(Experiment, Experiment.id == SignUp.experiment_id)
        .where(
            SignUp.status == SignUpStatus.CONFIRMED,
            listed_experiment(),
            _between(SignUp.created_at, start, end),
        ),
    ).subquery()  # fmt: skip


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
    found = _contributions(start, end)
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
    found = _contributions(start, end)
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
        .where(listed_experiment(), _between(Experiment.starts_at, start, end))
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


# The yearly report ---------------------------------------------------------------------------


def report_years():
    """The years that have a report: from the year of the first public problem to the current
    one (the current year alone while there is none). One query."""
    current = utcnow().year
    first = db.session.scalar(select(func.min(Problem.created_at)).where(listed_problem()))
    return range(min(first.year, current) if first else current, current + 1)


def yearly_report(year):
    """The lab's review of `year`, computed from the data. Nine queries.

    {"year": 2026,
     "key_figures": {<participation_totals for the year>, "selected": n, "prototyping": n,
                     "experimenting": n, "adopted": n (problems that reached each stage during
                     the year), "prototypes": n, "prototype_versions": n (published during the
                     year), "experiments": n (starting during the year),
                     "experiments_with_results": n},
     "participation": participation_by_month over the year's months (up to the current one),
     "problems": problems_moved_forward(year),
     "prototypes": prototypes_of_year(year),
     "experiments": experiments_of_year(year),
     "experiments_by_method": experiments_by_method over the year}
    """
    start, end = year_bounds(year)
    today = utcnow().date()
    months = 12 if year < today.year else today.month
    problems = problems_moved_forward(year)
    prototypes = prototypes_of_year(year)
    experiments = experiments_of_year(year)
    key_figures = participation_totals(start, end)
    for stage in FORWARD_STAGES:
        key_figures[stage.value] = sum(
            1
            for problem in problems
            if any(step["status"] == stage and step["at"] >= start for step in problem["timeline"])
        )
    key_figures["prototypes"] = len(prototypes)
    key_figures["prototype_versions"] = sum(
        1
        for prototype in prototypes
        for version in prototype["versions"]
        if version["published_at"] >= start
    )
    key_figures["experiments"] = len(experiments)
    key_figures["experiments_with_results"] = sum(1 for e in experiments if e["results"])
    return {
        "year": year,
        "key_figures": key_figures,
        "participation": participation_by_month(date(year, 1, 1), months),
        "problems": problems,
        "prototypes": prototypes,
        "experiments": experiments,
        "experiments_by_method": experiments_by_method(start, end),
    }


def problems_moved_forward(year):
    """Every public problem that moved forward (to selected, prototyping, experimenting or
    adopted) during `year`, with its timeline up to the end of that year. Two queries.

    Furthest stage first, then the most recent move first:
    [{"id": 7, "title": "...", "status": "adopted" (now), "reached": "adopted" (at the end of the
      year), "timeline": [{"status": "proposed", "at": datetime}, {"status": "selected", ...}]}]
    A pre-moderated problem's publication is its "proposed" step.
    """
    start, end = year_bounds(year)
    moved = (
        select(StatusChange.problem_id)
        .join(Problem, Problem.id == StatusChange.problem_id)
        .where(
            listed_problem(),
            StatusChange.to_status.in_(FORWARD_STAGES),
            _between(StatusChange.created_at, start, end),
        )
        .scalar_subquery()
    )
    problems = {
        problem.id: {
            "id": problem.id,
            "title": problem.title,
            "status": problem.status,
            "reached": ProblemStatus.PROPOSED,
            "timeline": [{"status": ProblemStatus.PROPOSED, "at": problem.created_at}],
        }
        for problem in db.session.scalars(select(Problem).where(Problem.id.in_(moved)))
    }
    for change in db.session.scalars(
        select(StatusChange)
        .where(StatusChange.problem_id.in_(moved), StatusChange.created_at < end)
        .order_by(StatusChange.created_at, StatusChange.id)
    ):
        problem = problems[change.problem_id]
        if change.to_status is ProblemStatus.PROPOSED:
            problem["timeline"][0]["at"] = change.created_at
            continue
        problem["timeline"].append({"status": change.to_status, "at": change.created_at})
        if change.to_status in STAGES:
            problem["reached"] = max(problem["reached"], change.to_status, key=STAGES.index)

    def order(problem):
        return (-STAGES.index(problem["reached"]), -problem["timeline"][-1]["at"].timestamp())

    return sorted(problems.values(), key=order)


def _version_published_at():
    # The first version is written with the draft and published with the prototype; later ones
    # are published as soon as they are written (only an open prototype gets a new version).
    return case(
        (PrototypeVersion.number == 1, Prototype.published_at),
        else_=PrototypeVersion.created_at,
    )


def prototypes_of_year(year):
    """Public prototypes with a version published during `year`, and the feedback trend of
    their versions published until the end of that year: per version, the number of testers
    and their average rating (1 to 5, None without feedback), counting the feedback given
    until the end of the year. One query.

    In the order of their first publication:
    [{"id": 3, "title": "...", "problem_id": 7, "problem_title": "...",
      "versions": [{"number": 1, "published_at": datetime, "feedbacks": 12,
                    "average_rating": 3.25}, ...]}]
    """
    start, end = year_bounds(year)
    published_at = _version_published_at()
    of_year = (
        select(PrototypeVersion.prototype_id)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(listed_prototype(), _between(published_at, start, end))
        .scalar_subquery()
    )
    feedback = (
        select(
            Feedback.version_id,
            func.count().label("feedbacks"),
            func.avg(Feedback.rating).label("average_rating"),
        )
        .where(~Feedback.is_hidden, Feedback.created_at < end)
        .group_by(Feedback.version_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Prototype.id,
            Prototype.title,
            Problem.id,
            Problem.title,
            PrototypeVersion.number,
            published_at,
            feedback.c.feedbacks,
            feedback.c.average_rating,
        )
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .join(Problem, Problem.id == Prototype.problem_id)
        .outerjoin(feedback, feedback.c.version_id == PrototypeVersion.id)
        .where(Prototype.id.in_(of_year), published_at < end)
        .order_by(Prototype.published_at, Prototype.id, PrototypeVersion.number)
    )
    prototypes = {}
    for row in rows:
        prototype_id, title, problem_id, problem_title, number, when, count, average = row
        prototype = prototypes.setdefault(
            prototype_id,
            {
                "id": prototype_id,
                "title": title,
                "problem_id": problem_id,
                "problem_title": problem_title,
                "versions": [],
            },
        )
        prototype["versions"].append(
            {
                "number": number,
                "published_at": when,
                "feedbacks": count or 0,
                "average_rating": None if average is None else float(average),
            }
        )
    return list(prototypes.values())


def experiments_of_year(year):
    """Public experiments that started during `year`, in order, with their confirmed
    participants and their results (Markdown, "" until published). One query.

    [{"id": 4, "title": "...", "method": "workshop", "problem_id": 7, "starts_at": datetime,
      "ends_at": datetime, "participants": 12, "results": "...",
      "results_published_at": datetime or None}]
    """
    start, end = year_bounds(year)
    confirmed = (
        select(SignUp.experiment_id, func.count().label("participants"))
        .where(SignUp.status == SignUpStatus.CONFIRMED)
        .group_by(SignUp.experiment_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Experiment, confirmed.c.participants)
        .outerjoin(confirmed, confirmed.c.experiment_id == Experiment.id)
        .where(listed_experiment(), _between(Experiment.starts_at, start, end))
        .order_by(Experiment.starts_at, Experiment.id)
    )
    return [
        {
            "id": experiment.id,
            "title": experiment.title,
            "method": experiment.method,
            "problem_id": experiment.problem_id,
            "starts_at": experiment.starts_at,
            "ends_at": experiment.ends_at,
            "participants": participants or 0,
            "results": experiment.results if experiment.results_published_at else "",
            "results_published_at": experiment.results_published_at,
        }
        for experiment, participants in rows
    ]

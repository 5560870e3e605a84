"""The lab's yearly report: the review of one calendar year (UTC), computed from the data.

Like `figures`, every function returns plain data, knows nothing of requests or HTML and runs a
fixed number of queries; what counts is the rule of `platform.transparency.public`.
"""

from datetime import date

from sqlalchemy import case, func, select

from platform.database import utcnow
from platform.experiments.models import Experiment, SignUp, SignUpStatus
from platform.extensions import db
from platform.ideas.listing import listed as listed_problem
from platform.ideas.models import Problem, ProblemStatus, StatusChange
from platform.prototypes.models import Feedback, Prototype, PrototypeVersion
from platform.surveys.models import Survey
from platform.transparency.figures import (
    STAGES,
    experiments_by_method,
    participation_by_month,
    participation_totals,
)
from platform.transparency.periods import year_bounds
from platform.transparency.public import (
    between,
    listed_experiment,
    listed_prototype,
    listed_survey,
)

# The stages a problem moves forward to, after being proposed.
FORWARD_STAGES = STAGES[1:]


def report_years():
    """The years that have a report: from the year of the first public problem to the current
    one (the current year alone while there is none). One query."""
    current = utcnow().year
    first = db.session.scalar(select(func.min(Problem.created_at)).where(listed_problem()))
    return range(min(first.year, current) if first else current, current + 1)


def yearly_report(year):
    """The lab's review of `year`, computed from the data. Ten queries.

    {"year": 2026,
     "key_figures": {<participation_totals for the year>, "selected": n, "prototyping": n,
                     "experimenting": n, "adopted": n (problems that reached each stage during
                     the year), "prototypes": n, "prototype_versions": n (published during the
                     year), "experiments": n (starting during the year),
                     "experiments_with_results": n, "surveys": n (opening during the year),
                     "surveys_with_results": n, "survey_responses": n},
     "participation": participation_by_month over the year's months (up to the current one),
     "problems": problems_moved_forward(year),
     "prototypes": prototypes_of_year(year),
     "experiments": experiments_of_year(year),
     "experiments_by_method": experiments_by_method over the year,
     "surveys": surveys_of_year(year)}
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
    surveys = surveys_of_year(year)
    key_figures["surveys"] = len(surveys)
    key_figures["surveys_with_results"] = sum(1 for s in surveys if s["results_published_at"])
    key_figures["survey_responses"] = sum(s["responses"] for s in surveys)
    return {
        "year": year,
        "key_figures": key_figures,
        "participation": participation_by_month(date(year, 1, 1), months),
        "problems": problems,
        "prototypes": prototypes,
        "experiments": experiments,
        "experiments_by_method": experiments_by_method(start, end),
        "surveys": surveys,
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
            between(StatusChange.created_at, start, end),
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
        .where(listed_prototype(), between(published_at, start, end))
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
        .where(listed_experiment(), between(Experiment.starts_at, start, end))
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


def surveys_of_year(year):
    """Public surveys that opened during `year`, in order, with their responses and, once
    published, the lab's reading of the results. One query.

    [{"id": 2, "title": "...", "problem_id": 7 or None, "opens_at": datetime,
      "closes_at": datetime, "responses": 210, "results_note": "...",
      "results_published_at": datetime or None}]
    """
    start, end = year_bounds(year)
    rows = db.session.scalars(
        select(Survey)
        .where(listed_survey(), between(Survey.opens_at, start, end))
        .order_by(Survey.opens_at, Survey.id)
    )
    return [
        {
            "id": survey.id,
            "title": survey.title,
            "problem_id": survey.problem_id,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "responses": survey.responses_count,
            "results_note": survey.results_note if survey.results_published_at else "",
            "results_published_at": survey.results_published_at,
        }
        for survey in rows
    ]

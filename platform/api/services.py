"""What the API publishes: exactly what a visitor sees on the public pages.

Every selection starts from the rule of the feature's own public list (`listed()` for problems,
`list_query` seen by a visitor who is not signed in for prototypes and experiments), so that
hidden, draft and pending content stays out by the same rules. The API then reads them by id
(`id > after`) for stable keyset pages. A page costs a fixed number of queries: the rows with
their theme, district and author, then one query per kind of linked item.
"""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from platform import timeline
from platform.accounts.models import AnonymousUser
from platform.experiments import services as experiment_services
from platform.experiments.models import Experiment, ExperimentStatus, Method
from platform.extensions import db
from platform.ideas import listing
from platform.ideas import services as problem_services
from platform.ideas.models import Problem, ProblemStatus
from platform.ideas.permissions import can_view_problem
from platform.prototypes import services as prototype_services
from platform.prototypes.models import Prototype, PrototypeStatus, PrototypeVersion
from platform.surveys import services as survey_services
from platform.surveys.models import Survey, SurveyStatus

# The API answers the same to everyone (its responses are publicly cached): it never looks at
# who is signed in.
VISITOR = AnonymousUser()

# Values of the filters: what the public lists can show.
PROBLEM_STATUSES = [status.value for status in ProblemStatus if status.is_listed]
PROTOTYPE_STATUSES = [s.value for s in PrototypeStatus if s is not PrototypeStatus.DRAFT]
EXPERIMENT_STATUSES = [s.value for s in ExperimentStatus if s is not ExperimentStatus.DRAFT]
METHODS = [method.value for method in Method]
SURVEY_STATUSES = [s.value for s in SurveyStatus if s is not SurveyStatus.DRAFT]


def problems_query(filters):
    """The listed problems that `filters` (a `ProblemFilters`) narrow to, with their theme,
    district and author."""
    conditions = listing.filter_conditions(filters.theme, filters.district, filters.status)
    return (
        select(Problem)
        .where(*conditions)
        .options(
            joinedload(Problem.theme), joinedload(Problem.district), joinedload(Problem.author)
        )
    )


def prototypes_query(*, problem_id=None, status=None):
    query = prototype_services.list_query(VISITOR)
    if problem_id is not None:
        query = query.where(Prototype.problem_id == problem_id)
    if status is not None:
        query = query.where(Prototype.status == PrototypeStatus(status))
    return query


def experiments_query(*, problem_id=None, method=None, status=None):
    method = Method(method) if method else None
    query = experiment_services.list_query(VISITOR, method=method)
    if problem_id is not None:
        query = query.where(Experiment.problem_id == problem_id)
    if status is not None:
        query = query.where(Experiment.status == ExperimentStatus(status))
    return query


def surveys_query(*, problem_id=None, status=None):
    query = survey_services.list_query(VISITOR)
    if problem_id is not None:
        query = query.where(Survey.problem_id == problem_id)
    if status is not None:
        query = query.where(Survey.status == SurveyStatus(status))
    return query


def visible_survey(survey_id):
    """The survey a visitor can read (not a draft, not hidden), or None."""
    return db.session.scalar(survey_services.list_query(VISITOR).where(Survey.id == survey_id))


def since(query, model, *, created_since=None, updated_since=None):
    if created_since is not None:
        query = query.where(model.created_at >= created_since)
    if updated_since is not None:
        query = query.where(model.updated_at >= updated_since)
    return query


def page_of(query, model, *, after, limit):
    """The `limit` rows after the id `after`, and whether more follow (one query)."""
    rows = db.session.scalars(
        query.where(model.id > after).order_by(None).order_by(model.id).limit(limit + 1)
    ).all()
    return rows[:limit], len(rows) > limit


def batches_of(query, model, size=500):
    """Every row of `query` in batches of `size`, by id, never all of them in memory at once."""
    after = 0
    while True:
        rows, more = page_of(query, model, after=after, limit=size)
        if rows:
            yield rows
        if not more:
            return
        after = rows[-1].id


def visible_problem(problem_id):
    """The problem a visitor can read at /ideas/<id>, or None (unknown, pending or hidden)."""
    problem = problem_services.load_problem(problem_id)
    if problem is None or problem.is_hidden or not can_view_problem(VISITOR, problem):
        return None
    return problem


def _ids_by_problem(query, model, problems):
    found = defaultdict(list)
    ids = [problem.id for problem in problems]
    if ids:
        rows = db.session.execute(
            query.with_only_columns(model.problem_id, model.id)
            .where(model.problem_id.in_(ids))
            .order_by(None)
            .order_by(model.id)
        )
        for problem_id, item_id in rows:
            found[problem_id].append(item_id)
    return found


def linked_ids(problems):
    """{problem_id: [prototype ids]} and {problem_id: [experiment ids]} a visitor can see
    (2 queries)."""
    return (
        _ids_by_problem(prototype_services.list_query(VISITOR), Prototype, problems),
        _ids_by_problem(experiment_services.list_query(VISITOR), Experiment, problems),
    )


def versions_of(prototypes):
    """{prototype_id: [versions, oldest first]} (one query)."""
    return prototype_services.versions_of_prototypes(prototypes)


def tested_versions(experiments):
    """{version id: (prototype id, number)} of the visible prototype versions that `experiments`
    test (one query)."""
    ids = {e.prototype_version_id for e in experiments if e.prototype_version_id}
    if not ids:
        return {}
    visible = prototype_services.list_query(VISITOR).with_only_columns(Prototype.id).order_by(None)
    rows = db.session.execute(
        select(PrototypeVersion.id, PrototypeVersion.prototype_id, PrototypeVersion.number).where(
            PrototypeVersion.id.in_(ids), PrototypeVersion.prototype_id.in_(visible)
        )
    )
    return {version_id: (prototype_id, number) for version_id, prototype_id, number in rows}


def story_of(problem):
    """The problem's public story, as its page tells it to a visitor (a fixed number of
    queries): its timeline, its prototypes and its experiments."""
    return timeline.story_of(problem, VISITOR)

"""Compare every stored counter with the rows it counts (DESIGN.md §6).

Used after loading the generated data, and after the benchmark's concurrent support toggles:
the counters must equal their rows exactly, whatever the load.
"""

from sqlalchemy import func, select

from platform.comments.models import Comment
from platform.experiments.models import Experiment, SignUp, SignUpStatus
from platform.ideas.models import Follow, Problem, Support
from platform.prototypes.models import Feedback, Prototype, PrototypeVersion
from platform.surveys.models import Survey, SurveyResponse


def _live_comments(column, owner):
    return select(func.count(Comment.id)).where(column == owner.id, Comment.deleted_at.is_(None))


def _checks():
    """counter name -> (stored column, the count of its source rows, correlated to the owner)."""
    return {
        "idea.supports_count": (
            Problem.supports_count,
            select(func.count(Support.id)).where(Support.problem_id == Problem.id),
        ),
        "idea.followers_count": (
            Problem.followers_count,
            select(func.count(Follow.id)).where(Follow.problem_id == Problem.id),
        ),
        "idea.comments_count": (
            Problem.comments_count,
            _live_comments(Comment.problem_id, Problem),
        ),
        "prototype.comments_count": (
            Prototype.comments_count,
            _live_comments(Comment.prototype_id, Prototype),
        ),
        "prototype.versions_count": (
            Prototype.versions_count,
            select(func.count(PrototypeVersion.id)).where(
                PrototypeVersion.prototype_id == Prototype.id
            ),
        ),
        "prototype_version.feedbacks_count": (
            PrototypeVersion.feedbacks_count,
            select(func.count(Feedback.id)).where(Feedback.version_id == PrototypeVersion.id),
        ),
        "prototype_version.rating_sum": (
            PrototypeVersion.rating_sum,
            select(func.coalesce(func.sum(Feedback.rating), 0)).where(
                Feedback.version_id == PrototypeVersion.id
            ),
        ),
        "experiment.participants_count": (
            Experiment.participants_count,
            select(func.count(SignUp.id)).where(
                SignUp.experiment_id == Experiment.id, SignUp.status == SignUpStatus.CONFIRMED
            ),
        ),
        "experiment.waiting_count": (
            Experiment.waiting_count,
            select(func.count(SignUp.id)).where(
                SignUp.experiment_id == Experiment.id, SignUp.status == SignUpStatus.WAITING
            ),
        ),
        "survey.responses_count": (
            Survey.responses_count,
            select(func.count(SurveyResponse.id)).where(
                SurveyResponse.survey_id == Survey.id, SurveyResponse.submitted_at.is_not(None)
            ),
        ),
    }


def counter_drift(session, names=None):
    """{counter: number of rows whose stored value differs from its source rows}."""
    drift = {}
    for name, (stored, actual) in _checks().items():
        if names is not None and name not in names:
            continue
        owner = stored.class_
        drift[name] = session.scalar(
            select(func.count()).select_from(owner).where(stored != actual.scalar_subquery())
        )
    return drift


def support_totals(session):
    """(sum of stored supports_count, number of support rows): equal when nothing drifted."""
    stored = session.scalar(select(func.coalesce(func.sum(Problem.supports_count), 0)))
    return stored, session.scalar(select(func.count(Support.id)))

"""What the public figures count, the same rule everywhere (only what the public can see):

- a problem counts when it is listed (`platform.ideas.listing.listed`): published (not awaiting
  pre-moderation), not hidden by moderation, neither withdrawn by its author nor merged into
  another one (its supports moved to the problem it was merged into: counting both would count
  the duplicate twice);
- a support counts when its problem counts; a comment when it is neither hidden nor deleted and its
  problem counts, or its prototype is published and not hidden;
- a prototype feedback when it is not hidden and its prototype is published and not hidden;
- a survey when it is opened (not a draft) and not hidden, with the responses sent to it;
- an experiment when it is published (not a draft) and not hidden; a sign-up when it is confirmed
  (the waiting list is not participation yet) for such an experiment.
"""

from sqlalchemy import String, and_, literal_column, or_, select, union_all

from platform.comments.models import Comment
from platform.experiments.models import Experiment, ExperimentStatus, SignUp, SignUpStatus
from platform.ideas.listing import listed as listed_problem
from platform.ideas.models import Problem, Support
from platform.prototypes.models import Feedback, Prototype, PrototypeStatus, PrototypeVersion
from platform.surveys.models import Survey, SurveyStatus


def listed_prototype():
    return and_(Prototype.status != PrototypeStatus.DRAFT, ~Prototype.is_hidden)


def listed_experiment():
    return and_(Experiment.status != ExperimentStatus.DRAFT, ~Experiment.is_hidden)


def listed_survey():
    return and_(Survey.status != SurveyStatus.DRAFT, ~Survey.is_hidden)


def between(column, start, end):
    """`column` in [start, end), None meaning no bound on that side."""
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return and_(True, *conditions)


def contributions(start, end):
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
        .where(listed_problem(), between(Problem.created_at, start, end)),
        select(kind("supports"), Support.created_at, Support.user_id)
        .join(Problem, Problem.id == Support.problem_id)
        .where(listed_problem(), between(Support.created_at, start, end)),
        select(kind("comments"), Comment.created_at, Comment.author_id)
        .outerjoin(Problem, Problem.id == Comment.problem_id)
        .outerjoin(Prototype, Prototype.id == Comment.prototype_id)
        .where(comment_public, between(Comment.created_at, start, end)),
        select(kind("feedbacks"), Feedback.created_at, Feedback.user_id)
        .join(PrototypeVersion, PrototypeVersion.id == Feedback.version_id)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(~Feedback.is_hidden, listed_prototype(), between(Feedback.created_at, start, end)),
        select(kind("sign_ups"), SignUp.created_at, SignUp.user_id)
        .join(Experiment, Experiment.id == SignUp.experiment_id)
        .where(
            SignUp.status == SignUpStatus.CONFIRMED,
            listed_experiment(),
            between(SignUp.created_at, start, end),
        ),
    ).subquery()  # fmt: skip

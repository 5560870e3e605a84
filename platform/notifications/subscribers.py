"""What each feature's signal means for whom: the subscribers that create notifications.

Connected once per application by the blueprint (`platform/notifications/__init__.py`); they run
inside the transaction of the action, so a refused action notifies no one.
"""

from sqlalchemy import delete, select

from platform.comments.models import Comment
from platform.experiments.models import experiment_organiser
from platform.extensions import db
from platform.moderation.models import ActionType, TargetType
from platform.notifications.models import Kind, Notification
from platform.notifications.services import follower_ids, notify
from platform.prototypes.models import PrototypeVersion
from platform.signals import (
    comment_posted,
    experiment_opened,
    moderation_decision,
    place_freed,
    problem_status_changed,
    prototype_published,
    results_published,
    survey_results_published,
)


def on_comment_posted(_sender, comment, target, author, **_kwargs):
    """The parent comment's author hears of a reply; the problem's author of a comment."""
    if comment.is_hidden:
        return
    links = {
        "comment_id": comment.id,
        "problem_id": comment.problem_id,
        "prototype_id": comment.prototype_id,
    }
    told = set()
    if comment.parent_id is not None:
        parent_author = db.session.scalar(
            select(Comment.author_id).where(Comment.id == comment.parent_id)
        )
        told.update(notify(Kind.REPLY, [parent_author], actor_id=author.id, **links))
    if comment.problem_id is not None and target.author_id not in told:
        notify(Kind.COMMENT, [target.author_id], actor_id=author.id, **links)


def on_status_changed(_sender, problem, change, **_kwargs):
    if problem.is_hidden:
        return
    notify(
        Kind.STATUS_CHANGED,
        follower_ids(problem.id),
        actor_id=change.actor_id,
        problem_id=problem.id,
        status_change_id=change.id,
    )


def on_prototype_published(_sender, prototype, problem, actor, **_kwargs):
    if prototype.is_hidden:
        return
    notify(
        Kind.PROTOTYPE_PUBLISHED,
        follower_ids(problem.id),
        actor_id=actor.id,
        problem_id=problem.id,
        prototype_id=prototype.id,
    )


def on_experiment_opened(_sender, experiment, problem, actor, **_kwargs):
    if experiment.is_hidden:
        return
    notify(
        Kind.EXPERIMENT_OPENED,
        follower_ids(problem.id),
        actor_id=actor.id,
        problem_id=problem.id,
        experiment_id=experiment.id,
    )


def on_place_freed(_sender, experiment, sign_up, **_kwargs):
    notify(
        Kind.PLACE_FREED,
        [sign_up.user_id],
        problem_id=experiment.problem_id,
        experiment_id=experiment.id,
    )


def on_results_published(_sender, experiment, participant_ids, actor=None, **_kwargs):
    """Participants and the problem's followers; not the organisers, who wrote the results,
    nor whoever published them."""
    organisers = set(
        db.session.scalars(
            select(experiment_organiser.c.user_id).where(
                experiment_organiser.c.experiment_id == experiment.id
            )
        )
    )
    notify(
        Kind.RESULTS_PUBLISHED,
        (follower_ids(experiment.problem_id) | set(participant_ids)) - organisers,
        actor_id=actor.id if actor is not None else None,
        problem_id=experiment.problem_id,
        experiment_id=experiment.id,
    )


def on_survey_results_published(_sender, survey, respondent_ids, actor=None, **_kwargs):
    """Every account that sent a response (found by its key when the survey is anonymous: the
    notification says the account answered, which only the account itself reads)."""
    if survey.is_hidden:
        return
    notify(
        Kind.SURVEY_RESULTS,
        respondent_ids,
        actor_id=actor.id if actor is not None else None,
        problem_id=survey.problem_id,
        survey_id=survey.id,
    )


DECISIONS = {ActionType.HIDE: Kind.CONTENT_HIDDEN, ActionType.RESTORE: Kind.CONTENT_RESTORED}


def on_moderation_decision(_sender, target_type, item, action, author_id, actor=None, **_kwargs):
    """The author hears of a moderator hiding or restoring their contribution."""
    kind = DECISIONS.get(action)
    if kind is None:
        return
    if target_type == TargetType.PROBLEM:
        links = {"problem_id": item.id}
    elif target_type == TargetType.COMMENT:
        links = {
            "comment_id": item.id,
            "problem_id": item.problem_id,
            "prototype_id": item.prototype_id,
        }
        if kind is Kind.CONTENT_HIDDEN:
            forget_comment(item)
    elif target_type == TargetType.FEEDBACK:
        prototype_id = db.session.scalar(
            select(PrototypeVersion.prototype_id).where(PrototypeVersion.id == item.version_id)
        )
        links = {"feedback_id": item.id, "prototype_id": prototype_id}
    else:
        return
    notify(kind, [author_id], actor_id=actor.id if actor else None, **links)


def forget_comment(comment):
    """A hidden comment no longer notifies anyone of its existence."""
    db.session.execute(
        delete(Notification).where(
            Notification.comment_id == comment.id,
            Notification.kind.in_([Kind.COMMENT, Kind.REPLY]),
        )
    )


def connect():
    """Subscribe to the features' signals (connecting twice is harmless: blinker keeps one)."""
    comment_posted.connect(on_comment_posted)
    problem_status_changed.connect(on_status_changed)
    prototype_published.connect(on_prototype_published)
    experiment_opened.connect(on_experiment_opened)
    place_freed.connect(on_place_freed)
    results_published.connect(on_results_published)
    survey_results_published.connect(on_survey_results_published)
    moderation_decision.connect(on_moderation_decision)

"""An account's own data: the export it can download, and deleting it (DESIGN.md §6).

This is the one place that knows where an account's personal data lives, so that what the export
shows and what deletion erases can be read side by side. Features added later that keep data
about an account answer the `account_exporting` signal with their part of the export, and listen
to `account_deleted` to erase it.

Deleting keeps the account's row, emptied of everything personal, so that what it took part in
still adds up (supports, sign-ups to past experiments, the moderation log). Its contributions stay
readable under "Deleted account": their link to the account is cut.
"""

import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from platform.accounts.models import Role, User
from platform.accounts.services import AccountError
from platform.database import utcnow
from platform.extensions import db
from platform.signals import account_deleted, account_exporting

EXPORT_FORMAT = 1


def _when(value):
    return value.isoformat() if value is not None else None


def export_account(user):
    """Everything the account contributed and its settings, as JSON-ready data."""
    from platform.comments.models import Comment
    from platform.experiments.models import Experiment, SignUp
    from platform.ideas.models import Follow, Problem, Support
    from platform.moderation.models import Report
    from platform.prototypes.models import Answer, Feedback, Prototype, PrototypeVersion

    def rows(statement):
        return db.session.execute(statement).all()

    data = {
        "format": EXPORT_FORMAT,
        "exported_at": _when(utcnow()),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.value,
            "language": user.locale,
            "district": user.district.slug if user.district else None,
            "created_at": _when(user.created_at),
            "accepted_terms_at": _when(user.accepted_terms_at),
            "last_sign_in_at": _when(user.last_sign_in_at),
            "suspended_until": _when(user.suspended_until),
            "suspension_reason": user.suspension_reason or None,
        },
        "problems": [
            {
                "id": problem.id,
                "title": problem.title,
                "description": problem.description,
                "status": problem.status.value,
                "created_at": _when(problem.created_at),
            }
            for (problem,) in rows(
                select(Problem).where(Problem.author_id == user.id).order_by(Problem.id)
            )
        ],
        "comments": [
            {
                "id": comment.id,
                "problem_id": comment.problem_id,
                "prototype_id": comment.prototype_id,
                "in_reply_to": comment.parent_id,
                "body": comment.body,
                "created_at": _when(comment.created_at),
                "edited_at": _when(comment.edited_at),
                "deleted_at": _when(comment.deleted_at),
            }
            for (comment,) in rows(
                select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)
            )
        ],
        "supports": [
            {"problem_id": problem_id, "title": title, "created_at": _when(created_at)}
            for problem_id, title, created_at in rows(
                select(Support.problem_id, Problem.title, Support.created_at)
                .join(Problem, Problem.id == Support.problem_id)
                .where(Support.user_id == user.id)
                .order_by(Support.id)
            )
        ],
        "follows": [
            {"problem_id": problem_id, "title": title, "created_at": _when(created_at)}
            for problem_id, title, created_at in rows(
                select(Follow.problem_id, Problem.title, Follow.created_at)
                .join(Problem, Problem.id == Follow.problem_id)
                .where(Follow.user_id == user.id)
                .order_by(Follow.id)
            )
        ],
        "prototypes": [
            {
                "id": prototype.id,
                "title": prototype.title,
                "summary": prototype.summary,
                "description": prototype.description,
                "created_at": _when(prototype.created_at),
            }
            for (prototype,) in rows(
                select(Prototype).where(Prototype.author_id == user.id).order_by(Prototype.id)
            )
        ],
        "feedback": _feedback(user, rows, Answer, Feedback, PrototypeVersion),
        "experiment_sign_ups": [
            {
                "experiment_id": experiment_id,
                "title": title,
                "status": status.value,
                "created_at": _when(created_at),
            }
            for experiment_id, title, status, created_at in rows(
                select(SignUp.experiment_id, Experiment.title, SignUp.status, SignUp.created_at)
                .join(Experiment, Experiment.id == SignUp.experiment_id)
                .where(SignUp.user_id == user.id)
                .order_by(SignUp.id)
            )
        ],
        "reports": [
            {
                "target_type": report.target_type.value,
                "target_id": report.target_id,
                "reason": report.reason.value,
                "note": report.note,
                "created_at": _when(report.created_at),
            }
            for (report,) in rows(
                select(Report).where(Report.reporter_id == user.id).order_by(Report.id)
            )
        ],
    }
    for _receiver, part in account_exporting.send(current_app._get_current_object(), user=user):
        data.update(part or {})
    return data


def _feedback(user, rows, Answer, Feedback, PrototypeVersion):  # noqa: N803 - model classes
    feedback = rows(
        select(Feedback, PrototypeVersion.prototype_id, PrototypeVersion.number)
        .join(PrototypeVersion, PrototypeVersion.id == Feedback.version_id)
        .where(Feedback.user_id == user.id)
        .order_by(Feedback.id)
    )
    answers = {}
    for answer in db.session.scalars(
        select(Answer)
        .join(Feedback, Feedback.id == Answer.feedback_id)
        .where(Feedback.user_id == user.id)
        .order_by(Answer.id)
    ):
        answers.setdefault(answer.feedback_id, []).append(
            {
                "question_id": answer.question_id,
                "text": answer.text_value,
                "scale": answer.scale_value,
            }
        )
    return [
        {
            "prototype_id": prototype_id,
            "version": number,
            "rating": item.rating,
            "comment": item.comment,
            "answers": answers.get(item.id, []),
            "created_at": _when(item.created_at),
        }
        for item, prototype_id, number in feedback
    ]


def delete_account(user, password):
    """Erase the account's personal data after checking its password; see the module's doc."""
    if not user.check_password(password):
        raise AccountError(_l("Your password is not correct."), "password")
    if user.role is Role.ADMIN and not _another_admin(user):
        raise AccountError(
            _l("You are the only administrator: give that role to another account first."),
            "password",
        )
    _leave_experiments(user)
    _detach_contributions(user)
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@deleted.invalid"
    user.display_name = ""
    user.password_hash = "!"  # noqa: S105 - not a hash: no password matches it
    user.role = Role.CITIZEN
    user.locale = None
    user.district = None
    user.last_sign_in_at = None
    user.suspended_until = None
    user.suspension_reason = ""
    user.deleted_at = utcnow()
    user.rotate_session_token()
    db.session.flush()
    account_deleted.send(current_app._get_current_object(), user=user)


def _another_admin(user):
    return db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.id != user.id, User.deleted_at.is_(None))
    )


def _leave_experiments(user):
    """Give back places not yet used and turns on waiting lists; the waiting lists move up.

    A place in an experiment that has started stays (anonymous): it happened.
    """
    from platform.experiments.models import Experiment, SignUp, SignUpStatus
    from platform.experiments.services import leave_experiment

    now = utcnow()
    for sign_up, experiment in db.session.execute(
        select(SignUp, Experiment)
        .join(Experiment, Experiment.id == SignUp.experiment_id)
        .where(SignUp.user_id == user.id)
        .order_by(SignUp.id)
    ):
        if sign_up.status is SignUpStatus.WAITING or experiment.starts_at > now:
            leave_experiment(user, experiment)


def _detach_contributions(user):
    """Keep what the account wrote, under "Deleted account"; drop what only served it."""
    from platform.comments.models import Comment
    from platform.experiments.models import experiment_organiser
    from platform.ideas.models import Follow, Problem, StatusChange
    from platform.prototypes.models import Feedback, Prototype

    db.session.flush()
    for model, column in (
        (Problem, Problem.author_id),
        (Comment, Comment.author_id),
        (Prototype, Prototype.author_id),
        (Feedback, Feedback.user_id),
        (StatusChange, StatusChange.actor_id),
    ):
        db.session.execute(
            update(model).where(column == user.id).values({column.key: None}),
            execution_options={"synchronize_session": False},
        )
    followed = select(Follow.problem_id).where(Follow.user_id == user.id).scalar_subquery()
    db.session.execute(
        update(Problem)
        .where(Problem.id.in_(followed))
        .values(followers_count=Problem.followers_count - 1),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(delete(Follow).where(Follow.user_id == user.id))
    db.session.execute(
        delete(experiment_organiser).where(experiment_organiser.c.user_id == user.id)
    )
    # Objects already loaded in this session must not write the old links back.
    db.session.expire_all()

"""Reports and moderators' decisions on contributions; every decision is logged once.

Services take the acting user, flush and never commit; a refused action raises
`ModerationError`.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.moderation.log import log_action
from platform.moderation.models import (
    AUTO_HIDDEN_REASON,
    ActionType,
    ModerationAction,
    Report,
    ReportReason,
    TargetType,
)
from platform.moderation.permissions import author_id_of, can_report
from platform.prototypes.models import Feedback, PrototypeVersion
from platform.roles import Role
from platform.rules import RuleError
from platform.signals import moderation_decision
from platform.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

NOTE_MAX = 1_000
REASON_MAX = 1_000
# The model behind each kind of reportable item.
MODELS = {
    TargetType.PROBLEM: Problem,
    TargetType.COMMENT: Comment,
    TargetType.FEEDBACK: Feedback,
    TargetType.SURVEY_ANSWER: SurveyAnswer,
}


class ModerationError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def parse_target(target_type, target_id):
    """The item a form names, or a ModerationError."""
    try:
        kind = TargetType(target_type)
        model = MODELS[kind]
        number = int(target_id)
    except (ValueError, KeyError, TypeError):
        raise ModerationError(_l("This contribution does not exist.")) from None
    item = db.session.get(model, number)
    if item is None or not _is_public(kind, item):
        raise ModerationError(_l("This contribution does not exist."))
    return kind, item


def _is_public(kind, item):
    """A deleted comment is gone; a survey's answer is public only as a published quotation
    (any other answer stays with the survey's organisers, never shown to moderators)."""
    if kind is TargetType.COMMENT:
        return not item.is_deleted
    if kind is TargetType.SURVEY_ANSWER:
        return item.quoted_at is not None
    return True


def _open_reports(kind, item):
    return (
        Report.target_type == kind,
        Report.target_id == item.id,
        Report.resolved_at.is_(None),
    )


def report_content(reporter, target_type, target_id, reason, note=""):
    """Report an item; the Nth distinct account's report hides it until a moderator decides."""
    kind, item = parse_target(target_type, target_id)
    try:
        reason = ReportReason(reason)
    except ValueError:
        raise ModerationError(_l("Choose one of the reasons in the list."), "reason") from None
    note = (note or "").strip()
    if reason is ReportReason.OTHER and not note:
        raise ModerationError(_l("Say what is wrong with this contribution."), "note")
    if len(note) > NOTE_MAX:
        raise ModerationError(_l("At most %(n)s characters.", n=NOTE_MAX), "note")
    if not can_report(reporter, item):
        raise ModerationError(_l("You cannot report your own contribution."))
    report = Report(target_type=kind, target_id=item.id, reporter_id=reporter.id, reason=reason,
                    note=note)  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:
        raise ModerationError(_l("You have already reported this contribution.")) from None
    distinct = db.session.scalar(
        select(func.count(func.distinct(Report.reporter_id))).where(*_open_reports(kind, item))
    )
    if distinct >= current_app.config["MODERATION_AUTO_HIDE_REPORTS"] and not item.is_hidden:
        item.is_hidden, item.hidden_reason = True, AUTO_HIDDEN_REASON
        db.session.flush()
        log_action(None, ActionType.AUTO_HIDE, kind, item.id,
                   details=f"{distinct} reports")  # fmt: skip
    return report


def _resolve_reports(kind, item):
    db.session.execute(
        update(Report)
        .where(*_open_reports(kind, item))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _decided(actor, kind, item, action, reason):
    moderation_decision.send(
        current_app._get_current_object(), target_type=kind, item=item, action=action,
        reason=reason, author_id=author_id_of(item), actor=actor,
    )  # fmt: skip


def hide_content(actor, target_type, target_id, reason):
    """Hide an item from the public; its author is shown the reason."""
    kind, item = parse_target(target_type, target_id)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_l("Give the reason, which the author will see."), "reason")
    if len(reason) > REASON_MAX:
        raise ModerationError(_l("At most %(n)s characters.", n=REASON_MAX), "reason")
    item.is_hidden, item.hidden_reason = True, reason
    _resolve_reports(kind, item)
    db.session.flush()
    log_action(actor, ActionType.HIDE, kind, item.id, reason=reason)
    _decided(actor, kind, item, ActionType.HIDE, reason)
    return item


def restore_content(actor, target_type, target_id, reason=""):
    """Show a hidden item again; its open reports are closed."""
    kind, item = parse_target(target_type, target_id)
    if not item.is_hidden:
        raise ModerationError(_l("This contribution is not hidden."))
    item.is_hidden, item.hidden_reason = False, ""
    _resolve_reports(kind, item)
    db.session.flush()
    log_action(actor, ActionType.RESTORE, kind, item.id, reason=reason)
    _decided(actor, kind, item, ActionType.RESTORE, reason)
    return item


def dismiss_reports(actor, target_type, target_id, reason=""):
    """Judge the reports unfounded: close them, and show again an item hidden automatically."""
    kind, item = parse_target(target_type, target_id)
    open_count = db.session.scalar(select(func.count()).where(*_open_reports(kind, item)))
    if not open_count:
        raise ModerationError(_l("There is no open report on this contribution."))
    if item.is_hidden and item.hidden_reason == AUTO_HIDDEN_REASON:
        item.is_hidden, item.hidden_reason = False, ""
    _resolve_reports(kind, item)
    db.session.flush()
    log_action(actor, ActionType.DISMISS, kind, item.id, reason=reason,
               details=f"{open_count} reports")  # fmt: skip
    return item


BULK_ACTIONS = {"hide": hide_content, "dismiss": dismiss_reports}


def bulk(actor, action, targets, reason=""):
    """Apply one decision to many items (spam waves); each item gets its own log entry.

    All or nothing: when one item is refused, the decisions already taken are undone.
    """
    if action not in BULK_ACTIONS:
        raise ModerationError(_l("Choose one of the actions in the list."), "action")
    if not targets:
        raise ModerationError(_l("Select at least one contribution."), "targets")
    if action == "hide" and not (reason or "").strip():
        raise ModerationError(_l("Give the reason, which the author will see."), "reason")
    done = []
    with db.session.begin_nested():
        for target in targets:
            kind, _sep, number = target.partition(":")
            done.append(BULK_ACTIONS[action](actor, kind, number, reason))
    return done


def publish_pending(actor, problem):
    """Publish a problem that waited for moderation (pre-moderation)."""
    if problem.status is not ProblemStatus.PENDING:
        raise ModerationError(_l("This problem is not waiting for moderation."))
    change = problems.publish_pending_problem(actor, problem)
    log_action(actor, ActionType.PUBLISH, TargetType.PROBLEM, problem.id)
    return change


def on_status_changed(_sender, problem, change):
    """A moderator's or admin's change of a problem's stage is a moderation action too."""
    actor = db.session.get(User, change.actor_id) if change.actor_id else None
    if (
        actor is not None
        and actor.has_role(Role.MODERATOR)
        and change.to_status not in (ProblemStatus.MERGED, ProblemStatus.PROPOSED)
    ):
        details = f"{change.from_status.value} → {change.to_status.value}"
        log_action(
            actor, ActionType.CHANGE_STATUS, TargetType.PROBLEM, problem.id, reason=change.note,
            details=details,
        )  # fmt: skip


def on_role_changed(_sender, actor, account, old_role, new_role):
    log_action(actor, ActionType.CHANGE_ROLE, TargetType.ACCOUNT, account.id,
               details=f"{old_role.value} → {new_role.value}")  # fmt: skip


# Reading -----------------------------------------------------------------------------------


def queue():
    """Reported items, most reported first, with their reports; a fixed number of queries."""
    rows = db.session.execute(
        select(Report.target_type, Report.target_id, func.count(), func.max(Report.created_at))
        .where(Report.resolved_at.is_(None))
        .group_by(Report.target_type, Report.target_id)
        .order_by(func.count().desc(), func.max(Report.created_at).desc())
        .limit(200)
    ).all()
    items = {}
    for kind, model in MODELS.items():
        ids = [target_id for target_type, target_id, *_ in rows if target_type is kind]
        if not ids:
            continue
        for item in db.session.scalars(_reported(model, ids)):
            items[(kind, item.id)] = item
    reports = {}
    for report in db.session.scalars(
        select(Report).where(Report.resolved_at.is_(None)).order_by(Report.created_at)
    ):
        reports.setdefault((report.target_type, report.target_id), []).append(report)
    feedback_ids = [i for (k, i) in items if k is TargetType.FEEDBACK]
    prototype_of = dict(
        db.session.execute(
            select(Feedback.id, PrototypeVersion.prototype_id)
            .join(PrototypeVersion, PrototypeVersion.id == Feedback.version_id)
            .where(Feedback.id.in_(feedback_ids))
        ).all()
    ) if feedback_ids else {}  # fmt: skip
    survey_of = _surveys_of([i for (k, i) in items if k is TargetType.SURVEY_ANSWER])
    return [
        {
            "kind": kind,
            "item": items[(kind, target_id)],
            "author": _author(kind, items[(kind, target_id)]),
            "count": count,
            "reports": reports.get((kind, target_id), []),
            "prototype_id": prototype_of.get(target_id) if kind is TargetType.FEEDBACK else None,
            "survey": survey_of.get(target_id) if kind is TargetType.SURVEY_ANSWER else None,
        }
        for kind, target_id, count, _latest in rows
        if (kind, target_id) in items
    ]


def _reported(model, ids):
    """The reported items of one model with their authors. Survey answers come with their
    question, and only while they are quotations: a withdrawn one is no longer public."""
    query = select(model).where(model.id.in_(ids))
    if model is Comment or model is Problem:
        return query.options(joinedload(model.author))
    if model is SurveyAnswer:
        return query.where(SurveyAnswer.quoted_at.is_not(None)).options(
            joinedload(SurveyAnswer.question),
            joinedload(SurveyAnswer.response).joinedload(SurveyResponse.user),
        )
    return query.options(joinedload(model.user))


def _surveys_of(answer_ids):
    """The survey of each reported quotation, by answer id (one query)."""
    if not answer_ids:
        return {}
    rows = db.session.execute(
        select(SurveyAnswer.id, Survey)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .join(Survey, Survey.id == SurveyQuestion.survey_id)
        .where(SurveyAnswer.id.in_(answer_ids))
    ).all()
    return dict(rows)


def _author(kind, item):
    """The item's author; None for a deleted account, or a quotation of an anonymous survey."""
    if kind is TargetType.FEEDBACK:
        return item.user
    if kind is TargetType.SURVEY_ANSWER:
        return item.response.user
    return item.author


def pending_problems():
    return db.session.scalars(
        select(Problem)
        .where(Problem.status == ProblemStatus.PENDING)
        .options(joinedload(Problem.author))
        .order_by(Problem.created_at)
    ).all()


def actions_per_month():
    """(year, month, number of moderation actions) for public statistics."""
    month = func.substr(func.cast(ModerationAction.created_at, db.String), 1, 7)
    return db.session.execute(select(month, func.count()).group_by(month).order_by(month)).all()

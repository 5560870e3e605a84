"""Suspending accounts: a suspended account can read and sign in but not contribute.

Services take the acting user, flush and never commit; a refused action raises `SuspensionError`.
"""

from datetime import UTC, datetime

from flask import request
from flask_babel import format_datetime, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import update

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem
from platform.moderation.log import log_action
from platform.moderation.models import ActionType, TargetType
from platform.permissions import Refused
from platform.prototypes.models import Feedback
from platform.roles import Role
from platform.rules import RuleError

REASON_MAX = 1_000
# A suspension "for good" is stored as this far-future end, so that `is_suspended` needs no
# special case; it is shown as permanent. Midnight, so that no time zone pushes it past year 9999.
FOR_GOOD = datetime(9999, 12, 31, tzinfo=UTC)
SUSPENDABLE_ROLES = {Role.CITIZEN, Role.AGENT}
# What a suspended account may still do besides reading: leave, and look after its own account.
ALLOWED_WHILE_SUSPENDED = {"accounts.logout", "accounts.settings", "accounts.change_password"}
READING_METHODS = {"GET", "HEAD", "OPTIONS"}
# The contributions hidden with an account, and the column naming their author.
CONTRIBUTIONS = (
    (Problem, Problem.author_id),
    (Comment, Comment.author_id),
    (Feedback, Feedback.user_id),
)


class SuspensionError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def get_account(user_id):
    """The account with this id, even deleted, or None."""
    return db.session.get(User, user_id)


def is_permanent(account):
    """Whether the account's suspension has no end."""
    return account.suspended_until is not None and account.suspended_until >= FOR_GOOD


def suspend_account(actor, account, *, until, reason, hide_content=False):
    """Stop an account from contributing until `until` (None: for good), with a reason it sees.

    With `hide_content`, everything the account has published is hidden too, as part of this one
    logged action.
    """
    if until is not None and until.tzinfo is None:
        raise ValueError("`until` must be timezone-aware")
    reason = (reason or "").strip()
    if account.id == actor.id:
        raise SuspensionError(_l("You cannot suspend your own account."))
    if account.role not in SUSPENDABLE_ROLES:
        raise SuspensionError(
            _l("Moderators and administrators cannot be suspended; change their role first.")
        )
    if until is not None and until <= utcnow():
        raise SuspensionError(_l("Choose an end in the future."), "until")
    if not reason:
        raise SuspensionError(_l("Give the reason, which the author will see."), "reason")
    if len(reason) > REASON_MAX:
        raise SuspensionError(_l("At most %(n)s characters.", n=REASON_MAX), "reason")

    account.suspended_until = FOR_GOOD if until is None else until.astimezone(UTC)
    account.suspension_reason = reason
    if hide_content:
        problems, comments, feedback = _hide_contributions(account, reason)
        content = f"content hidden: {problems} problems, {comments} comments, {feedback} feedback"
    else:
        content = "content not hidden"
    db.session.flush()
    details = f"until {account.suspended_until.isoformat()}; {content}"
    log_action(
        actor, ActionType.SUSPEND, TargetType.ACCOUNT, account.id, reason=reason, details=details
    )
    return account


def _hide_contributions(account, reason):
    """Hide the account's visible problems, comments and feedback; return how many of each.

    Items already hidden keep the reason they were hidden for.
    """
    counts = []
    for model, author_column in CONTRIBUTIONS:
        result = db.session.execute(
            update(model)
            .where(author_column == account.id, ~model.is_hidden)
            .values(is_hidden=True, hidden_reason=reason)
        )
        counts.append(result.rowcount)
    return counts


def lift_suspension(actor, account):
    """Let a suspended account contribute again."""
    if not account.is_suspended:
        raise SuspensionError(_l("This account is not suspended."))
    account.suspended_until = None
    account.suspension_reason = ""
    db.session.flush()
    log_action(actor, ActionType.UNSUSPEND, TargetType.ACCOUNT, account.id)
    return account


def suspension_notice(account):
    """What a suspended account is told, in its language: until when, and why."""
    if is_permanent(account):
        return gettext(
            "Your account is suspended permanently: you can read and sign in but not contribute."
            " Reason: %(reason)s",
            reason=account.suspension_reason,
        )
    return gettext(
        "Your account is suspended until %(date)s: you can read and sign in but not contribute."
        " Reason: %(reason)s",
        date=format_datetime(account.suspended_until, "medium"),
        reason=account.suspension_reason,
    )


def refuse_suspended_contributions():
    """Refuse (403, nothing saved) any change a suspended account asks for, but leaving."""
    if request.method in READING_METHODS or request.endpoint is None:
        return
    if request.endpoint in ALLOWED_WHILE_SUSPENDED:
        return
    if current_user.is_authenticated and current_user.is_suspended:
        raise Refused(description=suspension_notice(current_user))

"""Who may report and who may moderate (DESIGN.md §2), for routes and templates alike.

Without an object, a predicate says whether the account may take the action at all (what a
route checks before it knows the item); with one, whether it may on that item (what a template
shows). A suspended account is stopped before any route by `suspensions`.
"""

from sqlalchemy import select

from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.moderation.models import moderator_reason
from platform.prototypes.models import Feedback
from platform.roles import Role
from platform.surveys.models import SurveyAnswer, SurveyResponse


def author_id_of(item):
    """The account that wrote a problem, a comment or a feedback (which names it `user_id`);
    for a survey's quotation, the account of its response: None when the survey is anonymous
    (no response names its account), so the author is unknown and told nothing."""
    if isinstance(item, Feedback):
        return item.user_id
    if isinstance(item, SurveyAnswer):
        return db.session.scalar(
            select(SurveyResponse.user_id).where(SurveyResponse.id == item.response_id)
        )
    return item.author_id


def can_moderate(user, _obj=None):
    """Moderators and admins reach the queue, the log and every moderation action."""
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_report(user, item=None):
    """A signed-in account reports what others wrote; reporting twice is refused on sending."""
    return user.is_authenticated and (item is None or author_id_of(item) != user.id)


def can_read_hidden_reason(user, item):
    """The author of a hidden item reads the reason a moderator gave (reports give none)."""
    return user.is_authenticated and author_id_of(item) == user.id and bool(moderator_reason(item))


def can_hide_content(user, _item=None):
    return can_moderate(user)


def can_restore_content(user, item=None):
    return can_moderate(user) and (item is None or item.is_hidden)


def can_dismiss_reports(user, _item=None):
    return can_moderate(user)


def can_publish_pending(user, problem=None):
    return can_moderate(user) and (problem is None or problem.status is ProblemStatus.PENDING)


def can_merge_problems(user, _problem=None):
    return can_moderate(user)


def can_suspend_account(user, _account=None):
    return can_moderate(user)


def can_lift_suspension(user, account=None):
    return can_moderate(user) and (account is None or account.is_suspended)

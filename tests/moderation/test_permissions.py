"""Who is offered to report and to moderate: the predicates routes and templates share."""

import pytest

from platform.accounts.models import AnonymousUser, User
from platform.ideas.models import Problem, ProblemStatus
from platform.moderation.models import AUTO_HIDDEN_REASON
from platform.moderation.permissions import (
    can_lift_suspension,
    can_publish_pending,
    can_read_hidden_reason,
    can_report,
    can_restore_content,
)
from platform.moderation.suspensions import FOR_GOOD
from platform.prototypes.models import Feedback
from platform.roles import Role

VISITOR = AnonymousUser()


def account(role=Role.CITIZEN, user_id=1):
    return User(id=user_id, role=role)


def problem(author_id=2, **fields):
    return Problem(author_id=author_id, **fields)


def test_a_visitor_reports_nothing():
    assert not can_report(VISITOR)
    assert not can_report(VISITOR, problem())


def test_a_signed_in_account_reports_what_others_wrote_not_its_own():
    assert can_report(account())
    assert can_report(account(), problem(author_id=2))
    assert can_report(account(), problem(author_id=None))  # a deleted author's
    assert not can_report(account(user_id=2), problem(author_id=2))


def test_feedback_belongs_to_the_account_that_gave_it():
    assert not can_report(account(user_id=2), Feedback(user_id=2))
    assert can_report(account(user_id=3), Feedback(user_id=2))


@pytest.mark.parametrize(
    ("reason", "readable"), [("Insults", True), (AUTO_HIDDEN_REASON, False), ("", False)]
)
def test_only_the_author_reads_a_moderators_reason(reason, readable):
    item = problem(author_id=1, is_hidden=True, hidden_reason=reason)
    assert can_read_hidden_reason(account(user_id=1), item) is readable
    assert not can_read_hidden_reason(account(user_id=3), item)
    assert not can_read_hidden_reason(VISITOR, item)


def test_restore_is_offered_for_hidden_items_only():
    moderator = account(Role.MODERATOR)
    assert can_restore_content(moderator)
    assert can_restore_content(moderator, problem(is_hidden=True))
    assert not can_restore_content(moderator, problem(is_hidden=False))
    assert not can_restore_content(account(), problem(is_hidden=True))


def test_publish_is_offered_for_pending_problems_only():
    moderator = account(Role.MODERATOR)
    assert can_publish_pending(moderator, problem(status=ProblemStatus.PENDING))
    assert not can_publish_pending(moderator, problem(status=ProblemStatus.PROPOSED))
    assert not can_publish_pending(account(Role.AGENT), problem(status=ProblemStatus.PENDING))


def test_lifting_is_offered_for_suspended_accounts_only():
    moderator, suspended = account(Role.MODERATOR), account(user_id=5)
    assert not can_lift_suspension(moderator, suspended)
    suspended.suspended_until = FOR_GOOD
    assert can_lift_suspension(moderator, suspended)
    assert not can_lift_suspension(account(), suspended)

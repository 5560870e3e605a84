"""Merging a duplicate problem into another (DESIGN.md §3, §11).

Supports and followers move to the target without counting anyone twice; the duplicate keeps its
comments, becomes `merged` and points to the target. The service flushes and never commits; a
refused merge raises `MergeError`.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from platform.extensions import db
from platform.i18n import local_number
from platform.ideas.models import Follow, Problem, ProblemStatus, Support
from platform.ideas.services import NOTE_MAX, _record
from platform.moderation.log import log_action
from platform.moderation.models import ActionType, TargetType
from platform.rules import RuleError

# A merged problem is gone for good, a withdrawn one is its author's, a pending one is unpublished:
# none of them can be merged, nor receive a merge.
NOT_MERGEABLE = {
    ProblemStatus.MERGED: _l("This problem is already merged into another one."),
    ProblemStatus.WITHDRAWN: _l("This problem was withdrawn by its author."),
    ProblemStatus.PENDING: _l("This problem is still waiting for moderation."),
}
TARGET_NOT_MERGEABLE = {
    ProblemStatus.MERGED: _l("The problem to merge into is itself merged into another one."),
    ProblemStatus.WITHDRAWN: _l("The problem to merge into was withdrawn by its author."),
    ProblemStatus.PENDING: _l("The problem to merge into is still waiting for moderation."),
}


class MergeError(RuleError):
    """A rule refused the merge; `message` says why, `field` names the form field."""


def find_merge_target(number):
    """The problem a moderator names as "12" or "#12", or None."""
    number = (number or "").strip().lstrip("#")
    if not (number.isascii() and number.isdigit()) or not 0 < int(number) < 2**31:
        return None
    return db.session.get(Problem, int(number))


def _check(source, target, note):
    if target is None:
        raise MergeError(_l("There is no problem with this number."), "target_id")
    if target.id == source.id:
        raise MergeError(_l("A problem cannot be merged into itself."), "target_id")
    if source.status in NOT_MERGEABLE:
        raise MergeError(NOT_MERGEABLE[source.status])
    if target.status in TARGET_NOT_MERGEABLE:
        raise MergeError(TARGET_NOT_MERGEABLE[target.status], "target_id")
    if target.is_hidden:
        # Supports would move to a problem nobody can find.
        raise MergeError(_l("The problem to merge into is hidden."), "target_id")
    if len(note) > NOTE_MAX:
        raise MergeError(
            _l("A note has at most %(n)s characters.", n=local_number(NOTE_MAX)), "note"
        )


def _move_rows(model, source, target):
    """Give the source's rows (supports or follows) to the target, one per account."""
    on_target = select(model.user_id).where(model.problem_id == target.id)
    db.session.execute(
        delete(model)
        .where(model.problem_id == source.id, model.user_id.in_(on_target))
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(model)
        .where(model.problem_id == source.id)
        .values(problem_id=target.id)
        .execution_options(synchronize_session=False)
    )


def _count(model, problem):
    return (
        select(func.count())
        .select_from(model)
        .where(model.problem_id == problem.id)
        .scalar_subquery()
    )


def merge_problems(actor, source, target, note=""):
    """Merge the duplicate `source` into `target`; return the target."""
    note = (note or "").strip()
    _check(source, target, note)
    db.session.flush()
    _move_rows(Support, source, target)
    _move_rows(Follow, source, target)
    # Recounted from the rows rather than added up, so the target is exact even if its stored
    # counters had drifted.
    db.session.execute(
        update(Problem)
        .where(Problem.id == target.id)
        .values(supports_count=_count(Support, target), followers_count=_count(Follow, target))
        .execution_options(synchronize_session=False)
    )
    db.session.expire(target, ["supports_count", "followers_count"])
    source.supports_count = 0
    source.followers_count = 0
    source.merged_into_id = target.id
    _record(source, actor, ProblemStatus.MERGED, note)
    log_action(
        actor,
        ActionType.MERGE,
        TargetType.PROBLEM,
        source.id,
        reason=note,
        details=f"→ {target.id}",
    )
    return target

"""The rules of problems: propose, edit, withdraw, support, follow, move along the lifecycle.

Services take the acting user, flush and never commit; a refused action raises `ProblemError`.
Reading lists of problems is `listing.py`; a problem's part of its story, `story.py`.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas.models import (
    NOTE_REQUIRED,
    Follow,
    Problem,
    ProblemStatus,
    StatusChange,
    Support,
    allowed_transitions,
)
from platform.rules import RuleError
from platform.signals import problem_created, problem_status_changed, problem_supported
from platform.taxonomy.models import District, Theme
from platform.text import fold

TITLE_MAX = 150
DESCRIPTION_MAX = 10_000
NOTE_MAX = 2_000


EDIT_CLOSED = _l("A problem can no longer be changed once the lab has selected it.")
SUPPORTS_CLOSED = _l("This problem no longer accepts supports.")
WITHDRAW_CLOSED = _l("A problem can no longer be withdrawn once the lab has selected it.")


class ProblemError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _clean(title, description):
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise ProblemError(_l("Give your problem a title."), "title")
    if len(title) > TITLE_MAX:
        raise ProblemError(_l("A title has at most %(n)s characters.", n=TITLE_MAX), "title")
    if not description:
        raise ProblemError(_l("Describe the problem."), "description")
    if len(description) > DESCRIPTION_MAX:
        raise ProblemError(
            _l("A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX)),
            "description",
        )
    return title, description


def _theme_and_district(theme_id, district_id):
    theme = db.session.get(Theme, theme_id) if theme_id else None
    if theme is None:
        raise ProblemError(_l("Choose one of the themes in the list."), "theme")
    district = None
    if district_id:
        district = db.session.get(District, district_id)
        if district is None:
            raise ProblemError(_l("Choose one of the districts in the list."), "district")
    return theme, district


def _emit(signal, **data):
    signal.send(current_app._get_current_object(), **data)


def create_problem(author, *, title, description, theme_id, district_id=None):
    """Publish a problem (or queue it for moderation when pre-moderation is on)."""
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    pending = current_app.config.get("PRE_MODERATION")
    problem = Problem(
        title=title,
        description=description,
        search_text=fold(f"{title}\n{description}"),
        theme_id=theme.id,
        district_id=district.id if district else None,
        author_id=author.id,
        status=ProblemStatus.PENDING if pending else ProblemStatus.PROPOSED,
    )
    db.session.add(problem)
    db.session.flush()
    follow_problem(author, problem)
    _emit(problem_created, problem=problem)
    return problem


def update_problem(author, problem, *, title, description, theme_id, district_id=None):
    """Change one's problem, until the lab has selected it."""
    if problem.status not in {ProblemStatus.PENDING, ProblemStatus.PROPOSED}:
        raise ProblemError(EDIT_CLOSED)
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    problem.title, problem.description = title, description
    problem.search_text = fold(f"{title}\n{description}")
    problem.theme_id, problem.district_id = theme.id, district.id if district else None
    problem.updated_at = utcnow()
    db.session.flush()
    return problem


def _record(problem, actor, to_status, note=""):
    change = StatusChange(
        problem_id=problem.id,
        actor_id=actor.id if actor else None,
        from_status=problem.status,
        to_status=to_status,
        note=note,
    )
    db.session.add(change)
    problem.status = to_status
    problem.updated_at = utcnow()
    db.session.flush()
    _emit(problem_status_changed, problem=problem, change=change)
    return change


def publish_pending_problem(actor, problem):
    """A moderator publishes a problem that waited for moderation."""
    return _record(problem, actor, ProblemStatus.PROPOSED)


def withdraw_problem(author, problem):
    """The author takes back a problem the lab has not selected."""
    if problem.status not in {ProblemStatus.PENDING, ProblemStatus.PROPOSED}:
        raise ProblemError(WITHDRAW_CLOSED)
    return _record(problem, author, ProblemStatus.WITHDRAWN)


def change_status(actor, problem, to_status, note=""):
    """Move a problem to another stage of the lab's process, with a public note."""
    try:
        to_status = ProblemStatus(to_status)
    except ValueError:
        raise ProblemError(_l("Choose one of the stages in the list."), "status") from None
    note = (note or "").strip()
    if problem.is_hidden or to_status not in allowed_transitions(problem):
        raise ProblemError(
            _l("A problem that is “%(current)s” cannot become “%(target)s”.",
               current=problem.status.label, target=to_status.label),
            "status",
        )  # fmt: skip
    if to_status in NOTE_REQUIRED and not note:
        raise ProblemError(_l("Explain this decision in a public note."), "note")
    if len(note) > NOTE_MAX:
        raise ProblemError(
            _l("A note has at most %(n)s characters.", n=local_number(NOTE_MAX)), "note"
        )
    return _record(problem, actor, to_status, note)


def _add_unique(row):
    """Insert a row that a unique constraint may refuse; return whether it was inserted."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def _bump(problem, column, delta):
    db.session.execute(
        update(Problem)
        .where(Problem.id == problem.id)
        .values({column: getattr(Problem, column) + delta})
        .execution_options(synchronize_session=False)
    )


def set_support(user, problem, supported):
    """Make `user` support `problem` or not; return whether the state changed.

    The unique constraint decides between concurrent requests; the counter moves by exactly
    the rows inserted or deleted, in the same transaction.
    """
    if supported:
        if not problem.accepts_supports:
            raise ProblemError(SUPPORTS_CLOSED)
        if not _add_unique(Support(problem_id=problem.id, user_id=user.id)):
            return False
        _bump(problem, "supports_count", +1)
        follow_problem(user, problem)
        _emit(problem_supported, problem=problem, user=user)
        return True
    removed = db.session.execute(
        delete(Support).where(Support.problem_id == problem.id, Support.user_id == user.id)
    ).rowcount
    if removed:
        _bump(problem, "supports_count", -removed)
    return bool(removed)


def toggle_support(user, problem):
    """Support the problem, or take the support back; return the new state."""
    supported = not is_supporting(user, problem)
    set_support(user, problem, supported)
    return supported


def is_supporting(user, problem):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Support.problem_id == problem.id, Support.user_id == user.id)
        )
    )


def is_following(user, problem):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Follow.problem_id == problem.id, Follow.user_id == user.id)
        )
    )


def follow_problem(user, problem):
    """Follow a problem (nothing happens if already followed)."""
    if _add_unique(Follow(problem_id=problem.id, user_id=user.id)):
        _bump(problem, "followers_count", +1)
        return True
    return False


def unfollow_problem(user, problem):
    removed = db.session.execute(
        delete(Follow).where(Follow.problem_id == problem.id, Follow.user_id == user.id)
    ).rowcount
    if removed:
        _bump(problem, "followers_count", -removed)
    return bool(removed)


def on_comment_posted(_sender, comment, target, author):
    """Commenting a problem follows it."""
    if isinstance(target, Problem):
        follow_problem(author, target)


# Reading ------------------------------------------------------------------------------------


def supported_among(user, problems):
    """The ids of `problems` that `user` supports, in one query."""
    if not user.is_authenticated or not problems:
        return set()
    ids = [problem.id for problem in problems]
    return set(
        db.session.scalars(
            select(Support.problem_id).where(
                Support.user_id == user.id, Support.problem_id.in_(ids)
            )
        )
    )


def status_changes_of(problem):
    """Every change of stage of the problem, oldest first, with who made it and the note."""
    return db.session.scalars(
        select(StatusChange)
        .where(StatusChange.problem_id == problem.id)
        .options(joinedload(StatusChange.actor))
        .order_by(StatusChange.created_at, StatusChange.id)
    ).all()


def merged_duplicates(problem):
    """The visible problems merged into this one, with the date of their merge (one query)."""
    merged_at = func.coalesce(StatusChange.created_at, Problem.updated_at)
    return db.session.execute(
        select(Problem, merged_at)
        .outerjoin(
            StatusChange,
            and_(
                StatusChange.problem_id == Problem.id,
                StatusChange.to_status == ProblemStatus.MERGED,
            ),
        )
        .where(
            Problem.merged_into_id == problem.id,
            Problem.status == ProblemStatus.MERGED,
            ~Problem.is_hidden,
        )
        .order_by(merged_at, Problem.id)
    ).all()


def stored_supports(problem):
    """The problem's supports counter as stored now (concurrent supports included)."""
    db.session.refresh(problem, ["supports_count"])
    return problem.supports_count


def find_problem(problem_id):
    """The problem with this id, or None (whoever may see it: ask `can_view_problem`)."""
    return db.session.get(Problem, problem_id) if problem_id else None


def load_problem(problem_id):
    return db.session.scalar(
        select(Problem)
        .where(Problem.id == problem_id)
        .options(
            joinedload(Problem.theme), joinedload(Problem.district), joinedload(Problem.author)
        )
    )

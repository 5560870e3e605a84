"""The rules of problems: propose, edit, withdraw, support, follow, move along the lifecycle.

Services take the acting user, flush and never commit; a refused action raises `IdeaError`.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, and_, cast, delete, func, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas.models import (
    LAB_TRANSITIONS,
    NOTE_REQUIRED,
    Follow,
    Idea,
    IdeaStatus,
    StatusChange,
    Support,
)
from platform.rules import RuleError
from platform.signals import idea_created, idea_status_changed, idea_supported
from platform.taxonomy.models import District, Theme
from platform.text import fold, keywords

TITLE_MAX = 150
DESCRIPTION_MAX = 10_000
NOTE_MAX = 2_000


EDIT_CLOSED = _l("A problem can no longer be changed once the lab has selected it.")
SUPPORTS_CLOSED = _l("This problem no longer accepts supports.")
WITHDRAW_CLOSED = _l("A problem can no longer be withdrawn once the lab has selected it.")


class IdeaError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _clean(title, description):
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise IdeaError(_l("Give your problem a title."), "title")
    if len(title) > TITLE_MAX:
        raise IdeaError(_l("A title has at most %(n)s characters.", n=TITLE_MAX), "title")
    if not description:
        raise IdeaError(_l("Describe the problem."), "description")
    if len(description) > DESCRIPTION_MAX:
        raise IdeaError(
            _l("A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX)),
            "description",
        )
    return title, description


def _theme_and_district(theme_id, district_id):
    theme = db.session.get(Theme, theme_id) if theme_id else None
    if theme is None:
        raise IdeaError(_l("Choose one of the themes in the list."), "theme")
    district = None
    if district_id:
        district = db.session.get(District, district_id)
        if district is None:
            raise IdeaError(_l("Choose one of the districts in the list."), "district")
    return theme, district


def _emit(signal, **data):
    signal.send(current_app._get_current_object(), **data)


def create_idea(author, *, title, description, theme_id, district_id=None):
    """Publish a problem (or queue it for moderation when pre-moderation is on)."""
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    pending = current_app.config.get("PRE_MODERATION")
    idea = Idea(
        title=title,
        description=description,
        search_text=fold(f"{title}\n{description}"),
        theme_id=theme.id,
        district_id=district.id if district else None,
        author_id=author.id,
        status=IdeaStatus.PENDING if pending else IdeaStatus.PROPOSED,
    )
    db.session.add(idea)
    db.session.flush()
    follow_idea(author, idea)
    _emit(idea_created, idea=idea)
    return idea


def update_idea(author, idea, *, title, description, theme_id, district_id=None):
    """Change one's problem, until the lab has selected it."""
    if idea.status not in {IdeaStatus.PENDING, IdeaStatus.PROPOSED}:
        raise IdeaError(EDIT_CLOSED)
    title, description = _clean(title, description)
    theme, district = _theme_and_district(theme_id, district_id)
    idea.title, idea.description = title, description
    idea.search_text = fold(f"{title}\n{description}")
    idea.theme_id, idea.district_id = theme.id, district.id if district else None
    idea.updated_at = utcnow()
    db.session.flush()
    return idea


def _record(idea, actor, to_status, note=""):
    change = StatusChange(
        idea_id=idea.id,
        actor_id=actor.id if actor else None,
        from_status=idea.status,
        to_status=to_status,
        note=note,
    )
    db.session.add(change)
    idea.status = to_status
    idea.updated_at = utcnow()
    db.session.flush()
    _emit(idea_status_changed, idea=idea, change=change)
    return change


def publish_pending_idea(actor, idea):
    """A moderator publishes a problem that waited for moderation."""
    return _record(idea, actor, IdeaStatus.PROPOSED)


def withdraw_idea(author, idea):
    """The author takes back a problem the lab has not selected."""
    if idea.status not in {IdeaStatus.PENDING, IdeaStatus.PROPOSED}:
        raise IdeaError(WITHDRAW_CLOSED)
    return _record(idea, author, IdeaStatus.WITHDRAWN)


def allowed_transitions(idea):
    """The stages the lab may move this problem to, in the order of the process."""
    allowed = LAB_TRANSITIONS.get(idea.status, set())
    return [status for status in IdeaStatus if status in allowed]


def change_status(actor, idea, to_status, note=""):
    """Move a problem to another stage of the lab's process, with a public note."""
    try:
        to_status = IdeaStatus(to_status)
    except ValueError:
        raise IdeaError(_l("Choose one of the stages in the list."), "status") from None
    note = (note or "").strip()
    if idea.is_hidden or to_status not in allowed_transitions(idea):
        raise IdeaError(
            _l("A problem that is “%(current)s” cannot become “%(target)s”.",
               current=idea.status.label, target=to_status.label),
            "status",
        )  # fmt: skip
    if to_status in NOTE_REQUIRED and not note:
        raise IdeaError(_l("Explain this decision in a public note."), "note")
    if len(note) > NOTE_MAX:
        raise IdeaError(
            _l("A note has at most %(n)s characters.", n=local_number(NOTE_MAX)), "note"
        )
    return _record(idea, actor, to_status, note)


def _add_unique(row):
    """Insert a row that a unique constraint may refuse; return whether it was inserted."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def _bump(idea, column, delta):
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values({column: getattr(Idea, column) + delta})
        .execution_options(synchronize_session=False)
    )


def set_support(user, idea, supported):
    """Make `user` support `idea` or not; return whether the state changed.

    The unique constraint decides between concurrent requests; the counter moves by exactly
    the rows inserted or deleted, in the same transaction.
    """
    if supported:
        if not idea.accepts_supports:
            raise IdeaError(SUPPORTS_CLOSED)
        if not _add_unique(Support(idea_id=idea.id, user_id=user.id)):
            return False
        _bump(idea, "supports_count", +1)
        follow_idea(user, idea)
        _emit(idea_supported, idea=idea, user=user)
        return True
    removed = db.session.execute(
        delete(Support).where(Support.idea_id == idea.id, Support.user_id == user.id)
    ).rowcount
    if removed:
        _bump(idea, "supports_count", -removed)
    return bool(removed)


def toggle_support(user, idea):
    """Support the problem, or take the support back; return the new state."""
    supported = not is_supporting(user, idea)
    set_support(user, idea, supported)
    return supported


def is_supporting(user, idea):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Support.idea_id == idea.id, Support.user_id == user.id)
        )
    )


def is_following(user, idea):
    return user.is_authenticated and bool(
        db.session.scalar(
            select(func.count()).where(Follow.idea_id == idea.id, Follow.user_id == user.id)
        )
    )


def follow_idea(user, idea):
    """Follow a problem (nothing happens if already followed)."""
    if _add_unique(Follow(idea_id=idea.id, user_id=user.id)):
        _bump(idea, "followers_count", +1)
        return True
    return False


def unfollow_idea(user, idea):
    removed = db.session.execute(
        delete(Follow).where(Follow.idea_id == idea.id, Follow.user_id == user.id)
    ).rowcount
    if removed:
        _bump(idea, "followers_count", -removed)
    return bool(removed)


def on_comment_posted(_sender, comment, target, author):
    """Commenting a problem follows it."""
    if isinstance(target, Idea):
        follow_idea(author, target)


# Listing -----------------------------------------------------------------------------------

SORTS = ("random", "top", "new", "discussed")
# A fixed pseudo-random permutation of ids per visitor seed: stable across pages, different
# between visitors, computed by the database with integer arithmetic on both backends.
_SHUFFLE_MULTIPLIER = 2_654_435_761
_SHUFFLE_MODULUS = 4_294_967_291


def shuffle_key(seed):
    # 64-bit arithmetic on every backend (PostgreSQL would type the parameters as `integer`).
    def big(value):
        return cast(value, BigInteger)

    return (big(Idea.id) * big(literal(_SHUFFLE_MULTIPLIER)) + big(literal(seed))) % big(
        literal(_SHUFFLE_MODULUS)
    )


def listed():
    return and_(Idea.status.in_([s.value for s in IdeaStatus if s.is_listed]), ~Idea.is_hidden)


def search_condition(q):
    words = keywords(q)[:8] or [fold(q).strip()]
    return and_(*(Idea.search_text.contains(word, autoescape=True) for word in words if word))


def list_query(*, q="", theme=None, district=None, status=None, sort="random", seed=0):
    """The select() behind `/ideas/`, filtered and sorted."""
    query = select(Idea).where(listed())
    if q:
        query = query.where(search_condition(q))
    if theme is not None:
        query = query.where(Idea.theme_id == theme.id)
    if district is not None:
        query = query.where(Idea.district_id == district.id)
    if status is not None:
        query = query.where(Idea.status == status)
    order = {
        "top": (Idea.supports_count.desc(), Idea.id.desc()),
        "new": (Idea.created_at.desc(), Idea.id.desc()),
        "discussed": (Idea.comments_count.desc(), Idea.id.desc()),
        "random": (shuffle_key(seed), Idea.id),
    }[sort]
    return query.order_by(*order).options(
        joinedload(Idea.theme), joinedload(Idea.district), joinedload(Idea.author)
    )


def supported_among(user, ideas):
    """The ids of `ideas` that `user` supports, in one query."""
    if not user.is_authenticated or not ideas:
        return set()
    ids = [idea.id for idea in ideas]
    return set(
        db.session.scalars(
            select(Support.idea_id).where(Support.user_id == user.id, Support.idea_id.in_(ids))
        )
    )


def find_similar(title, description="", limit=5, exclude_id=None):
    """Listed problems that share the main words of a title (and description), best first."""
    title_words = keywords(title)
    words = (title_words + [w for w in keywords(description) if w not in title_words])[:12]
    if not words:
        return []
    conditions = [Idea.search_text.contains(word, autoescape=True) for word in words]
    query = select(Idea).where(listed(), or_(*conditions))
    if exclude_id:
        query = query.where(Idea.id != exclude_id)
    candidates = db.session.scalars(
        query.order_by(Idea.supports_count.desc(), Idea.id.desc())
        .limit(200)
        .options(joinedload(Idea.theme), joinedload(Idea.district))
    ).all()

    def score(idea):
        in_title = set(keywords(idea.title))
        shared = [word for word in words if word in idea.search_text]
        if len(shared) < 2:  # one word in common is a coincidence, not a duplicate
            return 0
        # Words of the new title count double, and double again when in the other's title.
        return sum(
            (2 if word in title_words else 1) * (2 if word in in_title else 1) for word in shared
        )

    scored = [(score(idea), idea) for idea in candidates]
    best = [idea for points, idea in sorted(scored, key=lambda p: -p[0]) if points >= 4]
    return best[:limit]


def timeline_of(idea):
    """The problem's history: its proposal, then every change of stage with its note."""
    return db.session.scalars(
        select(StatusChange)
        .where(StatusChange.idea_id == idea.id)
        .options(joinedload(StatusChange.actor))
        .order_by(StatusChange.created_at, StatusChange.id)
    ).all()


def load_idea(idea_id):
    return db.session.scalar(
        select(Idea)
        .where(Idea.id == idea_id)
        .options(joinedload(Idea.theme), joinedload(Idea.district), joinedload(Idea.author))
    )

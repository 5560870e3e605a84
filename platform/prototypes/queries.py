"""Reading prototypes: the list, one prototype, a problem's prototypes, versions and their
questions. Nothing here writes; the rules (services, feedback, storage) build on it."""

from collections import defaultdict

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload

from platform.extensions import db
from platform.permissions import can_see_drafts
from platform.prototypes.models import Prototype, PrototypeStatus, PrototypeVersion, Question


def load_prototype(prototype_id):
    """Return the prototype with its problem and author, or None."""
    return db.session.scalar(
        select(Prototype)
        .where(Prototype.id == prototype_id)
        .options(joinedload(Prototype.problem), joinedload(Prototype.author))
    )


def list_query(user):
    """Prototypes for `/prototypes/`: open ones first, then closed; drafts for agents only."""
    query = select(Prototype).where(~Prototype.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Prototype.status != PrototypeStatus.DRAFT)
    open_first = case((Prototype.status == PrototypeStatus.OPEN, 0), else_=1)
    return query.order_by(open_first, Prototype.updated_at.desc(), Prototype.id.desc()).options(
        joinedload(Prototype.problem)
    )


def list_page(user, *, page=1, per_page=20):
    """One page of `list_query(user)`; a page past the end is empty, not an error."""
    return db.paginate(list_query(user), page=page, per_page=per_page, error_out=False)


def prototypes_of_problem(problem, user):
    """The prototypes shown on a problem's page (drafts for agents only)."""
    query = select(Prototype).where(Prototype.problem_id == problem.id, ~Prototype.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Prototype.status != PrototypeStatus.DRAFT)
    return db.session.scalars(query.order_by(Prototype.created_at)).all()


def versions_of_prototypes(prototypes):
    """{prototype_id: [versions]} for a problem's timeline, in one query."""
    ids = [p.id for p in prototypes]
    found = defaultdict(list)
    if ids:
        for version in db.session.scalars(
            select(PrototypeVersion)
            .where(PrototypeVersion.prototype_id.in_(ids))
            .order_by(PrototypeVersion.number)
        ):
            found[version.prototype_id].append(version)
    return found


def latest_version(prototype):
    """Return the version being tested (or, once closed, the last one tested)."""
    return db.session.scalar(
        select(PrototypeVersion)
        .where(PrototypeVersion.prototype_id == prototype.id)
        .order_by(PrototypeVersion.number.desc())
        .limit(1)
    )


def questions_of(version):
    """Return the version's questions in the order they are asked."""
    return db.session.scalars(
        select(Question).where(Question.version_id == version.id).order_by(Question.position)
    ).all()

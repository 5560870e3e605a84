"""The rules of prototypes and their versions: start, change, publish, version, close.

Services take the acting user, flush and never commit; a refused action raises
`PrototypeError`. Feedback is in `feedback.py`, images in `storage.py`, results in `results.py`,
reading in `queries.py`; the names other packages call are kept importable from here.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l

from platform.database import utcnow
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.prototypes.feedback import give_feedback
from platform.prototypes.models import Prototype, PrototypeStatus, PrototypeVersion, Question
from platform.prototypes.permissions import PROTOTYPABLE
from platform.prototypes.queries import (
    latest_version,
    list_query,
    load_prototype,
    prototypes_of_problem,
    questions_of,
    versions_of_prototypes,
)
from platform.prototypes.storage import add_image
from platform.prototypes.validation import (
    PrototypeError,
    clean_description,
    clean_fields,
    clean_questions,
)
from platform.signals import prototype_published

__all__ = [
    "PrototypeError",
    "add_image",
    "add_version",
    "close_prototype",
    "create_prototype",
    "give_feedback",
    "latest_version",
    "list_query",
    "load_prototype",
    "prototypes_of_problem",
    "publish_prototype",
    "questions_of",
    "update_prototype",
    "versions_of_prototypes",
]


def _add_questions(version, questions):
    for position, (text, kind) in enumerate(questions):
        db.session.add(Question(version_id=version.id, position=position, text=text, kind=kind))


def create_prototype(author, problem, *, title, summary, description, questions, publish=False):
    """Start a prototype for a problem with its first version: a draft, or open to testers at
    once when `publish`."""
    if problem.status not in PROTOTYPABLE or problem.is_hidden:
        raise PrototypeError(_l("Only a problem selected by the lab can get a prototype."))
    title, summary, description = clean_fields(title, summary, description)
    questions = clean_questions(questions)
    prototype = Prototype(
        problem_id=problem.id, author_id=author.id, title=title, summary=summary,
        description=description, status=PrototypeStatus.DRAFT,
    )  # fmt: skip
    db.session.add(prototype)
    db.session.flush()
    version = PrototypeVersion(prototype_id=prototype.id, number=1)
    db.session.add(version)
    db.session.flush()
    _add_questions(version, questions)
    db.session.flush()
    if publish:
        publish_prototype(author, prototype)
    return prototype


def update_prototype(actor, prototype, *, title, summary, description):
    """Change what a prototype says, until it is closed."""
    if prototype.is_closed:
        raise PrototypeError(_l("A closed prototype can no longer be changed."))
    fields = clean_fields(title, summary, description)
    prototype.title, prototype.summary, prototype.description = fields
    prototype.updated_at = utcnow()
    db.session.flush()


def publish_prototype(actor, prototype):
    """Open a draft to testers; the first prototype of a selected problem moves it along."""
    if not prototype.is_draft:
        raise PrototypeError(_l("This prototype is already published."))
    prototype.status = PrototypeStatus.OPEN
    prototype.published_at = prototype.updated_at = utcnow()
    db.session.flush()
    problem = db.session.get(Problem, prototype.problem_id)
    if problem.status is ProblemStatus.SELECTED:
        problems.change_status(actor, problem, ProblemStatus.PROTOTYPING)
    prototype_published.send(
        current_app._get_current_object(), prototype=prototype, problem=problem, actor=actor
    )
    return prototype


def add_version(actor, prototype, *, changes, questions):
    """Publish a better version; the previous one stops collecting feedback but stays readable."""
    if prototype.status is not PrototypeStatus.OPEN:
        raise PrototypeError(_l("A new version can only follow a published, open prototype."))
    changes = clean_description(changes, "changes", _l("Say what changed in this version."))
    questions = clean_questions(questions)
    previous = latest_version(prototype)
    previous.closed_at = utcnow()
    version = PrototypeVersion(
        prototype_id=prototype.id, number=previous.number + 1, changes=changes
    )
    db.session.add(version)
    db.session.flush()
    _add_questions(version, questions)
    prototype.versions_count = version.number
    prototype.updated_at = utcnow()
    db.session.flush()
    return version


def close_prototype(actor, prototype):
    """Stop collecting feedback for good; the results stay public."""
    if prototype.status is not PrototypeStatus.OPEN:
        raise PrototypeError(_l("Only an open prototype can be closed."))
    now = utcnow()
    prototype.status = PrototypeStatus.CLOSED
    prototype.closed_at = prototype.updated_at = now
    version = latest_version(prototype)
    version.closed_at = version.closed_at or now
    db.session.flush()

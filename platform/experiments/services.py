"""The rules of experiments: open, join, leave, the waiting list, capacity, results.

Joining and leaving lock the experiment's row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite a
writing request holds the database's write lock from its first statement), so places are counted
one request at a time and capacity is never exceeded.
"""

from datetime import UTC

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from platform.accounts.models import User
from platform.database import utcnow
from platform.experiments.models import (
    EXPERIMENTABLE,
    FIELD_METHODS,
    Experiment,
    ExperimentStatus,
    Method,
    SignUp,
    SignUpStatus,
)
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.permissions import can_see_drafts
from platform.prototypes.models import Prototype, PrototypeVersion
from platform.rules import RuleError
from platform.signals import experiment_opened, place_freed, results_published

TITLE_MAX = 150
TEXT_MAX = 10_000
INVOLVEMENT_MAX = 2_000
LOCATION_MAX = 300
CAPACITY_MAX = 10_000

# Why the experiment's state refuses an action; routes tell an organiser the same.
EDIT_CLOSED = _l("An experiment with published results can no longer change.")
CLOSE_CLOSED = _l("Only an open experiment can stop its sign-ups.")
LEAVE_CLOSED = _l("The experiment has started: places can no longer be given up.")


class ExperimentError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _emit(signal, **data):
    signal.send(current_app._get_current_object(), **data)


def _text(value, maximum, field, empty, too_long, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ExperimentError(empty, field)
    if len(value) > maximum:
        raise ExperimentError(too_long, field)
    return value


def _capacity(value):
    try:
        capacity = int(value)
    except (TypeError, ValueError):
        capacity = -1
    if not 0 <= capacity <= CAPACITY_MAX:
        raise ExperimentError(
            _l(
                "The number of places is a whole number from 0 to %(n)s.",
                n=local_number(CAPACITY_MAX),
            ),
            "capacity",
        )
    return capacity


def _clean(problem, fields):
    """Check an experiment's fields; return them ready to store."""
    try:
        method = Method(fields["method"])
    except ValueError:
        raise ExperimentError(_l("Choose one of the methods in the list."), "method") from None
    starts_at, ends_at = fields["starts_at"], fields["ends_at"]
    if starts_at is None or ends_at is None:
        raise ExperimentError(_l("Give the start and the end."), "starts_at")
    if ends_at <= starts_at:
        raise ExperimentError(_l("The end must come after the start."), "ends_at")
    version_id = fields.get("prototype_version_id") or None
    if version_id is not None:
        belongs = db.session.scalar(
            select(func.count())
            .select_from(PrototypeVersion)
            .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
            .where(PrototypeVersion.id == version_id, Prototype.problem_id == problem.id)
        )
        if not belongs:
            raise ExperimentError(
                _l("Choose a version of a prototype of this problem."), "prototype_version_id"
            )
    return {
        "method": method,
        "title": _text(fields["title"], TITLE_MAX, "title", _l("Give the experiment a title."),
                       _l("A title has at most %(n)s characters.", n=TITLE_MAX)),
        "description": _text(
            fields["description"], TEXT_MAX, "description", _l("Describe the experiment."),
            _l("A description has at most %(n)s characters.", n=local_number(TEXT_MAX)),
        ),
        "involvement": _text(fields["involvement"], INVOLVEMENT_MAX, "involvement",
                             _l("Say what taking part involves."),
                             _l("At most %(n)s characters.", n=local_number(INVOLVEMENT_MAX))),
        "location": _text(fields["location"], LOCATION_MAX, "location",
                          _l("Give the place, or the link for an online experiment."),
                          _l("At most %(n)s characters.", n=LOCATION_MAX)),
        "is_online": bool(fields.get("is_online")),
        "starts_at": starts_at.astimezone(UTC),
        "ends_at": ends_at.astimezone(UTC),
        "capacity": _capacity(fields["capacity"]),
        "prototype_version_id": version_id,
    }  # fmt: skip


def create_experiment(author, problem, **fields):
    """Prepare an experiment for a problem the lab works on, as a draft; its author organises."""
    if problem.status not in EXPERIMENTABLE or problem.is_hidden:
        raise ExperimentError(_l("Only a problem the lab is working on can get an experiment."))
    experiment = Experiment(
        problem_id=problem.id, status=ExperimentStatus.DRAFT, **_clean(problem, fields)
    )
    experiment.organisers = [db.session.get(User, author.id)]
    db.session.add(experiment)
    db.session.flush()
    return experiment


def update_experiment(actor, experiment, **fields):
    if experiment.is_completed:
        raise ExperimentError(EDIT_CLOSED)
    problem = db.session.get(Problem, experiment.problem_id)
    cleaned = _clean(problem, fields)
    capacity = cleaned.pop("capacity")
    for name, value in cleaned.items():
        setattr(experiment, name, value)
    experiment.updated_at = utcnow()
    db.session.flush()
    set_capacity(actor, experiment, capacity)


def open_experiment(actor, experiment):
    """Open sign-ups; a field test of a problem being prototyped moves it to experimenting."""
    if not experiment.is_draft:
        raise ExperimentError(_l("This experiment is already open."))
    experiment.status = ExperimentStatus.OPEN
    experiment.opened_at = experiment.updated_at = utcnow()
    db.session.flush()
    problem = db.session.get(Problem, experiment.problem_id)
    if experiment.method in FIELD_METHODS and problem.status is ProblemStatus.PROTOTYPING:
        problems.change_status(actor, problem, ProblemStatus.EXPERIMENTING)
    _emit(experiment_opened, experiment=experiment, problem=problem, actor=actor)


def close_sign_ups(actor, experiment):
    if not experiment.is_open:
        raise ExperimentError(CLOSE_CLOSED)
    experiment.status = ExperimentStatus.CLOSED
    experiment.updated_at = utcnow()
    db.session.flush()


def results_refusal(experiment):
    """Why the results of `experiment` cannot be published now, or None."""
    if experiment.status not in {ExperimentStatus.OPEN, ExperimentStatus.CLOSED}:
        return _l("Results can be published once, for an experiment that ran.")
    if not experiment.is_over:
        return _l("Results can be published once the experiment is over.")
    return None


def publish_results(actor, experiment, results):
    """Publish what the experiment taught, once it is over; participants are told."""
    if (refusal := results_refusal(experiment)) is not None:
        raise ExperimentError(refusal)
    experiment.results = _text(
        results, TEXT_MAX, "results", _l("Write the results."),
        _l("At most %(n)s characters.", n=local_number(TEXT_MAX)),
    )  # fmt: skip
    experiment.status = ExperimentStatus.COMPLETED
    experiment.results_published_at = experiment.updated_at = utcnow()
    db.session.flush()
    _emit(
        results_published,
        experiment=experiment,
        participant_ids=participant_ids(experiment),
        actor=actor,
    )


def _locked(experiment):
    """The experiment re-read under a row lock, so that places are counted one at a time."""
    return db.session.scalar(
        select(Experiment)
        .where(Experiment.id == experiment.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def sign_up_of(user, experiment):
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(SignUp).where(SignUp.experiment_id == experiment.id, SignUp.user_id == user.id)
    )


def join_experiment(user, experiment):
    """Take a place, or the next turn on the waiting list when the experiment is full."""
    experiment = _locked(experiment)
    if not experiment.is_open or experiment.is_hidden:
        raise ExperimentError(_l("This experiment is not open for sign-up."))
    if experiment.is_over:
        raise ExperimentError(_l("This experiment is over."))
    existing = sign_up_of(user, experiment)
    if existing is not None:
        if existing.is_waiting:
            raise ExperimentError(_l("You are already on the waiting list."))
        raise ExperimentError(_l("You are already signed up."))
    full = experiment.participants_count >= experiment.capacity
    sign_up = SignUp(
        experiment_id=experiment.id,
        user_id=user.id,
        status=SignUpStatus.WAITING if full else SignUpStatus.CONFIRMED,
    )
    try:
        with db.session.begin_nested():
            db.session.add(sign_up)
    except IntegrityError:
        raise ExperimentError(_l("You are already signed up.")) from None
    if full:
        experiment.waiting_count += 1
    else:
        experiment.participants_count += 1
    db.session.flush()
    return sign_up


def leave_experiment(user, experiment):
    """Give up a place (before the start) or a turn; the first on the waiting list moves up."""
    experiment = _locked(experiment)
    sign_up = sign_up_of(user, experiment)
    if sign_up is None:
        raise ExperimentError(_l("You are not signed up for this experiment."))
    if not sign_up.can_be_given_up:
        raise ExperimentError(LEAVE_CLOSED)
    if sign_up.is_confirmed:
        experiment.participants_count -= 1
    else:
        experiment.waiting_count -= 1
    db.session.delete(sign_up)
    db.session.flush()
    _promote(experiment)


def set_capacity(actor, experiment, capacity):
    """Change the number of places; more places go to the waiting list, fewer remove nobody."""
    if experiment.is_completed:
        raise ExperimentError(EDIT_CLOSED)
    capacity = _capacity(capacity)
    experiment = _locked(experiment)
    experiment.capacity = capacity
    db.session.flush()
    _promote(experiment)


def _promote(experiment):
    """Give free places to the waiting list, first come first served."""
    free = experiment.capacity - experiment.participants_count
    if free <= 0 or not experiment.waiting_count:
        return []
    promoted = db.session.scalars(
        select(SignUp)
        .where(SignUp.experiment_id == experiment.id, SignUp.status == SignUpStatus.WAITING)
        .order_by(SignUp.id)
        .limit(free)
    ).all()
    now = utcnow()
    for sign_up in promoted:
        sign_up.status, sign_up.promoted_at = SignUpStatus.CONFIRMED, now
    experiment.participants_count += len(promoted)
    experiment.waiting_count -= len(promoted)
    db.session.flush()
    for sign_up in promoted:
        _emit(place_freed, experiment=experiment, sign_up=sign_up)
    return promoted


def waiting_position(sign_up):
    """1 for the first on the waiting list; None for a place, or without a sign-up."""
    if sign_up is None or not sign_up.is_waiting:
        return None
    return db.session.scalar(
        select(func.count()).where(
            SignUp.experiment_id == sign_up.experiment_id,
            SignUp.status == SignUpStatus.WAITING,
            SignUp.id <= sign_up.id,
        )
    )


def sign_ups(experiment):
    """(participants, waiting list) with their accounts, in order, in one query."""
    rows = db.session.scalars(
        select(SignUp)
        .where(SignUp.experiment_id == experiment.id)
        .options(joinedload(SignUp.user))
        .order_by(SignUp.id)
    ).all()
    return (
        [s for s in rows if s.is_confirmed],
        [s for s in rows if s.is_waiting],
    )


def participant_ids(experiment):
    return list(
        db.session.scalars(
            select(SignUp.user_id).where(
                SignUp.experiment_id == experiment.id, SignUp.status == SignUpStatus.CONFIRMED
            )
        )
    )


def list_query(user, *, method=None, problem=None, places_left=False):
    """Experiments for `/experiments/`: upcoming first (soonest first), then past (latest first)."""
    now = utcnow()
    query = select(Experiment).where(~Experiment.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Experiment.status != ExperimentStatus.DRAFT)
    if method is not None:
        query = query.where(Experiment.method == method)
    if problem is not None:
        query = query.where(Experiment.problem_id == problem.id)
    if places_left:
        query = query.where(
            and_(
                Experiment.status == ExperimentStatus.OPEN,
                Experiment.participants_count < Experiment.capacity,
                Experiment.ends_at > now,
            )
        )
    upcoming = Experiment.ends_at > now
    return query.order_by(
        case((upcoming, 0), else_=1),
        case((upcoming, Experiment.starts_at), else_=None).asc(),
        Experiment.starts_at.desc(),
        Experiment.id,
    ).options(joinedload(Experiment.problem))


def list_page(viewer, *, method=None, problem=None, places_left=False, page=1, per_page=20):
    """One page of `/experiments/` (see `list_query`)."""
    query = list_query(viewer, method=method, problem=problem, places_left=places_left)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def experiments_of_problem(problem, user):
    query = select(Experiment).where(Experiment.problem_id == problem.id, ~Experiment.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Experiment.status != ExperimentStatus.DRAFT)
    return db.session.scalars(query.order_by(Experiment.starts_at)).all()


def load_experiment(experiment_id):
    return db.session.scalar(
        select(Experiment)
        .where(Experiment.id == experiment_id)
        .options(joinedload(Experiment.problem), joinedload(Experiment.organisers))
    )


def tested_version(experiment):
    """The prototype version the experiment tests, or None."""
    if experiment.prototype_version_id is None:
        return None
    return db.session.get(PrototypeVersion, experiment.prototype_version_id)


def version_choices(problem):
    """(id, number, prototype's title) of the problem's prototype versions, to pick one to test."""
    return db.session.execute(
        select(PrototypeVersion.id, PrototypeVersion.number, Prototype.title)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(Prototype.problem_id == problem.id)
        .order_by(Prototype.id, PrototypeVersion.number)
    ).all()

"""Demo experiments with their sign-ups, waiting lists and results, for `seed-demo`.

The texts are in `experiments_text`; this module gives them dates, organisers and participants.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from platform.accounts.models import User
from platform.database import utcnow
from platform.demo.experiments_text import CLOSED, COMPLETED, DRAFT, EXPERIMENTS
from platform.demo.problems import find_problem
from platform.experiments import services
from platform.experiments.models import FIELD_METHODS, Experiment, SignUp
from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.prototypes.models import Prototype, PrototypeVersion
from platform.roles import Role


def _version(problem, number):
    """The id of a version of the problem's first prototype, or None."""
    return db.session.scalar(
        select(PrototypeVersion.id)
        .join(Prototype, Prototype.id == PrototypeVersion.prototype_id)
        .where(Prototype.problem_id == problem.id, PrototypeVersion.number == number)
        .order_by(Prototype.id)
        .limit(1)
    )


def _local(now, days, weekday, hour_minute):
    """The local time `hour_minute` on the `weekday` nearest to `days` from now."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    day = (now + timedelta(days=days)).astimezone(zone).date()
    day += timedelta(days=(weekday - day.weekday() + 3) % 7 - 3)
    return datetime.combine(day, time(*hour_minute), tzinfo=zone)


def _create(agent, problem, data, starts_at, ends_at):
    """Create and maybe open the experiment, leaving the problem's stage as it is."""
    status = problem.status
    # The service refuses an adopted problem, and opening a field test of a problem being
    # prototyped would move it on: create the experiment as when the problem was experimented.
    if status is ProblemStatus.ADOPTED or (
        status is ProblemStatus.PROTOTYPING and data["method"] in FIELD_METHODS
    ):
        problem.status = ProblemStatus.EXPERIMENTING
    version = _version(problem, data["version"]) if "version" in data else None
    experiment = services.create_experiment(
        agent, problem, method=data["method"], title=data["title"],
        description=data["description"], involvement=data["involvement"],
        location=data["location"], is_online=data.get("is_online", False),
        starts_at=starts_at, ends_at=ends_at, capacity=data["capacity"],
        prototype_version_id=version,
    )  # fmt: skip
    if data["state"] != DRAFT:
        services.open_experiment(agent, experiment)
    problem.status = status
    return experiment


def _seed_sign_ups(experiment, data, camille, citizens, rng, opened, until):
    """Sign citizens up in order, spread between the opening and `until`."""
    people = rng.sample(citizens, data["joins"] - ("camille" in data))
    if "camille" in data:
        people.insert(data["camille"], camille)
    times = sorted(opened + (until - opened) * rng.uniform(0.03, 0.97) for _ in people)
    for user, when in zip(people, times, strict=True):
        services.join_experiment(user, experiment).created_at = when
    if "leave" in data:
        services.leave_experiment(people[data["leave"]], experiment)
        promoted = db.session.scalars(
            select(SignUp).where(
                SignUp.experiment_id == experiment.id, SignUp.promoted_at.is_not(None)
            )
        ).all()
        for sign_up in promoted:
            sign_up.promoted_at = times[-1] + (until - times[-1]) / 2


def _seed_experiment(agent, co_organiser, problem, data, camille, citizens, rng, now):
    """Create one experiment, then open, fill, close or complete it as its data says."""
    starts_at = _local(now, data["day"], data["weekday"], data["start"])
    ends_at = _local(now, data["day"], data["weekday"], data["end"])
    past = ends_at <= now
    experiment = _create(agent, problem, data, starts_at, ends_at)
    if data.get("co_organiser"):
        experiment.organisers.append(co_organiser)
    if data["state"] == DRAFT:
        experiment.created_at = experiment.updated_at = now - timedelta(days=3, hours=5)
        return
    # Sign-ups close when an experiment is over: let them happen as they did, before it ran.
    if past:
        experiment.ends_at = now + timedelta(days=1)
        db.session.flush()
    opened = min(starts_at - timedelta(days=data["opened"]), now - timedelta(days=2))
    closed = now - timedelta(days=1, hours=3)
    until = {COMPLETED: starts_at - timedelta(days=1), CLOSED: closed}.get(
        data["state"], now - timedelta(hours=1)
    )
    _seed_sign_ups(experiment, data, camille, citizens, rng, opened, until)
    if past:
        experiment.ends_at = ends_at
        db.session.flush()
    # The services stamp everything with the current time: move each step to its place.
    experiment.created_at = opened - timedelta(days=3, hours=2)
    experiment.opened_at = experiment.updated_at = opened
    if data["state"] == CLOSED:
        services.close_sign_ups(agent, experiment)
        experiment.updated_at = closed
    elif data["state"] == COMPLETED:
        services.publish_results(agent, experiment, data["results"])
        published = ends_at + timedelta(days=data["published"], hours=7)
        experiment.results_published_at = experiment.updated_at = min(published, now)


def seed_experiments(accounts):
    """Add the demo experiments and their sign-ups, unless experiments exist already."""
    if db.session.scalar(select(Experiment.id).limit(1)) is not None:
        return
    now, camille, agent, moderator = utcnow(), accounts[0], accounts[3], accounts[4]
    # Camille, the demo citizen people sign in as, is left free to join most open experiments.
    citizens = db.session.scalars(
        select(User).where(User.role == Role.CITIZEN, User.id != camille.id).order_by(User.id)
    ).all()
    rng = random.Random(2026)  # varied but identical from one run to the next
    for data in EXPERIMENTS:
        problem = find_problem(*data["problem"])
        if problem is not None:  # a database seeded before may lack this problem
            _seed_experiment(agent, moderator, problem, data, camille, citizens, rng, now)
    db.session.flush()

"""Factories for experiments, built through the services as an organiser would."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from platform.database import utcnow
from platform.experiments import services
from platform.experiments.models import Experiment, ExperimentStatus, Method, SignUp
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus


@pytest.fixture
def lab_problem(make_problem):
    return make_problem(status=ProblemStatus.SELECTED, title="Accueil de la mairie")


def fields(**overrides):
    start = utcnow() + timedelta(days=7)
    values = {
        "method": Method.INTERVIEW,
        "title": "Entretiens sur l'accueil",
        "description": "Nous voulons comprendre **l'attente**.",
        "involvement": "45 minutes, accès de plain-pied.",
        "location": "Mairie annexe du Port, 3 quai des Pêcheurs",
        "is_online": False,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 10,
    }
    values.update(overrides)
    return values


@pytest.fixture
def make_experiment(app, agent, lab_problem):
    """An experiment in the given state; `starts_in`/`lasts` set its dates afterwards."""

    def make(status=ExperimentStatus.OPEN, problem=None, starts_in=None, lasts=None, **overrides):
        with app.test_request_context():
            target = db.session.get(Problem, (problem or lab_problem).id)
            experiment = services.create_experiment(agent, target, **fields(**overrides))
            if status is not ExperimentStatus.DRAFT:
                services.open_experiment(agent, experiment)
            if status is ExperimentStatus.CLOSED:
                services.close_sign_ups(agent, experiment)
            db.session.commit()
            if starts_in is not None:
                experiment.starts_at = utcnow() + starts_in
                experiment.ends_at = experiment.starts_at + (lasts or timedelta(hours=2))
                db.session.commit()
            db.session.refresh(experiment)
            return experiment

    return make


@pytest.fixture
def join_as(app):
    """Sign accounts up directly through the service (arrival order = call order)."""

    def join(experiment, *users):
        with app.test_request_context():
            for user in users:
                services.join_experiment(user, db.session.get(Experiment, experiment.id))
            db.session.commit()

    return join


@pytest.fixture
def sign_ups(fetch):
    """[(user_id, status)] in arrival order."""

    def get(experiment):
        query = select(SignUp).where(SignUp.experiment_id == experiment.id).order_by(SignUp.id)
        return [(s.user_id, s.status.value) for s in fetch(lambda s: s.scalars(query).all())]

    return get


@pytest.fixture
def get_experiment(fetch):
    return lambda experiment: fetch(lambda s: s.get(Experiment, experiment.id))

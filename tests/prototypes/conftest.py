"""Factories for prototypes: built through the services, as an agent would."""

import pytest
from sqlalchemy import select

from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus
from platform.prototypes import queries, services
from platform.prototypes.models import Prototype, PrototypeStatus, PrototypeVersion, QuestionKind

QUESTIONS = [
    ("Avez-vous trouvé l'information facilement ?", QuestionKind.SCALE),
    ("Qu'est-ce qui vous a manqué ?", QuestionKind.TEXT),
]


@pytest.fixture
def selected_problem(make_problem):
    return make_problem(status=ProblemStatus.SELECTED, title="Horaires illisibles")


@pytest.fixture
def make_prototype(app, agent, selected_problem):
    """Create a prototype in the given state, with `versions` versions."""

    def make(status=PrototypeStatus.OPEN, versions=1, questions=QUESTIONS, problem=None):
        with app.test_request_context():
            target = db.session.get(Problem, (problem or selected_problem).id)
            prototype = services.create_prototype(
                agent, target, title="Fiche horaire en gros caractères",
                summary="Une fiche lisible à hauteur des yeux.",
                description="Nous testons une **nouvelle fiche**.", questions=questions,
            )  # fmt: skip
            if status is not PrototypeStatus.DRAFT:
                services.publish_prototype(agent, prototype)
            for n in range(2, versions + 1):
                services.add_version(
                    agent, prototype, changes=f"Changements {n}", questions=questions
                )
            if status is PrototypeStatus.CLOSED:
                services.close_prototype(agent, prototype)
            db.session.commit()
            db.session.refresh(prototype)
            return prototype

    return make


@pytest.fixture
def versions_of(fetch):
    def get(prototype):
        query = (
            select(PrototypeVersion)
            .where(PrototypeVersion.prototype_id == prototype.id)
            .order_by(PrototypeVersion.number)
        )
        return fetch(lambda s: s.scalars(query).all())

    return get


@pytest.fixture
def get_prototype(fetch):
    return lambda prototype: fetch(lambda s: s.get(Prototype, prototype.id))


@pytest.fixture
def question_ids(app):
    def get(version):
        with app.app_context():
            return [q.id for q in queries.questions_of(version)]

    return get

"""A small known dataset, written row by row with its dates, for figures computed by hand.

Everything happens in the year before the current one (`YEAR`), a full past year, except two
problems that the lab selected the year before (`YEAR - 1`). The figures expected from it are
worked out in the tests, next to each assertion.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from platform.comments.models import Comment
from platform.database import utcnow
from platform.experiments.models import Experiment, ExperimentStatus, Method, SignUp, SignUpStatus
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus, StatusChange, Support
from platform.prototypes.models import Feedback, Prototype, PrototypeStatus, PrototypeVersion

YEAR = utcnow().year - 1


def at(month, day, hour=12, minute=0, second=0, year=YEAR):
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Builder:
    """Adds rows with explicit dates; `ids` keeps what the tests point at."""

    ids: dict = field(default_factory=dict)

    def problem(self, key, author, theme, district, created, status, changes=(), **fields):
        problem = Problem(
            title=f"Problème {key}", description="Description.", search_text=key,
            theme_id=theme.id, district_id=district.id if district else None,
            author_id=author.id, status=status, created_at=created, updated_at=created, **fields,
        )  # fmt: skip
        db.session.add(problem)
        db.session.flush()
        previous = ProblemStatus.PROPOSED
        for to_status, when in changes:
            db.session.add(
                StatusChange(problem_id=problem.id, from_status=previous, to_status=to_status,
                             created_at=when)
            )  # fmt: skip
            previous = to_status
        self.ids[key] = problem.id
        return problem

    def support(self, problem, user, when):
        db.session.add(Support(problem_id=problem.id, user_id=user.id, created_at=when))

    def comment(self, target, user, when, **fields):
        key = "prototype_id" if isinstance(target, Prototype) else "problem_id"
        db.session.add(
            Comment(author_id=user.id, body="Avis.", created_at=when, **{key: target.id}, **fields)
        )

    def prototype(self, key, problem, published, versions, status=PrototypeStatus.OPEN, **fields):
        prototype = Prototype(
            problem_id=problem.id, title=f"Prototype {key}", summary="S", description="D",
            status=status, published_at=published, versions_count=len(versions),
            created_at=versions[0], **fields,
        )  # fmt: skip
        db.session.add(prototype)
        db.session.flush()
        made = []
        for number, created in enumerate(versions, start=1):
            version = PrototypeVersion(prototype_id=prototype.id, number=number, created_at=created)
            db.session.add(version)
            made.append(version)
        db.session.flush()
        self.ids[key] = prototype.id
        return prototype, made

    def feedback(self, version, user, rating, when, **fields):
        db.session.add(
            Feedback(version_id=version.id, user_id=user.id, rating=rating, created_at=when,
                     updated_at=when, **fields)
        )  # fmt: skip

    def experiment(self, key, problem, method, starts, status=ExperimentStatus.OPEN, **fields):
        experiment = Experiment(
            problem_id=problem.id, method=method, title=f"Expérience {key}", description="D",
            involvement="I", location="L", starts_at=starts, ends_at=starts.replace(hour=18),
            capacity=10, status=status, **fields,
        )  # fmt: skip
        db.session.add(experiment)
        db.session.flush()
        self.ids[key] = experiment.id
        return experiment

    def sign_up(self, experiment, user, when, status=SignUpStatus.CONFIRMED):
        db.session.add(
            SignUp(experiment_id=experiment.id, user_id=user.id, status=status, created_at=when)
        )


@pytest.fixture
def people(make_user):
    return {name: make_user(display_name=name) for name in "abcd"}


@pytest.fixture
def dataset(app, people, theme, other_theme, district):
    """The known dataset (see the tests for what each row is there for); returns its ids."""
    a, b, c, d = (people[name] for name in "abcd")
    t1, t2, d1 = theme, other_theme, district
    S = ProblemStatus  # noqa: N806
    build = Builder()
    with app.app_context():
        i1 = build.problem("i1", a, t1, d1, at(1, 15), S.ADOPTED, [
            (S.SELECTED, at(2, 1)), (S.PROTOTYPING, at(3, 1)), (S.EXPERIMENTING, at(5, 1)),
            (S.ADOPTED, at(9, 1)),
        ])  # fmt: skip
        i2 = build.problem("i2", b, t1, None, at(1, 20), S.NOT_RETAINED, [
            (S.SELECTED, at(2, 10)), (S.NOT_RETAINED, at(4, 1)),
        ])  # fmt: skip
        i3 = build.problem("i3", c, t2, d1, at(3, 3), S.PROPOSED)
        i4 = build.problem("hidden", d, t2, None, at(3, 4), S.PROPOSED, is_hidden=True)
        build.problem("pending", d, t1, None, at(3, 5), S.PENDING)
        build.problem("withdrawn", a, t1, None, at(2, 2), S.WITHDRAWN, [(S.WITHDRAWN, at(2, 3))])
        i7 = build.problem("i7", b, t2, d1, at(11, 1, year=YEAR - 1), S.PROTOTYPING, [
            (S.SELECTED, at(12, 1, year=YEAR - 1)), (S.PROTOTYPING, at(6, 15)),
        ])  # fmt: skip
        i8 = build.problem("i8", c, t2, None, at(11, 2, year=YEAR - 1), S.SELECTED, [
            (S.SELECTED, at(12, 2, year=YEAR - 1)),
        ])  # fmt: skip

        build.support(i1, a, at(1, 16))
        build.support(i1, b, at(1, 17))
        # The last second of February in UTC (March already in Paris) is February's.
        build.support(i1, c, at(2, 28 if YEAR % 4 else 29, 23, 59, 59))
        build.support(i3, a, at(3, 10))
        build.support(i4, b, at(3, 11))  # on a hidden problem
        build.support(i7, c, at(11, 5, year=YEAR - 1))

        p1, (p1v1, p1v2) = build.prototype("p1", i1, at(3, 1), [at(2, 25), at(4, 1)])
        build.prototype("draft", i7, None, [at(6, 1)], status=PrototypeStatus.DRAFT)
        build.prototype("hidden-prototype", i7, at(6, 2), [at(6, 2)], is_hidden=True)
        p3, (p3v1, _p3v2) = build.prototype(
            "p3", i8, at(12, 10, year=YEAR - 1), [at(12, 9, year=YEAR - 1), at(1, 5)]
        )

        build.comment(i1, b, at(1, 18))
        build.comment(i1, c, at(2, 6))
        build.comment(i1, d, at(2, 7), deleted_at=at(2, 8))
        build.comment(i2, a, at(2, 8), is_hidden=True)
        build.comment(i3, c, at(3, 12))
        build.comment(p1, d, at(4, 10))
        build.comment(i4, a, at(3, 13))  # on a hidden problem

        build.feedback(p1v1, a, 2, at(3, 5))
        build.feedback(p1v1, b, 4, at(3, 6))
        build.feedback(p1v1, c, 5, at(3, 7), is_hidden=True)
        build.feedback(p1v2, a, 4, at(4, 5))
        build.feedback(p1v2, d, 5, at(4, 6))
        build.feedback(p3v1, c, 3, at(12, 15, year=YEAR - 1))

        e1 = build.experiment(
            "e1", i1, Method.FIELD_EXPERIMENT, at(5, 10, 9), ExperimentStatus.COMPLETED,
            results="Des résultats **encourageants**.", results_published_at=at(6, 1),
        )  # fmt: skip
        build.sign_up(e1, a, at(4, 20))
        build.sign_up(e1, b, at(4, 21))
        build.sign_up(e1, c, at(4, 22), SignUpStatus.WAITING)
        e2 = build.experiment("e2", i7, Method.INTERVIEW, at(7, 1, 9))
        build.sign_up(e2, d, at(6, 20))
        e3 = build.experiment("draft-experiment", i7, Method.INTERVIEW, at(8, 1, 9),
                              ExperimentStatus.DRAFT)  # fmt: skip
        build.sign_up(e3, a, at(7, 25))
        e4 = build.experiment("hidden-experiment", i7, Method.WORKSHOP, at(8, 2, 9),
                              is_hidden=True)  # fmt: skip
        build.sign_up(e4, b, at(7, 26))
        db.session.commit()
    return build.ids

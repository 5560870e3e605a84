"""The benchmark's data generator: the sizes it promises, counters equal to their rows, one
long thread, the rules of the platform kept (capacity, one support per account)."""

import random

import pytest
from sqlalchemy import func, select

from bench.counters import counter_drift
from bench.generate import allocate, generate, sizes_for
from platform.accounts.models import User
from platform.comments.models import Comment
from platform.experiments.models import Experiment, SignUp
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus, Support
from platform.prototypes.models import Feedback, Prototype

SCALE = 0.001


@pytest.fixture
def city(app):
    with app.app_context():
        manifest = generate(db.session, scale=SCALE, seed=7)
        db.session.commit()  # released into the test's transaction, rolled back after the test
        yield manifest


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_sizes_follow_the_scale():
    sizes = sizes_for(1)
    assert sizes["accounts"] == 200_000
    assert sizes["supports"] == 1_000_000
    assert sizes["big_thread"] == 2_000
    assert sizes_for(0.01)["problems"] == 1_000


def test_allocation_sums_exactly_and_respects_caps():
    rng = random.Random(1)
    counts = allocate(1_000, [rng.paretovariate(1.3) for _ in range(50)], [40] * 50, rng)
    assert sum(counts) == 1_000
    assert max(counts) <= 40


def test_generator_writes_the_promised_rows(city):
    sizes = sizes_for(SCALE)
    assert count(User) == sizes["accounts"]
    assert count(Problem) == sizes["problems"]
    assert count(Support) == sizes["supports"]
    assert count(Comment) == sizes["comments"]
    assert count(Prototype) == sizes["prototypes"]
    assert count(Feedback) == sizes["feedbacks"]
    assert count(Experiment) == sizes["experiments"]
    assert count(SignUp) == sizes["sign_ups"]
    assert city["rows"]["support"] == sizes["supports"]


def test_stored_counters_equal_their_rows(city):
    assert counter_drift(db.session) == dict.fromkeys(counter_drift(db.session), 0)


def test_one_problem_carries_the_long_thread(city):
    longest = db.session.scalar(select(Problem).order_by(Problem.comments_count.desc()).limit(1))
    assert longest.id == city["big_thread_problem"]
    assert longest.is_listed
    threads = db.session.scalar(select(func.count()).where(Comment.problem_id == longest.id))
    assert threads == sizes_for(SCALE)["big_thread"]


def test_most_problems_are_proposed(city):
    proposed = db.session.scalar(
        select(func.count()).where(Problem.status == ProblemStatus.PROPOSED)
    )
    assert proposed > count(Problem) / 2


def test_experiments_never_exceed_their_capacity(city):
    assert not db.session.scalar(
        select(func.count()).where(Experiment.participants_count > Experiment.capacity)
    )


def test_manifest_names_pages_that_exist(city):
    assert db.session.get(Prototype, city["prototype"]) is not None
    assert db.session.get(Experiment, city["experiment"]) is not None
    assert db.session.scalar(select(func.count()).where(User.email.in_(city["accounts"]))) == len(
        city["accounts"]
    )
    assert city["support_problems"]

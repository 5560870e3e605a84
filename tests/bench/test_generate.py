"""The benchmark's data generator: the sizes it promises, counters equal to their rows, one
long thread, the rules of the platform kept (capacity, one support per account, surveys'
answers within their questions' rules)."""

import random

import pytest
from sqlalchemy import func, select

from bench.counters import counter_drift
from bench.generate import allocate, generate, sizes_for
from bench.scenarios import pages
from platform.accounts.models import User
from platform.comments.models import Comment
from platform.experiments.models import Experiment, SignUp
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus, Support
from platform.prototypes.models import Feedback, Prototype
from platform.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from tests.bench.survey_rules import violations

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
    assert sizes["surveys"] == 40
    assert sizes["survey_responses"] == 50_000
    assert sizes_for(0.001)["surveys"] == 4  # still one survey in each state


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
    assert count(Survey) == sizes["surveys"]
    submitted = SurveyResponse.submitted_at.is_not(None)
    assert db.session.scalar(select(func.count()).where(submitted)) == sizes["survey_responses"]
    drafts = db.session.scalar(select(func.count()).where(SurveyResponse.submitted_at.is_(None)))
    assert drafts == sizes["survey_drafts"]


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


def test_surveys_keep_their_rules(city):
    """Counters, dates, one response per account, and every answer within its question's
    rules: visible questions only, choices within min/max, ranks a permutation, scale values
    within the scale."""
    assert violations(db.session) == []
    statuses = set(db.session.scalars(select(Survey.status)))
    assert statuses == set(SurveyStatus)


def test_the_measured_results_are_the_largest_published_survey(city):
    survey = db.session.get(Survey, city["survey_results"])
    assert survey.status is SurveyStatus.PUBLISHED
    assert survey.responses_count == city["survey_results_responses"]
    assert survey.responses_count == db.session.scalar(select(func.max(Survey.responses_count)))
    # It asks every kind of question, a conditional one and one with "other".
    questions = db.session.scalars(
        select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id)
    ).all()
    assert {q.kind for q in questions} == set(QuestionKind)
    assert any(q.condition_question_id for q in questions)
    assert any(q.has_other for q in questions)
    quoted = select(func.count()).where(
        SurveyAnswer.quoted_at.is_not(None), SurveyAnswer.question_id.in_([q.id for q in questions])
    )
    assert db.session.scalar(quoted) > 0
    answering = db.session.get(Survey, city["survey"])
    assert answering.status is SurveyStatus.OPEN
    assert answering.responses_count == city["survey_responses"]


def test_manifest_names_pages_that_exist(city):
    assert db.session.get(Prototype, city["prototype"]) is not None
    assert db.session.get(Experiment, city["experiment"]) is not None
    assert db.session.scalar(select(func.count()).where(User.email.in_(city["accounts"]))) == len(
        city["accounts"]
    )
    assert city["support_problems"]
    paths = {path for _name, _kind, path in pages(city)}
    assert f"/surveys/{city['survey_results']}/results" in paths
    assert f"/surveys/{city['survey']}" in paths
    assert f"/api/v1/surveys/{city['survey_results']}" in paths
    assert "/surveys/" in paths

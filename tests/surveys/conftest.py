"""Factories for surveys, built directly on the models (the builder has its own tests).

    make_survey(sections=[[q, q], [q]], status=SurveyStatus.OPEN, is_anonymous=False, ...)

where each question `q` is a dict: kind (a QuestionKind or its value), prompt, and optionally
options=[labels], rows=[labels] (matrix), is_required, has_other, min_choices, max_choices,
scale=(1, 5), low_label, high_label, help_text, condition=(prompt of an earlier question,
[labels of its options]). The survey's `questions` attribute maps each prompt to its question.
"""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import (
    QuestionKind,
    Survey,
    SurveyOption,
    SurveyQuestion,
    SurveySection,
    SurveyStatus,
    survey_condition_option,
)
from tests.prototypes.conftest import make_prototype, selected_problem  # noqa: F401

SIMPLE = [
    [
        {"kind": "single_choice", "prompt": "Venez-vous à la mairie ?",
         "options": ["Oui", "Non"], "is_required": True},
        {"kind": "multiple_choice", "prompt": "Par quels moyens ?",
         "options": ["À pied", "En bus", "En voiture"], "has_other": True},
    ],
    [
        {"kind": "scale", "prompt": "Votre satisfaction", "scale": (1, 5),
         "low_label": "Pas du tout", "high_label": "Tout à fait"},
        {"kind": "long_text", "prompt": "Une idée pour l'accueil ?"},
    ],
]  # fmt: skip


def build_survey(organiser, sections=SIMPLE, status=SurveyStatus.OPEN, is_anonymous=False,
                 title="Enquête sur l'accueil", problem=None, prototype=None,
                 opens_in=timedelta(days=-1), lasts=timedelta(days=14), locked=False):  # fmt: skip
    """Add a survey with its structure to the current session (flushed, not committed)."""
    now = utcnow()
    survey = Survey(
        title=title, introduction="Dites-nous **tout**.", status=SurveyStatus(status),
        is_anonymous=is_anonymous, opens_at=now + opens_in, closes_at=now + opens_in + lasts,
        problem_id=problem.id if problem else None,
        prototype_id=prototype.id if prototype else None, created_by_id=organiser.id,
        opened_at=None if status == SurveyStatus.DRAFT else now + opens_in,
        locked_at=now if locked else None,
    )  # fmt: skip
    if status in (SurveyStatus.CLOSED, SurveyStatus.PUBLISHED):
        survey.closed_at = now
    if status == SurveyStatus.PUBLISHED:
        survey.results_published_at = now
    survey.organisers = [db.session.get(User, organiser.id)]
    db.session.add(survey)
    db.session.flush()
    by_prompt = {}
    for s_index, questions in enumerate(sections, start=1):
        section = SurveySection(survey_id=survey.id, position=s_index, title=f"Partie {s_index}")
        db.session.add(section)
        db.session.flush()
        for q_index, spec in enumerate(questions, start=1):
            kind = QuestionKind(spec["kind"])
            low, high = spec.get("scale", (1, 5)) if kind is QuestionKind.SCALE else (None, None)
            question = SurveyQuestion(
                survey_id=survey.id, section_id=section.id, position=q_index, kind=kind,
                prompt=spec["prompt"], help_text=spec.get("help_text", ""),
                is_required=spec.get("is_required", False),
                has_other=spec.get("has_other", False), min_choices=spec.get("min_choices"),
                max_choices=spec.get("max_choices"), scale_min=low, scale_max=high,
                low_label=spec.get("low_label", ""), high_label=spec.get("high_label", ""),
            )  # fmt: skip
            db.session.add(question)
            db.session.flush()
            labels = {}
            for is_row, key in ((False, "options"), (True, "rows")):
                for o_index, label in enumerate(spec.get(key, []), start=1):
                    option = SurveyOption(question_id=question.id, position=o_index,
                                          label=label, is_row=is_row)  # fmt: skip
                    db.session.add(option)
                    db.session.flush()
                    labels[(is_row, label)] = option
            question.option_by_label = {label: o for (row, label), o in labels.items() if not row}
            question.row_by_label = {label: o for (row, label), o in labels.items() if row}
            if "condition" in spec:
                source_prompt, option_labels = spec["condition"]
                source = by_prompt[source_prompt]
                question.condition_question_id = source.id
                db.session.execute(
                    insert(survey_condition_option),
                    [{"question_id": question.id, "option_id": source.option_by_label[x].id}
                     for x in option_labels],
                )  # fmt: skip
            by_prompt[spec["prompt"]] = question
    db.session.flush()
    return survey, by_prompt


class Built:
    """What `make_survey` returns: the survey's ids, read again in each test's own contexts."""

    def __init__(self, survey, by_prompt):
        self.id = survey.id
        self.survey = survey
        self.questions = {
            prompt: {
                "id": q.id,
                "options": {label: o.id for label, o in q.option_by_label.items()},
                "rows": {label: o.id for label, o in q.row_by_label.items()},
            }
            for prompt, q in by_prompt.items()
        }

    def q(self, prompt):
        return self.questions[prompt]["id"]

    def option(self, prompt, label):
        return self.questions[prompt]["options"][label]

    def row(self, prompt, label):
        return self.questions[prompt]["rows"][label]


@pytest.fixture
def make_survey(app, agent):
    """A survey in the given state, organised by `agent` unless `organiser` is given."""

    def make(organiser=None, **kwargs):
        with app.test_request_context():
            survey, by_prompt = build_survey(organiser or agent, **kwargs)
            db.session.commit()
            db.session.refresh(survey)
            return Built(survey, by_prompt)

    return make


@pytest.fixture
def get_survey(fetch):
    return lambda built: fetch(lambda s: s.get(Survey, built.id))


@pytest.fixture
def questions_of(fetch):
    def get(built):
        query = select(SurveyQuestion).where(SurveyQuestion.survey_id == built.id)
        return fetch(lambda s: s.scalars(query.order_by(SurveyQuestion.id)).all())

    return get

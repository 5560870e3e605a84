"""Conditions, evaluated on the server from the saved answers: questions shown or not, sections
skipped, answers forgotten when their question no longer applies, crafted answers refused."""

import pytest
from sqlalchemy import insert, update

from platform.extensions import db
from platform.surveys.models import SurveyQuestion, survey_condition_option
from tests.support.pages import text
from tests.surveys.test_answering import (
    answers_of,
    location,
    signer,
    stored,
    url,
)


@pytest.fixture
def sign_in(client, auth):
    return signer(client, auth)


BIKE = "Avez-vous un vélo ?"
MODES = "Quels transports ?"
WHERE = "Où le garez-vous ?"
COMMENT = "Un commentaire ?"
BRAND = "Quelle marque ?"
TRIPS = "Combien de trajets en tram ou en train ?"

# The conditions are added after the survey is built (`with_conditions`), in SQL: assigning
# `condition_options` (lazy="raise") on a flushed question fails in the shared factory.
CONDITIONS = [
    [
        {"kind": "single_choice", "prompt": BIKE, "options": ["Oui", "Non"], "is_required": True},
        {"kind": "multiple_choice", "prompt": MODES, "options": ["Bus", "Tram", "Train"]},
    ],
    [
        {"kind": "single_choice", "prompt": WHERE, "options": ["Rue", "Cour"],
         "is_required": True},
    ],
    [
        {"kind": "short_text", "prompt": COMMENT},
        {"kind": "short_text", "prompt": BRAND},
        {"kind": "number", "prompt": TRIPS},
    ],
]  # fmt: skip


WHEN = {WHERE: (BIKE, ["Oui"]), BRAND: (WHERE, ["Cour"]), TRIPS: (MODES, ["Tram", "Train"])}


def with_conditions(app, built, conditions):
    """Make each question of `conditions` ({prompt: (source prompt, [option labels])})
    conditional on its source."""
    with app.app_context():
        for prompt, (source, labels) in conditions.items():
            db.session.execute(
                update(SurveyQuestion)
                .where(SurveyQuestion.id == built.q(prompt))
                .values(condition_question_id=built.q(source))
            )
            db.session.execute(
                insert(survey_condition_option),
                [{"question_id": built.q(prompt), "option_id": built.option(source, label)}
                 for label in labels],
            )  # fmt: skip
        db.session.commit()
    return built


@pytest.fixture
def built(app, make_survey):
    return with_conditions(app, make_survey(sections=CONDITIONS), WHEN)


def first(client, built, bike, modes=()):
    data = {f"q{built.q(BIKE)}": str(built.option(BIKE, bike)),
            f"q{built.q(MODES)}": [str(built.option(MODES, m)) for m in modes]}  # fmt: skip
    return client.post(url(built, 1), data=data)


def test_a_section_none_of_whose_questions_applies_is_skipped(client, sign_in, citizen, built):
    sign_in(citizen)
    assert location(first(client, built, "Non")).endswith(url(built, 3))
    assert location(client.get(url(built, 2))).endswith(url(built, 3))
    assert location(client.get(url(built))).endswith(url(built, 3))
    page = text(client.get(url(built, 3)))
    assert "Part 2 of 2" in page
    assert COMMENT in page and BRAND not in page and TRIPS not in page
    assert f'href="{url(built, 1)}">Back to the previous part' in page


def test_a_question_is_shown_when_the_earlier_answer_meets_its_condition(
    client, sign_in, citizen, built
):
    sign_in(citizen)
    assert location(first(client, built, "Oui", ["Bus"])).endswith(url(built, 2))
    page = text(client.get(url(built, 2)))
    assert WHERE in page and "Part 2 of 3" in page
    client.post(url(built, 2), data={f"q{built.q(WHERE)}": str(built.option(WHERE, "Cour"))})
    page = text(client.get(url(built, 3)))
    assert BRAND in page and TRIPS not in page and "Part 3 of 3" in page

    client.post(url(built, 2), data={f"q{built.q(WHERE)}": str(built.option(WHERE, "Rue"))})
    first(client, built, "Oui", ["Bus", "Train"])  # one of the condition's options is enough
    page = text(client.get(url(built, 3)))
    assert BRAND not in page and TRIPS in page


def test_answers_to_questions_that_no_longer_apply_are_forgotten(
    client, sign_in, citizen, built, fetch
):
    sign_in(citizen)
    first(client, built, "Oui", ["Tram"])
    client.post(url(built, 2), data={f"q{built.q(WHERE)}": str(built.option(WHERE, "Cour"))})
    client.post(url(built, 3), data={f"q{built.q(COMMENT)}": "Bien", f"q{built.q(BRAND)}": "Btwin",
                                     f"q{built.q(TRIPS)}": "4"})  # fmt: skip
    assert set(answers_of(fetch, built)) == {BIKE, MODES, WHERE, COMMENT, BRAND, TRIPS}

    # No bike: where it is parked no longer applies, nor (through it) its brand.
    first(client, built, "Non", ["Bus"])
    assert answers_of(fetch, built) == {
        BIKE: [{"option_id": built.option(BIKE, "Non")}],
        MODES: [{"option_id": built.option(MODES, "Bus")}],
        COMMENT: [{"text": "Bien"}],
    }


def test_a_question_that_applies_again_must_be_answered_before_sending(
    client, sign_in, citizen, built, fetch
):
    sign_in(citizen)
    first(client, built, "Oui")
    client.post(url(built, 2), data={f"q{built.q(WHERE)}": str(built.option(WHERE, "Rue"))})
    client.post(url(built, 3), data={})
    assert client.post(url(built, "submit")).status_code == 302
    first(client, built, "Non")
    first(client, built, "Oui")
    assert location(client.get(url(built))).endswith(url(built, "review"))
    before = stored(fetch, built)
    response = client.post(url(built, "submit"))
    assert response.status_code == 400
    assert f'href="{url(built, 2)}#question-{built.q(WHERE)}"' in text(response)
    assert stored(fetch, built) == before


def test_a_required_question_that_does_not_apply_does_not_block_sending(
    client, sign_in, citizen, built, get_survey
):
    sign_in(citizen)
    first(client, built, "Non")
    assert location(client.post(url(built, 3), data={})).endswith(url(built, "review"))
    review = text(client.get(url(built, "review")))
    assert WHERE not in review
    assert client.post(url(built, "submit")).status_code == 302
    assert get_survey(built).responses_count == 1


CRAFTED = {
    "a hidden question of the section": lambda b, other: {f"q{b.q(BRAND)}": "Btwin"},
    "a hidden question's other field": lambda b, other: {f"q{b.q(BRAND)}-other": "x"},
    "a question of another section": lambda b, other: {f"q{b.q(BIKE)}": str(b.option(BIKE, "Oui"))},
    "a question of another survey": lambda b, other: {f"q{other.q('Votre satisfaction')}": "3"},
    "a question that does not exist": lambda b, other: {"q999999": "3"},
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_a_crafted_answer_to_a_question_that_does_not_apply_is_refused(
    client, sign_in, citizen, built, make_survey, fetch, case
):
    other = make_survey()
    sign_in(citizen)
    first(client, built, "Non")
    before = stored(fetch, built)
    data = {f"q{built.q(COMMENT)}": "Bien", **CRAFTED[case](built, other)}
    response = client.post(url(built, 3), data=data)
    assert response.status_code == 400
    body = text(response)
    assert "This question does not apply to your answers." in body
    assert 'class="error-summary" role="alert"' in body
    assert stored(fetch, built) == before
    assert stored(fetch, other)["responses"] == []


def test_empty_fields_of_a_question_that_no_longer_applies_are_ignored(
    client, sign_in, citizen, built, fetch
):
    """A page opened before an earlier answer changed still sends its now hidden fields."""
    sign_in(citizen)
    first(client, built, "Non")
    data = {f"q{built.q(COMMENT)}": "Bien", f"q{built.q(BRAND)}": "  "}
    assert client.post(url(built, 3), data=data).status_code == 302
    assert answers_of(fetch, built)[COMMENT] == [{"text": "Bien"}]


def test_saving_a_section_that_does_not_apply_is_refused(client, sign_in, citizen, built, fetch):
    sign_in(citizen)
    first(client, built, "Non")
    before = stored(fetch, built)
    response = client.post(url(built, 2), data={})
    assert response.status_code == 400
    assert "This part of the survey does not apply to your answers." in text(response)
    assert stored(fetch, built) == before

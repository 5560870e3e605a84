"""Every bad answer is refused on its question: the section is shown again (400) with what was
typed and an error summary, and nothing is saved, not even the section's valid answers."""

import re

import pytest

from tests.support.pages import text
from tests.surveys.test_answering import (
    ALL_KINDS,
    complete,
    fieldset,
    html_problems,
    signer,
    stored,
    url,
)


@pytest.fixture
def sign_in(client, auth):
    return signer(client, auth)


def rank_field(built, option):
    return f"q{built.q('Ranking')}-rank-{built.option('Ranking', option)}"


def row_field(built, row):
    return f"q{built.q('Matrix')}-row-{built.row('Matrix', row)}"


def other_question_option(built):
    return str(built.option("Multiple", "A"))


# Each case: (question, change to the valid answers, message shown on that question).
CASES = {
    "required missing": ("Matrix", lambda b: {row_field(b, "Hall"): "", row_field(b, "Desk"): ""},
                         "Answer this question: it is required."),
    "single: an option of another question": (
        "Single", lambda b: {f"q{b.q('Single')}": other_question_option(b)},
        "Choose one of the options offered."),
    "single: an unknown value": ("Single", lambda b: {f"q{b.q('Single')}": "abc"},
                                 "Choose one of the options offered."),
    "single: an option that does not exist": ("Single", lambda b: {f"q{b.q('Single')}": "999999"},
                                              "Choose one of the options offered."),
    "single: two options": ("Single", lambda b: {f"q{b.q('Single')}": [
        str(b.option("Single", "A")), str(b.option("Single", "B"))]}, "Give only one answer."),
    "single: other without its text": ("Single", lambda b: {f"q{b.q('Single')}": "other",
                                                            f"q{b.q('Single')}-other": "  "},
                                       "Say what your other answer is"),
    "multiple: too few": ("Multiple", lambda b: {f"q{b.q('Multiple')}": str(
        b.option("Multiple", "A")), f"q{b.q('Multiple')}-other": ""},
        "Choose at least 2 options."),
    "multiple: too many, other counting as one": (
        "Multiple", lambda b: {f"q{b.q('Multiple')}": [str(b.option("Multiple", x))
                                                       for x in "ABC"] + ["other"],
                               f"q{b.q('Multiple')}-other": "Tram"},
        "Choose at most 3 options."),
    "multiple: the same option twice": (
        "Multiple", lambda b: {f"q{b.q('Multiple')}": [str(b.option("Multiple", "A"))] * 2,
                               f"q{b.q('Multiple')}-other": ""},
        "Choose each option only once."),
    "multiple: an option of another question": (
        "Multiple", lambda b: {f"q{b.q('Multiple')}": [str(b.option("Single", "A")),
                                                       str(b.option("Multiple", "B"))]},
        "Choose one of the options offered."),
    "multiple: other without its text": (
        "Multiple", lambda b: {f"q{b.q('Multiple')}": [str(b.option("Multiple", "A")), "other"],
                               f"q{b.q('Multiple')}-other": ""},
        "Say what your other answer is"),
    "scale: above the top": ("Scale", lambda b: {f"q{b.q('Scale')}": "6"},
                             "Choose a value from 1 to 5."),
    "scale: below the bottom": ("Scale", lambda b: {f"q{b.q('Scale')}": "0"},
                                "Choose a value from 1 to 5."),
    "scale: not a whole number": ("Scale", lambda b: {f"q{b.q('Scale')}": "2.5"},
                                  "Choose a value from 1 to 5."),
    "scale: not a number": ("Scale", lambda b: {f"q{b.q('Scale')}": "beaucoup"},
                            "Choose a value from 1 to 5."),
    "number: not a number": ("Number", lambda b: {f"q{b.q('Number')}": "douze"},
                             "Enter a number, like 12.5."),
    "number: two decimal marks": ("Number", lambda b: {f"q{b.q('Number')}": "1,2,3"},
                                  "Enter a number, like 12.5."),
    "number: infinity": ("Number", lambda b: {f"q{b.q('Number')}": "inf"},
                         "Enter a number, like 12.5."),
    "number: absurdly large": ("Number", lambda b: {f"q{b.q('Number')}": "1000000000001"},
                               "Enter a number between"),
    "number: absurdly small": ("Number", lambda b: {f"q{b.q('Number')}": "-5000000000000"},
                               "Enter a number between"),
    "ranking: the same rank twice": (
        "Ranking", lambda b: {rank_field(b, "X"): "1", rank_field(b, "Y"): "1",
                              rank_field(b, "Z"): "2"},
        "Give each option a different rank, from 1 to 3."),
    "ranking: a gap": ("Ranking", lambda b: {rank_field(b, "X"): "1", rank_field(b, "Y"): "2",
                                             rank_field(b, "Z"): "4"},
                       "Give each option a different rank, from 1 to 3."),
    "ranking: out of range": ("Ranking", lambda b: {rank_field(b, "X"): "0",
                                                    rank_field(b, "Y"): "1",
                                                    rank_field(b, "Z"): "2"},
                              "Give each option a different rank, from 1 to 3."),
    "ranking: not a number": ("Ranking", lambda b: {rank_field(b, "X"): "first"},
                              "Give each option a different rank, from 1 to 3."),
    "ranking: partial": ("Ranking", lambda b: {rank_field(b, "X"): "1", rank_field(b, "Y"): "",
                                               rank_field(b, "Z"): ""},
                         "Give each option a different rank, from 1 to 3."),
    "ranking: an option of another question": (
        "Ranking", lambda b: {f"q{b.q('Ranking')}-rank-{b.option('Single', 'A')}": "1"},
        "Rank only the options of this question."),
    "matrix: a column of another question": (
        "Matrix", lambda b: {row_field(b, "Hall"): str(b.option("Single", "A"))},
        "Choose one of the options offered."),
    "matrix: a row of another question": (
        "Matrix", lambda b: {f"q{b.q('Matrix')}-row-{b.option('Single', 'A')}": str(
            b.option("Matrix", "Good"))},
        "Answer only the rows of this question."),
    "matrix: a column given as a row": (
        "Matrix", lambda b: {f"q{b.q('Matrix')}-row-{b.option('Matrix', 'Good')}": str(
            b.option("Matrix", "Good"))},
        "Answer only the rows of this question."),
    "matrix: required, a row missing": ("Matrix", lambda b: {row_field(b, "Desk"): ""},
                                        "Answer every row."),
    "short text too long": ("Short", lambda b: {f"q{b.q('Short')}": "é" * 301},
                            "At most 300 characters."),
    "long text too long": ("Long", lambda b: {f"q{b.q('Long')}": "x" * 5001},
                           "At most 5,000 characters."),
    "other text too long": ("Single", lambda b: {f"q{b.q('Single')}": "other",
                                                 f"q{b.q('Single')}-other": "y" * 301},
                            "At most 300 characters."),
    "a text sent twice": ("Short", lambda b: {f"q{b.q('Short')}": ["un", "deux"]},
                          "Give only one answer."),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_answer_is_refused_on_its_question(
    client, sign_in, citizen, make_survey, fetch, case
):
    prompt, change, message = CASES[case]
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    before = stored(fetch, built)
    data = {**complete(built), **change(built), f"q{built.q('Short')}": "gardé"}
    if prompt == "Short":
        data.update(change(built))
    response = client.post(url(built, 1), data=data)
    assert response.status_code == 400
    body = text(response)
    assert 'class="error-summary" role="alert"' in body
    error = re.search(rf'id="q{built.q(prompt)}-error">(.*?)</p>', fieldset(body, built, prompt))
    assert error and message in error.group(1)
    assert body.count('class="error-message"') == 1
    if prompt != "Short":
        assert 'value="gardé"' in fieldset(body, built, "Short")  # what was typed is kept
    assert stored(fetch, built) == before
    assert html_problems(response) == []


def test_a_bad_answer_keeps_a_saved_section_as_it_was(client, sign_in, citizen, make_survey, fetch):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    assert client.post(url(built, 1), data=complete(built)).status_code == 302
    before = stored(fetch, built)
    data = {**complete(built), f"q{built.q('Short')}": "changed", f"q{built.q('Scale')}": "7"}
    assert client.post(url(built, 1), data=data).status_code == 400
    assert stored(fetch, built) == before


def test_every_refusal_is_listed_with_a_link_to_its_question(client, sign_in, citizen, make_survey):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Single')}": "abc", f"q{built.q('Number')}": "x",
            f"q{built.q('Short')}": "z" * 400, row_field(built, "Hall"): ""}  # fmt: skip
    body = text(client.post(url(built, 1), data=data))
    for prompt, first_id in (
        ("Single", f"q{built.q('Single')}-{built.option('Single', 'A')}"),
        ("Number", f"q{built.q('Number')}"),
        ("Short", f"q{built.q('Short')}"),
        ("Matrix", f"{row_field(built, 'Hall')}-{built.option('Matrix', 'Bad')}"),
    ):
        assert f'<a href="#{first_id}">{prompt} – ' in body
        assert f'id="{first_id}"' in body
    assert body.count('class="error-message"') == 4


def test_an_other_text_typed_without_ticking_other_is_taken_as_other(
    client, sign_in, citizen, make_survey, fetch
):
    from tests.surveys.test_answering import answers_of

    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Single')}": "", f"q{built.q('Single')}-other": "Bus",
            f"q{built.q('Multiple')}": [str(built.option("Multiple", "A"))]}  # fmt: skip
    assert client.post(url(built, 1), data=data).status_code == 302
    found = answers_of(fetch, built)
    assert found["Single"] == [{"text": "Bus", "is_other": True}]
    assert found["Multiple"] == [{"option_id": built.option("Multiple", "A")},
                                 {"text": "Tram", "is_other": True}]  # fmt: skip


def test_nul_characters_are_dropped_from_texts(client, sign_in, citizen, make_survey, fetch):
    from tests.surveys.test_answering import answers_of

    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Short')}": "a\x00b"}
    assert client.post(url(built, 1), data=data).status_code == 302
    assert answers_of(fetch, built)["Short"] == [{"text": "ab"}]

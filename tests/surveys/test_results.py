"""Results computed by the database for every kind of question, on known responses built
directly as rows (the answering flow has its own tests); drafts never count; free texts appear
only as published quotations."""

import secrets
from datetime import timedelta

import pytest

from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse, SurveyStatus
from platform.surveys.results import open_data, survey_results

EVERY_KIND = [
    [
        {"kind": "single_choice", "prompt": "Venez-vous ?", "options": ["Oui", "Non"],
         "has_other": True},
        {"kind": "multiple_choice", "prompt": "Comment ?", "options": ["A", "B", "C"],
         "has_other": True},
        {"kind": "scale", "prompt": "Satisfaction", "scale": (1, 5), "low_label": "Pas du tout",
         "high_label": "Tout à fait"},
    ],
    [
        {"kind": "ranking", "prompt": "Priorités", "options": ["Bancs", "Arbres", "Lumière"]},
        {"kind": "matrix", "prompt": "Horaires", "options": ["Bien", "Mal"],
         "rows": ["Matin", "Soir"]},
        {"kind": "number", "prompt": "Âge"},
        {"kind": "long_text", "prompt": "Une idée ?"},
        {"kind": "short_text", "prompt": "Un mot ?"},
    ],
]  # fmt: skip


# Building responses -------------------------------------------------------------------------


def choice(prompt, *labels):
    return [("option", prompt, label) for label in labels]


def other(prompt, text):
    return [("other", prompt, text)]


def ranked(prompt, *labels):
    return [("rank", prompt, (label, r)) for r, label in enumerate(labels, start=1)]


def matrix(prompt, **cells):
    return [("cell", prompt, (row, column)) for row, column in cells.items()]


def number(prompt, value):
    return [("number", prompt, value)]


def text(prompt, value):
    return [("text", prompt, value)]


def answer_row(built, response_id, spec):
    kind, prompt, value = spec
    row = {"response_id": response_id, "question_id": built.q(prompt)}
    if kind == "option":
        row["option_id"] = built.option(prompt, value)
    elif kind == "other":
        row.update(is_other=True, text=value)
    elif kind == "rank":
        row.update(option_id=built.option(prompt, value[0]), rank=value[1])
    elif kind == "cell":
        row.update(row_option_id=built.row(prompt, value[0]),
                   option_id=built.option(prompt, value[1]))  # fmt: skip
    elif kind == "number":
        row["number"] = value
    else:
        row["text"] = value
    return row


def add_response(built, *answers, user=None, submitted=True, quoted=(), sent_at=None):
    """A response (sent unless `submitted` is false) with its answers, in the current session.
    `quoted` lists texts to publish as quotations. Return the response's id."""
    response = SurveyResponse(
        survey_id=built.id, respondent_key=secrets.token_hex(32),
        user_id=user.id if user is not None and not built.survey.is_anonymous else None,
        submitted_at=(sent_at or utcnow()) if submitted else None,
    )  # fmt: skip
    db.session.add(response)
    db.session.flush()
    for group in answers:
        for spec in group:
            row = answer_row(built, response.id, spec)
            if row.get("text") in quoted:
                row["quoted_at"] = utcnow()
            db.session.add(SurveyAnswer(**row))
    db.session.flush()
    return response.id


@pytest.fixture
def respond(app):
    """Add responses and commit them: respond(built, answers..., user=, submitted=, quoted=)."""

    def add(built, *answers, **options):
        with app.test_request_context():
            response_id = add_response(built, *answers, **options)
            db.session.commit()
            return response_id

    return add


@pytest.fixture
def results_of(app):
    def compute(built):
        with app.test_request_context():
            return survey_results(db.session.get(Survey, built.id))

    return compute


@pytest.fixture
def every_kind(make_survey, respond, citizen):
    """Three sent responses and a draft, on a survey with every kind of question."""
    built = make_survey(sections=EVERY_KIND, status=SurveyStatus.PUBLISHED)
    respond(built, choice("Venez-vous ?", "Oui"), choice("Comment ?", "A", "B"),
            number("Satisfaction", 5), ranked("Priorités", "Arbres", "Bancs", "Lumière"),
            matrix("Horaires", Matin="Bien", Soir="Mal"), number("Âge", 30),
            text("Une idée ?", "Des bancs à l'ombre."), text("Un mot ?", "Ombre"),
            user=citizen, quoted=["Des bancs à l'ombre."])  # fmt: skip
    respond(built, choice("Venez-vous ?", "Non"), choice("Comment ?", "A"),
            number("Satisfaction", 4), ranked("Priorités", "Arbres", "Lumière", "Bancs"),
            matrix("Horaires", Matin="Bien", Soir="Bien"), number("Âge", 41),
            text("Une idée ?", "Mon voisin Jean Dupont est bruyant."))  # fmt: skip
    respond(built, other("Venez-vous ?", "Parfois"), choice("Comment ?", "B", "C"),
            other("Comment ?", "À cheval"), number("Satisfaction", 4),
            ranked("Priorités", "Bancs", "Arbres", "Lumière"), matrix("Horaires", Matin="Mal"),
            number("Âge", 70), quoted=["À cheval"])  # fmt: skip
    respond(built, choice("Venez-vous ?", "Non"), choice("Comment ?", "C"),
            number("Satisfaction", 1), ranked("Priorités", "Lumière", "Bancs", "Arbres"),
            matrix("Horaires", Matin="Mal", Soir="Mal"), number("Âge", 99),
            text("Une idée ?", "Brouillon secret"), submitted=False)  # fmt: skip
    return built


def counts(item):
    return {c.option.label: (c.count, round(c.percent, 1)) for c in item.options}


# Every kind ---------------------------------------------------------------------------------


def test_drafts_are_not_counted(every_kind, results_of):
    results = results_of(every_kind)
    assert results.respondents == 3
    assert [len(part.questions) for part in results.sections] == [3, 5]
    assert results.of(every_kind.q("Satisfaction")).respondents == 3
    assert results.of(every_kind.q("Une idée ?")).respondents == 2


def test_single_choice_counts_each_option_and_other(every_kind, results_of):
    item = results_of(every_kind).of(every_kind.q("Venez-vous ?"))
    assert item.respondents == 3
    assert counts(item) == {"Oui": (1, 33.3), "Non": (1, 33.3)}
    assert (item.other.count, round(item.other.percent, 1)) == (1, 33.3)


def test_multiple_choice_counts_options_not_combinations(make_survey, respond, results_of):
    built = make_survey(sections=EVERY_KIND)
    respond(built, choice("Comment ?", "A", "B"))
    respond(built, choice("Comment ?", "A"))
    respond(built, choice("Comment ?", "B", "C"))
    item = results_of(built).of(built.q("Comment ?"))
    assert item.respondents == 3
    assert counts(item) == {"A": (2, 66.7), "B": (2, 66.7), "C": (1, 33.3)}
    assert item.other.count == 0


def test_multiple_choice_with_other(every_kind, results_of):
    item = results_of(every_kind).of(every_kind.q("Comment ?"))
    assert counts(item) == {"A": (2, 66.7), "B": (2, 66.7), "C": (1, 33.3)}
    assert item.other.count == 1


def test_scale_distribution_covers_every_value(every_kind, results_of):
    item = results_of(every_kind).of(every_kind.q("Satisfaction"))
    assert [(s.value, s.count) for s in item.scale] == [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]
    assert item.mean == pytest.approx(13 / 3)


def test_a_scale_without_answers_has_zeros_and_no_mean(make_survey, results_of):
    built = make_survey(sections=EVERY_KIND)
    item = results_of(built).of(built.q("Satisfaction"))
    assert [s.count for s in item.scale] == [0] * 5
    assert item.mean is None
    assert item.respondents == 0


def test_ranking_scores_are_borda_points_best_first(every_kind, results_of):
    item = results_of(every_kind).of(every_kind.q("Priorités"))
    # 3 options: first 2 points, second 1, third 0.
    # Arbres 2+2+1 = 5, Bancs 1+0+2 = 3, Lumière 0+1+0 = 1.
    assert [(s.option.label, s.score, s.first) for s in item.ranking] == [
        ("Arbres", 5, 2),
        ("Bancs", 3, 1),
        ("Lumière", 1, 0),
    ]


def test_matrix_counts_rows_by_columns(every_kind, results_of):
    item = results_of(every_kind).of(every_kind.q("Horaires"))
    table = {
        r.row.label: [(c.option.label, c.count, round(c.percent, 1)) for c in r.cells]
        for r in item.matrix
    }
    assert table == {
        "Matin": [("Bien", 2, 66.7), ("Mal", 1, 33.3)],
        "Soir": [("Bien", 1, 50.0), ("Mal", 1, 50.0)],
    }
    assert [r.respondents for r in item.matrix] == [3, 2]
    assert item.respondents == 3


def test_number_statistics(every_kind, results_of):
    stats = results_of(every_kind).of(every_kind.q("Âge")).number
    assert (stats.count, stats.minimum, stats.maximum) == (3, 30, 70)
    assert stats.mean == pytest.approx(47)
    assert stats.median == 41


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(make_survey, respond, results_of):
    built = make_survey(sections=EVERY_KIND)
    for value in (10, 1, 4, 3):
        respond(built, number("Âge", value))
    assert results_of(built).of(built.q("Âge")).number.median == 3.5


def test_a_number_question_without_answers(make_survey, results_of):
    built = make_survey(sections=EVERY_KIND)
    stats = results_of(built).of(built.q("Âge")).number
    assert (stats.count, stats.mean, stats.median) == (0, None, None)


def test_texts_are_counted_and_only_quotations_kept(every_kind, results_of):
    results = results_of(every_kind)
    idea = results.of(every_kind.q("Une idée ?"))
    assert idea.texts == 2
    assert [q.text for q in idea.quotations] == ["Des bancs à l'ombre."]
    word = results.of(every_kind.q("Un mot ?"))
    assert (word.texts, word.quotations) == (1, [])
    how = results.of(every_kind.q("Comment ?"))
    assert [(q.text, q.is_other) for q in how.quotations] == [("À cheval", True)]


def test_a_hidden_quotation_disappears(app, every_kind, results_of, fetch):
    with app.app_context():
        answer = db.session.scalar(
            db.select(SurveyAnswer).where(SurveyAnswer.text == "Des bancs à l'ombre.")
        )
        answer.is_hidden = True
        db.session.commit()
    idea = results_of(every_kind).of(every_kind.q("Une idée ?"))
    assert idea.quotations == []
    assert idea.texts == 2


def test_results_of_an_anonymous_survey_name_no_author(make_survey, respond, results_of, citizen):
    built = make_survey(sections=EVERY_KIND, is_anonymous=True)
    respond(built, text("Une idée ?", "Planter"), user=citizen, quoted=["Planter"])
    [quotation] = results_of(built).of(built.q("Une idée ?")).quotations
    assert quotation.author_id is None


def test_quotations_name_their_author_for_the_report_button(every_kind, results_of, citizen):
    [quotation] = results_of(every_kind).of(every_kind.q("Une idée ?")).quotations
    assert quotation.author_id == citizen.id


def test_another_surveys_responses_do_not_count(make_survey, respond, every_kind, results_of):
    other_survey = make_survey(sections=EVERY_KIND)
    respond(other_survey, choice("Venez-vous ?", "Oui"))
    assert results_of(every_kind).of(every_kind.q("Venez-vous ?")).options[0].count == 1


def test_results_of_a_survey_without_questions(make_survey, results_of):
    built = make_survey(sections=[[]])
    results = results_of(built)
    assert (results.respondents, results.questions) == (0, [])


# Open data ---------------------------------------------------------------------------------


def test_open_data_gives_the_figures_with_simple_keys(every_kind, results_of):
    data = open_data(results_of(every_kind))
    assert data["respondents"] == 3
    questions = {q["prompt"]: q for part in data["sections"] for q in part["questions"]}
    how = questions["Comment ?"]
    assert how["kind"] == "multiple_choice"
    assert [(o["label"], o["count"], o["percent"]) for o in how["options"]] == [
        ("A", 2, 66.7), ("B", 2, 66.7), ("C", 1, 33.3),
    ]  # fmt: skip
    assert how["other"] == {"count": 1, "percent": 33.3}
    assert how["quotations"] == ["À cheval"]
    scale = questions["Satisfaction"]["scale"]
    assert scale["mean"] == 4.33
    assert [d["count"] for d in scale["distribution"]] == [0, 0, 0, 2, 1]
    assert [(r["label"], r["score"], r["first"]) for r in questions["Priorités"]["ranking"]] == [
        ("Arbres", 5, 2), ("Bancs", 3, 1), ("Lumière", 1, 0),
    ]  # fmt: skip
    grid = questions["Horaires"]["matrix"]
    assert [c["label"] for c in grid["columns"]] == ["Bien", "Mal"]
    assert [(r["label"], r["counts"], r["percents"]) for r in grid["rows"]] == [
        ("Matin", [2, 1], [66.7, 33.3]), ("Soir", [1, 1], [50.0, 50.0]),
    ]  # fmt: skip
    assert questions["Âge"]["number"] == {
        "count": 3, "mean": 47.0, "median": 41.0, "min": 30.0, "max": 70.0,
    }  # fmt: skip
    assert questions["Une idée ?"]["texts"] == 2
    assert questions["Une idée ?"]["quotations"] == ["Des bancs à l'ombre."]
    assert questions["Un mot ?"]["quotations"] == []


def test_open_data_holds_no_private_text_nor_identity(every_kind, results_of, citizen):
    data = repr(open_data(results_of(every_kind)))
    for private in ("Jean Dupont", "Brouillon secret", "Ombre", "Parfois"):
        assert private not in data
    assert citizen.display_name not in data
    assert citizen.email not in data
    for key in ("answer_id", "response_id", "user_id", "author", "respondent_key", "email"):
        assert key not in data


def test_open_data_is_json(every_kind, results_of):
    import json

    assert json.loads(json.dumps(open_data(results_of(every_kind))))["respondents"] == 3


def test_percentages_are_empty_without_respondents(make_survey, results_of):
    built = make_survey(sections=EVERY_KIND)
    data = open_data(results_of(built))
    first = data["sections"][0]["questions"][0]
    assert [o["percent"] for o in first["options"]] == [None, None]


def test_sending_time_does_not_matter(make_survey, respond, results_of):
    built = make_survey(sections=EVERY_KIND)
    respond(built, choice("Venez-vous ?", "Oui"), sent_at=utcnow() - timedelta(days=3))
    assert results_of(built).of(built.q("Venez-vous ?")).options[0].count == 1

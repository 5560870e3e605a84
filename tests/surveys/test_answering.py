"""Answering a survey through its pages: one response per account, saved section by section,
reviewed, sent once and changed until the survey closes; refused when the survey takes no
answers; anonymous surveys; fixed query counts; the form's markup.

Pages are read in English (`?lang=en`), so that the checks do not depend on the catalogues.
The helpers at the top are shared with test_answer_validation.py and test_answer_conditions.py.
"""

import re
from collections import Counter
from datetime import timedelta

import html5lib
import pytest
from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse, SurveyStatus
from platform.surveys.services import respondent_key
from tests.support.pages import text

ALL_KINDS = [
    [
        {"kind": "single_choice", "prompt": "Single", "options": ["A", "B"], "has_other": True,
         "help_text": "Pick one."},
        {"kind": "multiple_choice", "prompt": "Multiple", "options": ["A", "B", "C"],
         "has_other": True, "min_choices": 2, "max_choices": 3},
        {"kind": "scale", "prompt": "Scale", "scale": (1, 5), "low_label": "Low",
         "high_label": "High"},
        {"kind": "number", "prompt": "Number"},
        {"kind": "short_text", "prompt": "Short"},
        {"kind": "long_text", "prompt": "Long"},
        {"kind": "ranking", "prompt": "Ranking", "options": ["X", "Y", "Z"]},
        {"kind": "matrix", "prompt": "Matrix", "options": ["Bad", "Good"],
         "rows": ["Hall", "Desk"], "is_required": True},
    ],
    [{"kind": "short_text", "prompt": "Last words"}],
]  # fmt: skip


# Helpers shared by the answering tests ---------------------------------------------------------


def signer(client, auth):
    """A function that signs `user` in and reads the pages in English."""

    def sign(user):
        auth.login(user)
        client.get("/?lang=en")

    return sign


@pytest.fixture
def sign_in(client, auth):
    return signer(client, auth)


def url(built, part=""):
    return f"/surveys/{built.id}/answer" + (f"/{part}" if part != "" else "")


def location(response):
    return response.headers["Location"]


def stored(fetch, built):
    """Everything answering may change, to compare before and after a refused request."""

    def read(session):
        survey = session.get(Survey, built.id)
        responses = session.scalars(
            select(SurveyResponse).where(SurveyResponse.survey_id == built.id)
        ).all()
        answers = session.scalars(
            select(SurveyAnswer)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == built.id)
        ).all()
        return {
            "survey": (survey.responses_count, survey.locked_at),
            "responses": sorted(
                (r.id, r.user_id, r.respondent_key, r.section_id, r.submitted_at, r.updated_at)
                for r in responses
            ),
            "answers": Counter(
                (
                    a.response_id,
                    a.question_id,
                    a.option_id,
                    a.row_option_id,
                    a.rank,
                    a.number,
                    a.text,
                    a.is_other,
                )
                for a in answers
            ),  # fmt: skip
        }

    return fetch(read)


def answers_of(fetch, built):
    """The stored answers as {question prompt: Counter of (option label or id, …) pieces}."""
    prompts = {q: prompt for prompt, q in ((p, built.q(p)) for p in built.questions)}

    def read(session):
        rows = session.scalars(
            select(SurveyAnswer)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == built.id)
        ).all()
        found = {}
        for a in rows:
            piece = {
                k: v
                for k, v in (("option_id", a.option_id), ("row_option_id", a.row_option_id),
                             ("rank", a.rank), ("number", a.number), ("text", a.text))
                if v is not None
            }  # fmt: skip
            if a.is_other:
                piece["is_other"] = True
            found.setdefault(prompts[a.question_id], []).append(piece)
        return found

    return fetch(read)


def fieldset(page, built, prompt):
    """The HTML of one question's fieldset."""
    match = re.search(rf'<fieldset id="question-{built.q(prompt)}".*?</fieldset>', page, flags=re.S)
    assert match, f"no fieldset for {prompt}"
    return match.group(0)


def html_problems(response):
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(response.get_data())
    ids = re.findall(r'\sid="([^"]+)"', response.get_data(as_text=True))
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    return [str(error[1]) for error in parser.errors] + [f"duplicate id {d}" for d in duplicates]


def flashes(client):
    with client.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def complete(built):
    """A valid answer to every question of ALL_KINDS' first section."""
    return {
        f"q{built.q('Single')}": str(built.option("Single", "B")),
        f"q{built.q('Multiple')}": [str(built.option("Multiple", "A")), "other"],
        f"q{built.q('Multiple')}-other": "  Tram  ",
        f"q{built.q('Scale')}": "4",
        f"q{built.q('Number')}": "12,5",
        f"q{built.q('Short')}": "  Bonjour  ",
        f"q{built.q('Long')}": "Ligne 1\r\nLigne 2",
        **{f"q{built.q('Ranking')}-rank-{built.option('Ranking', o)}": r
           for o, r in (("X", "2"), ("Y", "3"), ("Z", "1"))},
        f"q{built.q('Matrix')}-row-{built.row('Matrix', 'Hall')}": str(
            built.option("Matrix", "Good")),
        f"q{built.q('Matrix')}-row-{built.row('Matrix', 'Desk')}": str(
            built.option("Matrix", "Bad")),
    }  # fmt: skip


def set_survey(app, built, **fields):
    with app.app_context():
        survey = db.session.get(Survey, built.id)
        for name, value in fields.items():
            setattr(survey, name, value)
        db.session.commit()


# Signing in, continuing ------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, make_survey, fetch):
    built = make_survey()
    before = stored(fetch, built)
    for response in (
        client.get(url(built)),
        client.get(url(built, 1)),
        client.post(url(built, 1), data={f"q{built.q('Venez-vous à la mairie ?')}": "1"}),
        client.get(url(built, "review")),
        client.post(url(built, "submit")),
    ):
        assert response.status_code == 302
        assert "/auth/login" in location(response)
    assert stored(fetch, built) == before


def test_answering_starts_with_the_first_section(client, sign_in, citizen, make_survey):
    built = make_survey()
    sign_in(citizen)
    assert location(client.get(url(built))).endswith(url(built, 1))
    page = client.get(url(built, 1))
    assert page.status_code == 200
    body = text(page)
    assert "Part 1 of 2" in body
    assert "<h1>Partie 1</h1>" in body
    assert "Save and continue" in body
    assert 'name="csrf_token"' in body


def test_a_missing_section_is_not_found(client, sign_in, citizen, make_survey, fetch):
    built = make_survey()
    sign_in(citizen)
    before = stored(fetch, built)
    assert client.get(url(built, 3)).status_code == 404
    assert client.post(url(built, 3), data={}).status_code == 404
    assert stored(fetch, built) == before


def test_the_first_saved_section_creates_a_draft_response_and_locks_the_survey(
    app, client, sign_in, citizen, make_survey, get_survey, fetch
):
    built = make_survey()
    sign_in(citizen)
    q1, q2 = built.q("Venez-vous à la mairie ?"), built.q("Par quels moyens ?")
    response = client.post(url(built, 1), data={
        f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Oui")),
        f"q{q2}": [str(built.option("Par quels moyens ?", "En bus"))],
    })  # fmt: skip
    assert response.status_code == 302
    assert location(response).endswith(url(built, 2))
    survey = get_survey(built)
    assert survey.locked_at is not None
    assert survey.responses_count == 0
    [row] = fetch(lambda s: s.scalars(select(SurveyResponse)).all())
    assert row.survey_id == built.id
    assert row.user_id == citizen.id
    with app.test_request_context():
        assert row.respondent_key == respondent_key(built.id, citizen.id)
    assert row.submitted_at is None
    assert answers_of(fetch, built) == {
        "Venez-vous à la mairie ?": [
            {"option_id": built.option("Venez-vous à la mairie ?", "Oui")}],
        "Par quels moyens ?": [{"option_id": built.option("Par quels moyens ?", "En bus")}],
    }  # fmt: skip


def test_continue_resumes_after_the_furthest_saved_section(client, sign_in, citizen, make_survey):
    built = make_survey()
    sign_in(citizen)
    q1 = built.q("Venez-vous à la mairie ?")
    client.post(
        url(built, 1), data={f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Non"))}
    )
    assert location(client.get(url(built))).endswith(url(built, 2))
    response = client.post(url(built, 2), data={})
    assert location(response).endswith(url(built, "review"))
    assert location(client.get(url(built))).endswith(url(built, "review"))
    # Going back to change the first section does not move "continue" backwards.
    client.post(
        url(built, 1), data={f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Oui"))}
    )
    assert location(client.get(url(built))).endswith(url(built, "review"))


def test_the_back_link_goes_to_the_previous_section(client, sign_in, citizen, make_survey):
    built = make_survey()
    sign_in(citizen)
    assert f'href="/surveys/{built.id}"' in text(client.get(url(built, 1)))
    assert f'href="{url(built, 1)}">Back to the previous part' in text(client.get(url(built, 2)))


def test_every_kind_of_answer_is_stored_one_row_per_piece(
    client, sign_in, citizen, make_survey, fetch
):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    response = client.post(url(built, 1), data=complete(built))
    assert response.status_code == 302, text(response)
    found = answers_of(fetch, built)
    o, r = built.option, built.row
    assert found == {
        "Single": [{"option_id": o("Single", "B")}],
        "Multiple": [{"option_id": o("Multiple", "A")}, {"text": "Tram", "is_other": True}],
        "Scale": [{"number": 4}],
        "Number": [{"number": 12.5}],
        "Short": [{"text": "Bonjour"}],
        "Long": [{"text": "Ligne 1\nLigne 2"}],
        "Ranking": [{"option_id": o("Ranking", "X"), "rank": 2},
                    {"option_id": o("Ranking", "Y"), "rank": 3},
                    {"option_id": o("Ranking", "Z"), "rank": 1}],
        "Matrix": [{"option_id": o("Matrix", "Good"), "row_option_id": r("Matrix", "Hall")},
                   {"option_id": o("Matrix", "Bad"), "row_option_id": r("Matrix", "Desk")}],
    }  # fmt: skip


def test_single_choice_other_is_stored_as_text(client, sign_in, citizen, make_survey, fetch):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Single')}": "other",
            f"q{built.q('Single')}-other": "Vélo"}  # fmt: skip
    assert client.post(url(built, 1), data=data).status_code == 302
    assert answers_of(fetch, built)["Single"] == [{"text": "Vélo", "is_other": True}]


@pytest.mark.parametrize(("typed", "number"), [("12", 12), ("12.5", 12.5), ("12,5", 12.5),
                                                ("-3", -3), ("1 000", 1000)])  # fmt: skip
def test_numbers_are_read_the_way_people_type_them(
    client, sign_in, citizen, make_survey, fetch, typed, number
):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Number')}": typed}
    assert client.post(url(built, 1), data=data).status_code == 302
    assert answers_of(fetch, built)["Number"] == [{"number": number}]


def test_empty_optional_answers_store_nothing(client, sign_in, citizen, make_survey, fetch):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    matrix = {k: v for k, v in complete(built).items() if "-row-" in k}
    blank = {f"q{built.q(p)}": "  " for p in ("Single", "Scale", "Number", "Short", "Long")}
    ranks = {f"q{built.q('Ranking')}-rank-{built.option('Ranking', o)}": "" for o in "XYZ"}
    response = client.post(url(built, 1), data={**matrix, **blank, **ranks})
    assert response.status_code == 302, text(response)
    assert set(answers_of(fetch, built)) == {"Matrix"}


def test_saved_answers_fill_the_form_again(client, sign_in, citizen, make_survey):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    client.post(url(built, 1), data=complete(built))
    page = text(client.get(url(built, 1)))
    o = built.option
    assert re.search(rf'value="{o("Single", "B")}" checked', fieldset(page, built, "Single"))
    multiple = fieldset(page, built, "Multiple")
    assert re.search(rf'value="{o("Multiple", "A")}" checked', multiple)
    assert 'value="other" checked' in multiple
    assert 'value="Tram"' in multiple
    assert 'value="4" checked' in fieldset(page, built, "Scale")
    assert 'value="12.5"' in fieldset(page, built, "Number")
    assert 'value="Bonjour"' in fieldset(page, built, "Short")
    assert "Ligne 1\nLigne 2</textarea>" in fieldset(page, built, "Long")
    ranking = fieldset(page, built, "Ranking")
    assert re.search(rf'rank-{o("Ranking", "Z")}".*?<option value="1" selected>', ranking, re.S)
    matrix = fieldset(page, built, "Matrix")
    hall = built.row("Matrix", "Hall")
    assert f'id="q{built.q("Matrix")}-row-{hall}-{o("Matrix", "Good")}"' in matrix
    assert re.search(rf'row-{hall}" value="{o("Matrix", "Good")}" checked', matrix)


def test_a_number_is_shown_again_with_the_readers_decimal_mark(client, auth, citizen, make_survey):
    built = make_survey(sections=ALL_KINDS)
    auth.login(citizen)
    client.get("/?lang=fr")
    client.post(url(built, 1), data=complete(built))
    assert 'value="12,5"' in fieldset(text(client.get(url(built, 1))), built, "Number")


def test_changing_a_section_replaces_its_answers(client, sign_in, citizen, make_survey, fetch):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    client.post(url(built, 1), data=complete(built))
    changed = {**complete(built), f"q{built.q('Multiple')}": [
        str(built.option("Multiple", "B")), str(built.option("Multiple", "C"))],
        f"q{built.q('Multiple')}-other": "", f"q{built.q('Short')}": ""}  # fmt: skip
    assert client.post(url(built, 1), data=changed).status_code == 302
    found = answers_of(fetch, built)
    assert found["Multiple"] == [{"option_id": built.option("Multiple", "B")},
                                 {"option_id": built.option("Multiple", "C")}]  # fmt: skip
    assert "Short" not in found
    assert found["Single"] == [{"option_id": built.option("Single", "B")}]
    assert len(fetch(lambda s: s.scalars(select(SurveyResponse)).all())) == 1


def test_an_unchanged_answer_keeps_its_rows(app, client, sign_in, citizen, make_survey, fetch):
    """A quotation the organisers picked survives saving the section again unchanged."""
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    client.post(url(built, 1), data=complete(built))
    with app.app_context():
        answer = db.session.scalar(
            select(SurveyAnswer).where(SurveyAnswer.question_id == built.q("Long"))
        )
        answer.quoted_at = utcnow()
        db.session.commit()
        quoted_id = answer.id
    client.post(url(built, 1), data=complete(built))
    kept = fetch(lambda s: s.get(SurveyAnswer, quoted_id))
    assert kept is not None and kept.quoted_at is not None


# Reviewing and sending -------------------------------------------------------------------------


def answer_simple(client, built):
    q1, q2 = built.q("Venez-vous à la mairie ?"), built.q("Par quels moyens ?")
    client.post(url(built, 1), data={
        f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Oui")),
        f"q{q2}": [str(built.option("Par quels moyens ?", "À pied"))],
        f"q{q2}-other": "Trottinette",
    })  # fmt: skip
    client.post(url(built, 2), data={f"q{built.q('Votre satisfaction')}": "5"})


def test_the_review_shows_every_answer_by_section(client, sign_in, citizen, make_survey):
    built = make_survey()
    sign_in(citizen)
    answer_simple(client, built)
    page = client.get(url(built, "review"))
    assert page.status_code == 200
    body = text(page)
    assert "<h1>Check your answers</h1>" in body
    assert '<h2 id="review-' in body and "Partie 1</h2>" in body and "Partie 2</h2>" in body
    assert "<dt>Venez-vous à la mairie ?</dt>" in body
    assert "<li>À pied</li>" in body and "<li>Other: Trottinette</li>" in body
    assert "5 on a scale from 1 to 5" in body
    assert "Not answered" in body  # the optional long text
    assert f'href="{url(built, 1)}">Change' in body
    assert f'href="{url(built, 2)}">Change' in body
    assert f'action="{url(built, "submit")}"' in body
    assert "Send my answers" in body
    assert html_problems(page) == []


def test_the_review_without_any_answer_starts_the_survey(client, sign_in, citizen, make_survey):
    built = make_survey()
    sign_in(citizen)
    assert location(client.get(url(built, "review"))).endswith(url(built, 1))


def test_a_survey_left_without_questions_does_not_loop(client, sign_in, citizen, make_survey):
    built = make_survey(sections=[[]])
    sign_in(citizen)
    assert location(client.get(url(built))).endswith(url(built, "review"))
    assert client.get(url(built, "review")).status_code == 200
    assert location(client.get(url(built, 1))).endswith(url(built, "review"))
    assert client.post(url(built, "submit")).status_code == 400


def test_sending_counts_the_response_once(client, sign_in, citizen, make_survey, get_survey, fetch):
    built = make_survey()
    sign_in(citizen)
    answer_simple(client, built)
    response = client.post(url(built, "submit"))
    assert response.status_code == 302
    assert location(response).endswith(f"/surveys/{built.id}")
    assert flashes(client) == ["Thank you: your answers are sent."]
    assert get_survey(built).responses_count == 1
    [row] = fetch(lambda s: s.scalars(select(SurveyResponse)).all())
    assert row.submitted_at is not None
    sent_at = row.submitted_at

    body = text(client.get(url(built, "review")))
    assert "Save my changes" in body and "Your answers were sent on" in body
    assert client.post(url(built, "submit")).status_code == 302
    assert flashes(client)[-1] == "Your changes are saved."
    assert get_survey(built).responses_count == 1
    [row] = fetch(lambda s: s.scalars(select(SurveyResponse)).all())
    assert row.submitted_at == sent_at


def test_answers_can_change_after_sending_without_counting_again(
    client, sign_in, citizen, make_survey, get_survey, fetch
):
    built = make_survey()
    sign_in(citizen)
    answer_simple(client, built)
    client.post(url(built, "submit"))
    assert location(client.get(url(built))).endswith(url(built, "review"))
    q1 = built.q("Venez-vous à la mairie ?")
    response = client.post(url(built, 1), data={
        f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Non"))})  # fmt: skip
    assert response.status_code == 302
    assert answers_of(fetch, built)["Venez-vous à la mairie ?"] == [
        {"option_id": built.option("Venez-vous à la mairie ?", "Non")}]  # fmt: skip
    assert client.post(url(built, "submit")).status_code == 302
    assert get_survey(built).responses_count == 1
    [row] = fetch(lambda s: s.scalars(select(SurveyResponse)).all())
    assert row.submitted_at is not None


def test_sending_with_a_required_question_missing_is_refused(
    client, sign_in, citizen, make_survey, fetch
):
    built = make_survey()
    sign_in(citizen)
    # Only the second section (nothing required there) is saved.
    client.post(url(built, 2), data={f"q{built.q('Votre satisfaction')}": "3"})
    review = text(client.get(url(built, "review")))
    assert "1 required question is not answered yet." in review
    before = stored(fetch, built)
    response = client.post(url(built, "submit"))
    assert response.status_code == 400
    body = text(response)
    assert 'class="error-summary" role="alert"' in body
    link = f"{url(built, 1)}#question-{built.q('Venez-vous à la mairie ?')}"
    assert f'<a href="{link}">Venez-vous à la mairie ? – Answer this question' in body
    assert "Not answered: this question is required." in body
    assert stored(fetch, built) == before
    assert html_problems(response) == []


def test_sending_before_saving_anything_is_refused(client, sign_in, citizen, make_survey, fetch):
    built = make_survey()
    sign_in(citizen)
    before = stored(fetch, built)
    response = client.post(url(built, "submit"))
    assert response.status_code == 400
    assert "Answer the questions before sending your answers." in text(response)
    assert stored(fetch, built) == before


def test_one_response_per_account_and_one_for_each_account(
    client, auth, sign_in, citizen, make_user, make_survey, get_survey, fetch
):
    built = make_survey()
    sign_in(citizen)
    answer_simple(client, built)
    answer_simple(client, built)
    client.post(url(built, "submit"))
    auth.logout()
    other = make_user()
    sign_in(other)
    answer_simple(client, built)
    client.post(url(built, "submit"))
    rows = fetch(lambda s: s.scalars(select(SurveyResponse).order_by(SurveyResponse.id)).all())
    assert [r.user_id for r in rows] == [citizen.id, other.id]
    assert get_survey(built).responses_count == 2


# Anonymous surveys -----------------------------------------------------------------------------


def test_an_anonymous_response_keeps_no_account(
    app, client, sign_in, citizen, make_survey, get_survey, fetch
):
    built = make_survey(is_anonymous=True)
    sign_in(citizen)
    answer_simple(client, built)
    client.post(url(built, "submit"))
    [row] = fetch(lambda s: s.scalars(select(SurveyResponse)).all())
    assert row.user_id is None
    with app.test_request_context():
        assert row.respondent_key == respondent_key(built.id, citizen.id)

    # The keyed hash still finds the account's response: no second one.
    answer_simple(client, built)
    assert client.post(url(built, "submit")).status_code == 302
    assert len(fetch(lambda s: s.scalars(select(SurveyResponse)).all())) == 1
    assert get_survey(built).responses_count == 1
    assert "Save my changes" in text(client.get(url(built, "review")))


def test_the_unique_key_refuses_a_second_anonymous_response(app, citizen, make_survey):
    from sqlalchemy.exc import IntegrityError

    built = make_survey(is_anonymous=True)
    with app.test_request_context():
        key = respondent_key(built.id, citizen.id)
        db.session.add(SurveyResponse(survey_id=built.id, respondent_key=key))
        db.session.flush()
        db.session.add(SurveyResponse(survey_id=built.id, respondent_key=key))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


# Surveys that take no answers ------------------------------------------------------------------

NOW = "now"
REFUSALS = {
    "draft": ({"status": SurveyStatus.DRAFT}, "still being prepared"),
    "scheduled": ({"opens_in": timedelta(days=2)}, "This survey opens on"),
    "closed": ({"status": SurveyStatus.CLOSED}, "This survey is closed"),
    "past its closing time": ({"opens_in": timedelta(days=-20)}, "This survey is closed"),
    "published": ({"status": SurveyStatus.PUBLISHED}, "its results are published"),
}


@pytest.mark.parametrize("state", list(REFUSALS))
def test_a_survey_that_takes_no_answers_refuses_every_step(
    client, sign_in, agent, make_survey, fetch, state
):
    settings, message = REFUSALS[state]
    built = make_survey(**settings)
    sign_in(agent)  # the lab sees drafts too
    before = stored(fetch, built)
    q1 = built.q("Venez-vous à la mairie ?")
    for response in (
        client.get(url(built)),
        client.get(url(built, 1)),
        client.post(url(built, 1), data={f"q{q1}": str(built.option("Venez-vous à la mairie ?",
                                                                   "Oui"))}),
        client.get(url(built, "review")),
        client.post(url(built, "submit")),
    ):  # fmt: skip
        assert response.status_code == 400
        assert message in text(response)
        assert "This survey does not take answers" in text(response)
    assert stored(fetch, built) == before


def test_a_draft_is_not_found_outside_the_lab(client, sign_in, citizen, make_survey):
    built = make_survey(status=SurveyStatus.DRAFT)
    sign_in(citizen)
    assert client.get(url(built, 1)).status_code == 404


def test_a_hidden_survey_takes_no_answers(app, client, sign_in, citizen, agent, make_survey, fetch):
    built = make_survey()
    set_survey(app, built, is_hidden=True)
    sign_in(citizen)
    assert client.get(url(built, 1)).status_code == 404
    client.post("/auth/logout")
    sign_in(agent)  # its organiser still sees it
    before = stored(fetch, built)
    response = client.post(url(built, 1), data={})
    assert response.status_code == 400
    assert stored(fetch, built) == before


def test_a_survey_closed_after_a_draft_refuses_saving_and_sending(
    app, client, sign_in, citizen, make_survey, fetch
):
    built = make_survey()
    sign_in(citizen)
    answer_simple(client, built)
    set_survey(app, built, status=SurveyStatus.CLOSED, closed_at=utcnow())
    before = stored(fetch, built)
    q1 = built.q("Venez-vous à la mairie ?")
    response = client.post(url(built, 1), data={
        f"q{q1}": str(built.option("Venez-vous à la mairie ?", "Non"))})  # fmt: skip
    assert response.status_code == 400
    assert client.post(url(built, "submit")).status_code == 400
    assert stored(fetch, built) == before


# Queries and markup ----------------------------------------------------------------------------


def many_questions(n):
    kinds = [
        {"kind": "single_choice", "options": ["A", "B", "C"], "has_other": True},
        {"kind": "multiple_choice", "options": ["A", "B", "C"]},
        {"kind": "scale", "scale": (0, 10)},
        {"kind": "ranking", "options": ["A", "B", "C"]},
        {"kind": "matrix", "options": ["A", "B"], "rows": ["R1", "R2"]},
        {"kind": "number"},
        {"kind": "short_text"},
        {"kind": "long_text"},
    ]
    return [[{**kinds[i % len(kinds)], "prompt": f"Q{i}"} for i in range(n)],
            [{"kind": "short_text", "prompt": "End"}]]  # fmt: skip


def test_pages_cost_the_same_queries_whatever_the_number_of_questions(
    client, sign_in, citizen, make_survey, count_queries
):
    sign_in(citizen)
    counts = []
    for n in (2, 24):
        built = make_survey(sections=many_questions(n))
        data = {f"q{built.q('Q0')}": str(built.option("Q0", "A"))}
        assert client.post(url(built, 1), data=data).status_code == 302
        pages = []
        for path in (url(built, 1), url(built, 2), url(built, "review"), url(built)):
            with count_queries() as counter:
                assert client.get(path).status_code in (200, 302)
            pages.append(counter.count)
        counts.append(pages)
    assert counts[0] == counts[1]


def test_the_form_is_accessible_markup(client, sign_in, citizen, make_survey):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    page = client.get(url(built, 1))
    assert html_problems(page) == []
    body = text(page)
    assert "style=" not in body and "<script>" not in body
    single = fieldset(body, built, "Single")
    qid = built.q("Single")
    assert f'<legend id="q{qid}-legend">Single</legend>' in single
    assert f'aria-describedby="q{qid}-hint"' in single
    assert f'<p class="hint" id="q{qid}-hint">Pick one.</p>' in single
    assert 'type="radio"' in single and "Other (please specify)" in single
    assert "Choose from 2 to 3 options." in fieldset(body, built, "Multiple")
    assert 'type="checkbox"' in fieldset(body, built, "Multiple")
    scale = fieldset(body, built, "Scale")
    assert "1 – Low</label>" in scale and "5 – High</label>" in scale
    number = fieldset(body, built, "Number")
    assert 'inputmode="decimal"' in number
    assert f'aria-labelledby="q{built.q("Number")}-legend"' in number
    assert "<textarea" in fieldset(body, built, "Long")
    ranking = fieldset(body, built, "Ranking")
    for option in "XYZ":
        field_id = f"q{built.q('Ranking')}-rank-{built.option('Ranking', option)}"
        assert f'<label for="{field_id}">{option}</label>' in ranking
        assert f'<select id="{field_id}"' in ranking
    assert ">Rank 1</option>" in ranking and ">Rank 3</option>" in ranking
    matrix = fieldset(body, built, "Matrix")
    assert "Matrix <span" in matrix and "(required)" in matrix
    assert "<caption" in matrix
    assert '<th scope="col">Bad</th>' in matrix and '<th scope="row">Hall</th>' in matrix
    assert 'class="visually-hidden">Hall – Good</label>' in matrix


def test_errors_are_tied_to_their_question(client, sign_in, citizen, make_survey):
    built = make_survey(sections=ALL_KINDS)
    sign_in(citizen)
    data = {**complete(built), f"q{built.q('Scale')}": "9"}
    response = client.post(url(built, 1), data=data)
    assert response.status_code == 400
    assert html_problems(response) == []
    body = text(response)
    qid = built.q("Scale")
    assert f'<a href="#q{qid}-v1">Scale – Choose a value from 1 to 5.</a>' in body
    scale = fieldset(body, built, "Scale")
    assert f'aria-describedby="q{qid}-error"' in scale
    assert f'<p class="error-message" id="q{qid}-error">' in scale
    assert 'aria-invalid="true"' in scale
    assert 'aria-invalid="true"' not in fieldset(body, built, "Single")
    assert body.count('class="error-message"') == 1
    assert "<title>Error:" in body

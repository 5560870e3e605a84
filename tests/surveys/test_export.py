"""The organisers' CSV: a column per question, option or row; texts as typed and inert in a
spreadsheet; identities for a named survey, none at all for an anonymous one."""

import csv
import io
import re

from sqlalchemy import select

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import SurveyResponse, SurveyStatus
from tests.surveys import test_results as support
from tests.surveys.test_results import EVERY_KIND, choice, number, other, text

every_kind = support.every_kind  # fixtures shared with test_results.py
respond = support.respond

IDENTITY = ["Name", "E-mail address", "Sent at"]
QUESTIONS = [
    "1. Venez-vous ?",
    "1. Venez-vous ? – Other (please specify)",
    "2. Comment ? – A",
    "2. Comment ? – B",
    "2. Comment ? – C",
    "2. Comment ? – Other (please specify)",
    "3. Satisfaction",
    "4. Priorités – Bancs",
    "4. Priorités – Arbres",
    "4. Priorités – Lumière",
    "5. Horaires – Matin",
    "5. Horaires – Soir",
    "6. Âge",
    "7. Une idée ?",
    "8. Un mot ?",
]


def download(client, built):
    response = client.get(f"/surveys/{built.id}/responses.csv?lang=en")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(body[1:])))


def test_one_column_per_question_option_or_row(client, auth, agent, every_kind, citizen):
    auth.login(agent)
    response, rows = download(client, every_kind)
    header, *lines = rows
    assert header == IDENTITY + QUESTIONS
    assert len(lines) == 3  # the draft is left out
    first = dict(zip(header, lines[0], strict=True))
    assert (first["Name"], first["E-mail address"]) == (citizen.display_name, citizen.email)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", first["Sent at"])
    assert [first[h] for h in QUESTIONS] == [
        "Oui", "", "1", "1", "", "", "5", "2", "1", "3", "Bien", "Mal", "30",
        "Des bancs à l'ombre.", "Ombre",
    ]  # fmt: skip
    third = dict(zip(header, lines[2], strict=True))
    assert [third[h] for h in QUESTIONS] == [
        "", "Parfois", "", "1", "1", "À cheval", "4", "1", "2", "3", "Mal", "", "70", "", "",
    ]  # fmt: skip


def test_the_file_is_private_and_named_after_the_survey(client, auth, agent, every_kind):
    auth.login(agent)
    response, _rows = download(client, every_kind)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="survey-{every_kind.id}-responses.csv"'


def test_cells_are_inert_in_a_spreadsheet(client, auth, agent, make_survey, respond):
    sections = [[
        {"kind": "long_text", "prompt": "=HYPERLINK(\"http://evil\")"},
        {"kind": "single_choice", "prompt": "Choix", "options": ["@SUM(A1)"], "has_other": True},
        {"kind": "number", "prompt": "Écart"},
    ]]  # fmt: skip
    built = make_survey(sections=sections)
    respond(built, text('=HYPERLINK("http://evil")', "=1+1"), choice("Choix", "@SUM(A1)"),
            other("Choix", "+cmd|' /C calc'!A0"), number("Écart", -3))  # fmt: skip
    auth.login(agent)
    _response, (header, line) = download(client, built)
    assert header[3] == '1. =HYPERLINK("http://evil")'  # numbered, so inert
    assert line[3:] == ["'=1+1", "'@SUM(A1)", "'+cmd|' /C calc'!A0", "-3"]


def test_texts_are_kept_as_typed(client, auth, agent, make_survey, respond):
    built = make_survey(sections=[[{"kind": "long_text", "prompt": "Idée"}]])
    typed = 'Ligne 1, "citée"\nLigne 2 ; fin'
    respond(built, text("Idée", typed))
    auth.login(agent)
    _response, (_header, line) = download(client, built)
    assert line[3] == typed


def test_a_deleted_account_is_named_so_without_address(
    app, client, auth, agent, every_kind, citizen
):
    with app.app_context():
        db.session.get(User, citizen.id).deleted_at = utcnow()
        db.session.commit()
    auth.login(agent)
    _response, (header, *lines) = download(client, every_kind)
    assert [line[:2] for line in lines] == [["Deleted account", ""]] * 3
    assert citizen.email not in repr(lines)


def test_an_anonymous_survey_exports_no_identity(app, client, auth, agent, make_survey, respond,
                                                 make_user):  # fmt: skip
    built = make_survey(sections=EVERY_KIND, is_anonymous=True)
    people = [make_user() for _ in range(5)]
    for n, person in enumerate(people):
        respond(built, number("Âge", 20 + n), user=person)
    auth.login(agent)
    response, (header, *lines) = download(client, built)
    body = response.get_data(as_text=True)
    assert header == ["Sent on"] + QUESTIONS
    for person in people:
        assert person.display_name not in body
        assert person.email not in body
    with app.app_context():
        responses = db.session.scalars(
            select(SurveyResponse).where(SurveyResponse.survey_id == built.id)
        ).all()
    assert all(r.user_id is None for r in responses)
    for r in responses:
        assert str(r.id) not in [line[0] for line in lines]
        assert r.respondent_key not in body
    for line in lines:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", line[0])  # a date, not a time
    # Rows follow the respondents' keyed hashes, not the order they answered in.
    by_key = [int(r.id) for r in sorted(responses, key=lambda r: r.respondent_key)]
    ages = {r.id: 20 + n for n, r in enumerate(sorted(responses, key=lambda r: r.id))}
    assert [int(line[header.index("6. Âge")]) for line in lines] == [ages[i] for i in by_key]


def test_a_survey_without_responses_has_its_header_only(client, auth, agent, make_survey):
    built = make_survey(status=SurveyStatus.OPEN)
    auth.login(agent)
    _response, rows = download(client, built)
    assert len(rows) == 1

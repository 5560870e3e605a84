"""The surveys in the open data API: the list, one survey, its results once published."""

from datetime import timedelta

from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse, SurveyStatus
from platform.surveys.services import respondent_key


def respond(app, built, user, text):
    with app.app_context():
        response = SurveyResponse(
            survey_id=built.id, respondent_key=respondent_key(built.id, user.id),
            user_id=user.id, submitted_at=utcnow(),
        )  # fmt: skip
        db.session.add(response)
        db.session.flush()
        prompt = "Venez-vous à la mairie ?"
        db.session.add_all([
            SurveyAnswer(response_id=response.id, question_id=built.q(prompt),
                         option_id=built.option(prompt, "Oui")),
            SurveyAnswer(response_id=response.id, question_id=built.q("Une idée pour l'accueil ?"),
                         text=text),
        ])  # fmt: skip
        db.session.get(Survey, built.id).responses_count += 1
        db.session.commit()


def test_the_list_holds_every_survey_but_drafts_and_hidden_ones(client, app, make_survey):
    listed = [make_survey(title="Ouverte"), make_survey(status=SurveyStatus.PUBLISHED)]
    make_survey(status=SurveyStatus.DRAFT, title="Brouillon")
    hidden = make_survey(title="Masquée")
    with app.app_context():
        db.session.get(Survey, hidden.id).is_hidden = True
        db.session.commit()
    data = client.get("/api/v1/surveys").json["data"]
    assert [item["id"] for item in data] == [built.id for built in listed]
    assert data[0]["phase"] == "open" and data[1]["status"] == "published"
    assert client.get("/api/v1/surveys?status=published").json["meta"]["count"] == 1


def test_one_survey_gives_its_questionnaire_and_no_results_until_published(
    client, app, make_survey, citizen
):
    built = make_survey(opens_in=timedelta(days=-10), lasts=timedelta(days=3))
    respond(app, built, citizen, "Une réponse privée")
    data = client.get(f"/api/v1/surveys/{built.id}").json["data"]
    assert data["results"] is None and data["responses_count"] == 1
    questions = [q for section in data["sections"] for q in section["questions"]]
    assert [q["kind"] for q in questions] == [
        "single_choice", "multiple_choice", "scale", "long_text",
    ]  # fmt: skip
    assert [o["label"] for o in questions[0]["options"]] == ["Oui", "Non"]
    assert "Une réponse privée" not in client.get(f"/api/v1/surveys/{built.id}").text


def test_published_results_hold_figures_and_only_published_quotations(
    client, app, make_survey, make_user
):
    built = make_survey(status=SurveyStatus.PUBLISHED)
    respond(app, built, make_user(), "Citation publiée")
    respond(app, built, make_user(), "Texte resté privé")
    with app.app_context():
        answer = db.session.scalars(
            db.select(SurveyAnswer).where(SurveyAnswer.text == "Citation publiée")
        ).one()
        answer.quoted_at = utcnow()
        db.session.commit()
    response = client.get(f"/api/v1/surveys/{built.id}")
    assert response.json["data"]["results"] is not None
    assert "Citation publiée" in response.text
    assert "Texte resté privé" not in response.text


def test_a_draft_survey_is_not_found(client, make_survey):
    built = make_survey(status=SurveyStatus.DRAFT)
    response = client.get(f"/api/v1/surveys/{built.id}")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"

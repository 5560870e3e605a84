"""An account's survey responses in its data export, and what deleting the account does."""

from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse
from platform.surveys.services import respondent_key


def respond(app, built, user, submitted=True, option=None, text=None):
    with app.app_context():
        survey = db.session.get(Survey, built.id)
        response = SurveyResponse(
            survey_id=survey.id, respondent_key=respondent_key(survey.id, user.id),
            user_id=None if survey.is_anonymous else user.id,
            submitted_at=utcnow() if submitted else None,
        )  # fmt: skip
        db.session.add(response)
        db.session.flush()
        if option:
            prompt = "Venez-vous à la mairie ?"
            db.session.add(
                SurveyAnswer(response_id=response.id, question_id=built.q(prompt),
                             option_id=built.option(prompt, option))
            )  # fmt: skip
        if text:
            prompt = "Une idée pour l'accueil ?"
            db.session.add(
                SurveyAnswer(response_id=response.id, question_id=built.q(prompt), text=text)
            )
        if submitted:
            survey.responses_count += 1
        db.session.commit()
        return response.id


def export(client):
    return client.get("/account/export").json["survey_responses"]


def test_the_export_holds_the_accounts_answers_even_to_anonymous_surveys(
    app, client, auth, citizen, make_survey
):
    named = make_survey(title="Nominative")
    anonymous = make_survey(title="Anonyme", is_anonymous=True)
    other = make_survey(title="Sans moi")
    respond(app, named, citizen, option="Oui", text="Plus de bancs")
    respond(app, anonymous, citizen, option="Non")
    auth.login(citizen)
    rows = export(client)
    assert [(row["title"], row["anonymous"]) for row in rows] == [
        ("Nominative", False), ("Anonyme", True),
    ]  # fmt: skip
    answers = {(a["question"], a["option"], a["text"]) for a in rows[0]["answers"]}
    assert ("Venez-vous à la mairie ?", "Oui", None) in answers
    assert ("Une idée pour l'accueil ?", None, "Plus de bancs") in answers
    assert other.id not in [row["survey_id"] for row in rows]


def test_deleting_the_account_keeps_sent_responses_unlinked_and_drops_drafts(
    app, client, auth, citizen, make_survey, fetch
):
    sent = make_survey(title="Envoyée")
    draft = make_survey(title="Brouillon de réponse", is_anonymous=True)
    kept = respond(app, sent, citizen, option="Oui")
    dropped = respond(app, draft, citizen, submitted=False)
    auth.login(citizen)
    from tests.conftest import PASSWORD

    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    rows = fetch(lambda s: s.execute(select(SurveyResponse.id, SurveyResponse.user_id,
                                            SurveyResponse.respondent_key)).all())  # fmt: skip
    assert [(row.id, row.user_id) for row in rows] == [(kept, None)]
    assert dropped not in [row.id for row in rows]
    with app.app_context():
        # Nothing links the response back to the account, not even its keyed hash.
        assert rows[0].respondent_key != respondent_key(sent.id, citizen.id)
    assert fetch(lambda s: s.get(Survey, sent.id)).responses_count == 1

"""A survey's life: preparing it, its settings, opening, closing, publishing its results, and
where it shows (list, home page, the problem's page and timeline, the prototype's page)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from platform.database import utcnow
from platform.ideas.models import ProblemStatus
from platform.notifications.models import Kind, Notification
from platform.surveys.models import Phase, Survey, SurveyResponse, SurveyStatus
from tests.support.pages import text


def settings(**overrides):
    data = {
        "title": "Enquête sur l'accueil",
        "introduction": "Dix minutes pour **nous aider**.",
        "opens_at": "2031-03-14T09:00",
        "closes_at": "2031-04-14T18:00",
        "problem_id": "0",
        "prototype_id": "0",
    }
    data.update(overrides)
    return data


def count(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(Survey)))


def test_an_agent_prepares_a_draft_survey_in_the_city_time_zone(client, auth, agent, fetch):
    auth.login(agent)
    response = client.post("/surveys/new", data=settings(is_anonymous="y"))
    assert response.status_code == 302
    survey = fetch(lambda s: s.scalar(select(Survey)))
    assert response.headers["Location"].endswith(f"/surveys/{survey.id}/build")
    assert survey.status is SurveyStatus.DRAFT and survey.is_anonymous
    # 09:00 in Paris in March (UTC+1) is 08:00 UTC.
    assert survey.opens_at.isoformat() == "2031-03-14T08:00:00+00:00"
    assert survey.created_by_id == agent.id


def test_a_survey_can_be_for_a_problem_and_one_of_its_prototypes(
    client, auth, agent, fetch, make_problem
):
    problem = make_problem(status=ProblemStatus.SELECTED)
    auth.login(agent)
    page = client.get(f"/surveys/new?idea={problem.id}")
    assert page.status_code == 200
    assert f'<option selected value="{problem.id}">' in page.get_data(as_text=True)
    assert client.post("/surveys/new", data=settings(problem_id=str(problem.id))).status_code == 302
    assert fetch(lambda s: s.scalar(select(Survey.problem_id))) == problem.id


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Donnez un titre à l'enquête."),
        ({"closes_at": "2031-03-01T09:00"}, "L'enquête doit fermer après son ouverture."),
        ({"opens_at": "demain"}, "Saisissez une date et une heure"),
        ({"closes_at": ""}, "Indiquez la date et l'heure de fermeture."),
        ({"problem_id": "999999"}, "Choisissez l'une des options de la liste."),
        ({"title": "x" * 151}, "Saisissez 150 caractères au maximum."),
    ],
)
def test_bad_settings_are_refused_on_their_field_and_nothing_is_made(
    client, auth, agent, fetch, overrides, message
):
    auth.login(agent)
    response = client.post("/surveys/new", data=settings(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert count(fetch) == 0


def test_citizens_cannot_prepare_surveys(client, auth, citizen, fetch):
    auth.login(citizen)
    assert client.get("/surveys/new").status_code == 403
    assert client.post("/surveys/new", data=settings()).status_code == 403
    assert count(fetch) == 0


def test_the_organiser_changes_the_settings(client, auth, agent, make_survey, get_survey):
    built = make_survey(status=SurveyStatus.DRAFT)
    auth.login(agent)
    response = client.post(f"/surveys/{built.id}/edit", data=settings(title="Nouveau titre"))
    assert response.status_code == 302
    assert get_survey(built).title == "Nouveau titre"


def test_anonymity_cannot_change_once_someone_answered(
    client, auth, agent, make_survey, get_survey
):
    built = make_survey(locked=True)
    auth.login(agent)
    response = client.post(f"/surveys/{built.id}/edit", data=settings(is_anonymous="y"))
    assert response.status_code == 400
    assert "ne peut plus changer" in text(response)
    assert not get_survey(built).is_anonymous


def test_a_published_survey_can_no_longer_change(client, auth, agent, make_survey, get_survey):
    built = make_survey(status=SurveyStatus.PUBLISHED)
    auth.login(agent)
    response = client.post(f"/surveys/{built.id}/edit", data=settings(title="Autre"))
    assert response.status_code == 403
    assert "ne peut plus changer" in text(response)
    assert get_survey(built).title == "Enquête sur l'accueil"


def test_opening_needs_a_question_and_a_closing_time_to_come(
    client, auth, agent, make_survey, get_survey
):
    empty = make_survey(status=SurveyStatus.DRAFT, sections=[[]])
    past = make_survey(status=SurveyStatus.DRAFT, opens_in=timedelta(days=-30),
                       lasts=timedelta(days=2))  # fmt: skip
    auth.login(agent)
    response = client.post(f"/surveys/{empty.id}/open")
    assert response.status_code == 400
    assert "Ajoutez au moins une question" in text(response)
    assert client.post(f"/surveys/{past.id}/open").status_code == 400
    assert get_survey(empty).is_draft and get_survey(past).is_draft


def test_opening_closing_and_publishing(client, auth, agent, make_survey, get_survey, fetch):
    built = make_survey(status=SurveyStatus.DRAFT)
    auth.login(agent)
    assert client.post(f"/surveys/{built.id}/open").status_code == 302
    survey = get_survey(built)
    assert survey.phase is Phase.OPEN and survey.opened_at is not None
    # A second click is told why, and changes nothing.
    assert client.post(f"/surveys/{built.id}/open").status_code == 400
    # Results wait for the survey to close.
    assert client.post(f"/surveys/{built.id}/publish", data={"note": "x"}).status_code == 403
    assert client.post(f"/surveys/{built.id}/close").status_code == 302
    assert get_survey(built).phase is Phase.CLOSED
    assert client.post(f"/surveys/{built.id}/close").status_code == 400
    response = client.post(f"/surveys/{built.id}/publish", data={"note": "Ce que nous retenons."})
    assert response.status_code == 302
    survey = get_survey(built)
    assert survey.is_published and survey.results_note == "Ce que nous retenons."
    page = text(client.get(f"/surveys/{built.id}"))
    assert "Ce que nous retenons." in page and "Résultats" in page


def test_an_open_survey_past_its_closing_time_is_closed_and_can_publish(
    client, auth, agent, make_survey, get_survey
):
    built = make_survey(opens_in=timedelta(days=-10), lasts=timedelta(days=3))
    assert get_survey(built).phase is Phase.CLOSED
    auth.login(agent)
    assert client.post(f"/surveys/{built.id}/publish", data={"note": ""}).status_code == 302
    assert get_survey(built).is_published


def test_another_agent_cannot_run_someone_elses_survey(
    client, auth, make_user, make_survey, get_survey
):
    from platform.roles import Role

    built = make_survey(status=SurveyStatus.DRAFT)
    auth.login(make_user(Role.AGENT))
    assert client.post(f"/surveys/{built.id}/open").status_code == 403
    assert get_survey(built).is_draft


def test_an_admin_runs_any_survey(client, auth, admin, make_survey, get_survey):
    built = make_survey()
    auth.login(admin)
    assert client.post(f"/surveys/{built.id}/close").status_code == 302
    assert get_survey(built).status is SurveyStatus.CLOSED


def add_responses(app, built, users, submitted=True):
    from platform.extensions import db
    from platform.surveys.services import respondent_key

    with app.app_context():
        survey = db.session.get(Survey, built.id)
        for user in users:
            db.session.add(
                SurveyResponse(
                    survey_id=survey.id, respondent_key=respondent_key(survey.id, user.id),
                    user_id=None if survey.is_anonymous else user.id,
                    submitted_at=utcnow() if submitted else None,
                )
            )  # fmt: skip
        survey.responses_count += len(users) if submitted else 0
        db.session.commit()


@pytest.mark.parametrize("anonymous", [False, True])
def test_publishing_tells_every_respondent_even_of_an_anonymous_survey(
    app, client, auth, agent, make_user, make_survey, fetch, anonymous
):
    built = make_survey(is_anonymous=anonymous, opens_in=timedelta(days=-10),
                        lasts=timedelta(days=3))  # fmt: skip
    respondents = [make_user() for _ in range(3)]
    drafting, bystander = make_user(), make_user()
    add_responses(app, built, respondents)
    add_responses(app, built, [drafting], submitted=False)
    auth.login(agent)
    assert client.post(f"/surveys/{built.id}/publish", data={"note": ""}).status_code == 302
    told = fetch(
        lambda s: s.scalars(
            select(Notification.recipient_id).where(Notification.kind == Kind.SURVEY_RESULTS)
        ).all()
    )
    assert sorted(told) == sorted(user.id for user in respondents)
    assert drafting.id not in told and bystander.id not in told
    auth.logout()
    auth.login(respondents[0])
    page = text(client.get("/notifications/"))
    quoted = "«\u00a0Enquête sur l'accueil\u00a0»"  # with no-break spaces, as French writes it
    assert f"Les résultats de l'enquête {quoted} à laquelle vous avez répondu" in page


def test_the_list_shows_open_surveys_first_and_no_drafts_to_citizens(
    client, make_survey, auth, citizen
):
    make_survey(title="Brouillon", status=SurveyStatus.DRAFT)
    make_survey(title="Publiée", status=SurveyStatus.PUBLISHED)
    make_survey(title="Ouverte", opens_in=timedelta(days=-1))
    make_survey(title="À venir", opens_in=timedelta(days=3))
    page = text(client.get("/surveys/"))
    assert "Brouillon" not in page
    assert page.index("Ouverte") < page.index("À venir") < page.index("Publiée")
    assert "3 enquêtes" in page


def test_the_home_page_shows_open_surveys_and_latest_results(client, make_survey, make_problem):
    problem = make_problem(title="La cantine est trop bruyante")
    make_survey(title="Ouverte sur la cantine", problem=problem)
    make_survey(title="Résultats sur le marché", status=SurveyStatus.PUBLISHED, problem=problem)
    make_survey(title="Brouillon caché", status=SurveyStatus.DRAFT)
    page = text(client.get("/"))
    assert "Ouverte sur la cantine" in page and "Résultats sur le marché" in page
    assert "La cantine est trop bruyante" in page
    assert "Brouillon caché" not in page


def test_the_problem_page_lists_its_surveys_and_its_timeline_tells_their_stages(
    client, make_survey, make_problem
):
    problem = make_problem(status=ProblemStatus.SELECTED)
    make_survey(title="Enquête du quartier", problem=problem, status=SurveyStatus.PUBLISHED)
    make_survey(title="Brouillon du quartier", problem=problem, status=SurveyStatus.DRAFT)
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Enquête du quartier" in page and "Brouillon du quartier" not in page
    assert "Enquête ouverte" in page and "Résultats de l'enquête publiés" in page
    data = client.get(f"/api/v1/ideas/{problem.id}").json["data"]
    kinds = [entry["kind"] for entry in data["timeline"]]
    assert "survey_opened" in kinds and "survey_results_published" in kinds


def test_the_prototype_page_links_its_surveys(app, client, make_survey, make_prototype):
    prototype = make_prototype()
    make_survey(title="Enquête sur la fiche", prototype=prototype)
    page = text(client.get(f"/prototypes/{prototype.id}"))
    assert "Enquête sur la fiche" in page


def test_statistics_count_surveys_and_responses(app, client, make_survey, make_user):
    built = make_survey()
    make_survey(status=SurveyStatus.DRAFT)
    add_responses(app, built, [make_user(), make_user()])
    totals = client.get("/api/v1/stats").json["data"]["surveys"]
    assert totals == {"surveys": 1, "surveys_with_results": 0, "survey_responses": 2}
    assert "Réponses aux enquêtes" in text(client.get("/stats"))


def test_the_daily_digest_tells_respondents_of_the_results(
    app, client, auth, agent, make_user, make_survey, caplog
):
    import logging

    from platform.notifications.mail import send_digests

    built = make_survey(opens_in=timedelta(days=-10), lasts=timedelta(days=3))
    respondent = make_user()
    add_responses(app, built, [respondent])
    auth.login(agent)
    assert client.post(f"/surveys/{built.id}/publish", data={"note": ""}).status_code == 302
    caplog.set_level(logging.INFO, logger="platform.notifications.mail")
    with app.app_context():
        send_digests(utcnow() + timedelta(days=1))
    mails = [record.email for record in caplog.records if hasattr(record, "email")]
    assert [mail["To"] for mail in mails] == [respondent.email]
    body = mails[0].get_content()
    assert "Les résultats de l'enquête «\u00a0Enquête sur l'accueil\u00a0»" in body

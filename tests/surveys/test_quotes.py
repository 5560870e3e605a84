"""Quotations: organisers publish written answers with the results; anyone signed in can report
one, and moderators hide it (it leaves the results and the open data) or restore it."""

import pytest
from sqlalchemy import func, select

from platform.extensions import db
from platform.moderation.models import Report
from platform.notifications.models import Notification
from platform.roles import Role
from platform.surveys.models import Survey, SurveyAnswer, SurveyStatus
from platform.surveys.results import open_data, survey_results
from tests.support.pages import text
from tests.surveys import test_results as support
from tests.surveys.test_results import EVERY_KIND

every_kind = support.every_kind  # fixtures shared with test_results.py
respond = support.respond


def answer_of(fetch, written):
    return fetch(lambda s: s.scalar(select(SurveyAnswer).where(SurveyAnswer.text == written)))


def quote(client, built, answer_id, state="on"):
    data = {} if state is None else {"state": state}
    return client.post(f"/surveys/{built.id}/answers/{answer_id}/quote", data=data)


IDEA = "Mon voisin Jean Dupont est bruyant."


# Picking -----------------------------------------------------------------------------------


def test_an_organiser_publishes_and_withdraws_a_quotation(client, auth, agent, every_kind, fetch):
    answer = answer_of(fetch, IDEA)
    auth.login(agent)
    response = quote(client, every_kind, answer.id, "on")
    assert response.status_code == 302
    assert f"/questions/{answer.question_id}/answers" in response.headers["Location"]
    picked = answer_of(fetch, IDEA).quoted_at
    assert picked is not None
    assert quote(client, every_kind, answer.id, "on").status_code == 302  # a double click
    assert answer_of(fetch, IDEA).quoted_at == picked
    assert IDEA in text(client.get(f"/surveys/{every_kind.id}/results"))
    assert quote(client, every_kind, answer.id, "off").status_code == 302
    assert quote(client, every_kind, answer.id, "off").status_code == 302
    assert answer_of(fetch, IDEA).quoted_at is None


def test_the_answers_page_offers_the_right_button(client, auth, agent, every_kind, fetch):
    auth.login(agent)
    page = client.get(
        f"/surveys/{every_kind.id}/questions/{every_kind.q('Une idée ?')}/answers?lang=en"
    ).get_data(as_text=True)
    assert page.count("Publish as a quotation") == 1
    assert page.count("Withdraw the quotation") == 1
    assert page.count('name="state" value="on"') == 1
    assert page.count('name="state" value="off"') == 1


@pytest.mark.parametrize("state", ["yes", "", None])
def test_a_bad_state_is_refused(client, auth, agent, every_kind, fetch, state):
    auth.login(agent)
    assert quote(client, every_kind, answer_of(fetch, IDEA).id, state).status_code == 400


def test_only_written_answers_are_quoted(client, auth, agent, every_kind, fetch):
    chosen = fetch(
        lambda s: s.scalar(
            select(SurveyAnswer.id).where(SurveyAnswer.option_id.is_not(None)).limit(1)
        )
    )
    auth.login(agent)
    assert quote(client, every_kind, chosen).status_code == 400


def test_an_answer_of_another_survey_is_not_found(client, auth, agent, make_survey, every_kind,
                                                  fetch):  # fmt: skip
    other_survey = make_survey()
    auth.login(agent)
    assert quote(client, other_survey, answer_of(fetch, IDEA).id).status_code == 404
    assert quote(client, every_kind, 999999).status_code == 404


def test_a_draft_response_is_not_quoted(client, auth, agent, every_kind, fetch):
    auth.login(agent)
    assert quote(client, every_kind, answer_of(fetch, "Brouillon secret").id).status_code == 404


def test_a_hidden_answer_cannot_be_quoted_again(app, client, auth, agent, every_kind, fetch):
    answer = answer_of(fetch, "Des bancs à l'ombre.")
    with app.app_context():
        db.session.get(SurveyAnswer, answer.id).is_hidden = True
        db.session.commit()
    auth.login(agent)
    assert quote(client, every_kind, answer.id, "off").status_code == 302
    assert quote(client, every_kind, answer.id, "on").status_code == 400
    assert answer_of(fetch, "Des bancs à l'ombre.").quoted_at is None


@pytest.mark.parametrize(("role", "code"), [(None, 302), (Role.CITIZEN, 403), (Role.AGENT, 403),
                                            (Role.MODERATOR, 403), (Role.ADMIN, 302)])  # fmt: skip
def test_who_picks_quotations(client, auth, make_user, every_kind, fetch, role, code):
    if role is not None:
        auth.login(make_user(role))
    response = quote(client, every_kind, answer_of(fetch, IDEA).id)
    assert response.status_code == code
    if role is None:
        assert "/auth/login" in response.headers["Location"]


def test_no_quotation_is_picked_in_a_draft(client, auth, agent, make_survey):
    built = make_survey(status=SurveyStatus.DRAFT)
    auth.login(agent)
    assert quote(client, built, 1).status_code == 403


# Reporting and moderating ------------------------------------------------------------------


def report(client, answer_id, reason="personal_data"):
    return client.post(
        "/moderation/report",
        data={"target_type": "survey_answer", "target_id": str(answer_id), "reason": reason,
              "note": "", "back": "/"},
    )  # fmt: skip


def reports(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(Report)))


def test_a_quotation_is_reported_but_not_by_its_author(client, auth, every_kind, citizen,
                                                       make_user, fetch):  # fmt: skip
    mine = answer_of(fetch, "Des bancs à l'ombre.")
    auth.login(citizen)
    assert report(client, mine.id).status_code == 400
    auth.logout()
    auth.login(make_user())
    assert report(client, mine.id).status_code == 302
    assert reports(fetch) == 1


def test_an_answer_that_is_not_a_quotation_cannot_be_reported(client, auth, every_kind, citizen,
                                                              fetch):  # fmt: skip
    auth.login(citizen)
    assert report(client, answer_of(fetch, IDEA).id).status_code == 400
    assert reports(fetch) == 0


def results_data(app, built):
    with app.test_request_context():
        return open_data(survey_results(db.session.get(Survey, built.id)))


def quotations_in(data):
    return [
        t for part in data["sections"] for q in part["questions"] for t in q.get("quotations", [])
    ]


@pytest.mark.parametrize("anonymous", [False, True])
def test_moderators_hide_and_restore_a_quotation(
    app, client, auth, make_user, moderator, make_survey, respond, fetch, anonymous
):
    author = make_user()
    built = make_survey(sections=EVERY_KIND, status=SurveyStatus.PUBLISHED, is_anonymous=anonymous)
    words = "Un banc sous chaque arbre."
    respond(built, support.text("Une idée ?", words), user=author, quoted=[words])
    answer = answer_of(fetch, words)
    auth.login(make_user())
    assert report(client, answer.id, "offensive").status_code == 302
    auth.logout()

    auth.login(moderator)
    queue = text(client.get("/moderation/?lang=en"))
    assert words in queue
    assert f"/surveys/{built.id}/results" in queue
    if anonymous:
        assert "unknown – the survey is anonymous" in queue
    else:
        assert author.display_name in queue
    hidden = client.post(
        "/moderation/hide",
        data={"target_type": "survey_answer", "target_id": str(answer.id), "reason": "Insulte"},
    )
    assert hidden.status_code == 302
    assert answer_of(fetch, words).is_hidden
    assert words not in text(client.get(f"/surveys/{built.id}/results"))
    assert words not in quotations_in(results_data(app, built))
    restored = client.post(
        "/moderation/restore", data={"target_type": "survey_answer", "target_id": str(answer.id)}
    )
    assert restored.status_code == 302
    assert words in text(client.get(f"/surveys/{built.id}/results"))
    assert words in quotations_in(results_data(app, built))
    # Survey answers tell no one: an anonymous author is unknown, a named one is not notified.
    assert fetch(lambda s: s.scalar(select(func.count()).select_from(Notification))) == 0


def test_a_withdrawn_quotation_leaves_the_queue(client, auth, agent, moderator, make_user,
                                                every_kind, fetch):  # fmt: skip
    answer = answer_of(fetch, "À cheval")
    auth.login(make_user())
    assert report(client, answer.id).status_code == 302
    auth.logout()
    auth.login(agent)
    assert quote(client, every_kind, answer.id, "off").status_code == 302
    auth.logout()
    auth.login(moderator)
    assert "À cheval" not in text(client.get("/moderation/"))
    hidden = client.post(
        "/moderation/hide",
        data={"target_type": "survey_answer", "target_id": str(answer.id), "reason": "x"},
    )
    assert hidden.status_code == 400


def test_reports_hide_a_quotation_automatically(app, client, make_user, every_kind, fetch):
    from tests.conftest import AuthActions

    answer = answer_of(fetch, "À cheval")
    for _ in range(app.config["MODERATION_AUTO_HIDE_REPORTS"]):
        session = app.test_client()
        AuthActions(session).login(make_user())
        assert report(session, answer.id).status_code == 302
    assert answer_of(fetch, "À cheval").is_hidden
    assert "À cheval" not in text(client.get(f"/surveys/{every_kind.id}/results"))

"""Who sees a survey's results, its CSV and its written answers, in each state; and what the
results pages show: valid HTML, headings in order, charts with their tables, no inline style or
script, no unpublished text."""

import re

import pytest

from platform.roles import Role
from platform.surveys.models import SurveyStatus
from tests.support.pages import text
from tests.surveys import test_results as support
from tests.surveys.test_results import EVERY_KIND, choice
from tests.test_valid_html import problems

# Fixtures shared with test_results.py.
every_kind = support.every_kind
respond = support.respond
answer_text = support.text

STATES = ["draft", "open", "closed", "published"]
READERS = ["visitor", "citizen", "organiser", "other agent", "admin"]
# What each reader gets from the results page, in each state of the survey.
RESULTS = {
    "draft": {"visitor": 404, "citizen": 404, "organiser": 200, "other agent": 403, "admin": 200},
    "open": {"visitor": 302, "citizen": 403, "organiser": 200, "other agent": 403, "admin": 200},
    "closed": {"visitor": 302, "citizen": 403, "organiser": 200, "other agent": 403, "admin": 200},
    "published": dict.fromkeys(READERS, 200),
}
# The CSV and the written answers are the organisers' (and admins'), whatever the state.
LAB_ONLY = {"visitor": 302, "citizen": 403, "organiser": 200, "other agent": 403, "admin": 200}
PRIVATE = {"draft": RESULTS["draft"], "open": LAB_ONLY, "closed": LAB_ONLY, "published": LAB_ONLY}


@pytest.fixture
def sign_in_as(auth, make_user, agent):
    def sign_in(reader):
        account = {
            "visitor": None,
            "citizen": lambda: make_user(Role.CITIZEN),
            "organiser": lambda: agent,
            "other agent": lambda: make_user(Role.AGENT),
            "admin": lambda: make_user(Role.ADMIN),
        }[reader]
        if account is not None:
            auth.login(account())

    return sign_in


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("reader", READERS)
def test_who_sees_the_results(client, make_survey, sign_in_as, state, reader):
    built = make_survey(status=SurveyStatus(state))
    sign_in_as(reader)
    response = client.get(f"/surveys/{built.id}/results")
    assert response.status_code == RESULTS[state][reader]
    if response.status_code == 302:
        assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("reader", READERS)
def test_who_downloads_the_responses_and_reads_the_texts(
    client, make_survey, sign_in_as, state, reader
):
    built = make_survey(status=SurveyStatus(state))
    sign_in_as(reader)
    question_id = built.q("Une idée pour l'accueil ?")
    for path in ("responses.csv", f"questions/{question_id}/answers"):
        response = client.get(f"/surveys/{built.id}/{path}")
        response.get_data()  # a streamed file ends its request once read
        assert response.status_code == PRIVATE[state][reader], path


def test_a_hidden_survey_has_no_results_for_others(app, client, auth, make_survey, citizen):
    built = make_survey(status=SurveyStatus.PUBLISHED)
    with app.app_context():
        from platform.extensions import db
        from platform.surveys.models import Survey

        db.session.get(Survey, built.id).is_hidden = True
        db.session.commit()
    auth.login(citizen)
    assert client.get(f"/surveys/{built.id}/results").status_code == 404


def test_organisers_are_told_results_are_not_public_yet(client, auth, agent, make_survey):
    built = make_survey(status=SurveyStatus.OPEN)
    auth.login(agent)
    page = text(client.get(f"/surveys/{built.id}/results?lang=en"))
    assert "These results are not public yet" in page
    published = make_survey(status=SurveyStatus.PUBLISHED)
    assert "not public yet" not in text(client.get(f"/surveys/{published.id}/results?lang=en"))


def test_a_question_that_takes_no_text_has_no_answers_page(client, auth, agent, every_kind):
    auth.login(agent)
    choice_only = every_kind.q("Priorités")
    base = f"/surveys/{every_kind.id}/questions"
    assert client.get(f"{base}/{choice_only}/answers").status_code == 404
    assert client.get(f"{base}/999999/answers").status_code == 404


def test_another_surveys_question_has_no_answers_page(client, auth, agent, make_survey, every_kind):
    other_survey = make_survey()
    auth.login(agent)
    question_id = every_kind.q("Une idée ?")
    assert (
        client.get(f"/surveys/{other_survey.id}/questions/{question_id}/answers").status_code == 404
    )


# What the pages show -----------------------------------------------------------------------


PRIVATE_TEXTS = ["Jean Dupont", "Brouillon secret", "Ombre", "Parfois"]


@pytest.mark.parametrize("reader", ["visitor", "citizen", "other agent"])
def test_unpublished_texts_never_reach_the_public(client, every_kind, sign_in_as, reader):
    sign_in_as(reader)
    for path in (f"/surveys/{every_kind.id}", f"/surveys/{every_kind.id}/results"):
        page = text(client.get(path))
        assert "Des bancs à l'ombre." in page
        assert "À cheval" in page
        for private in PRIVATE_TEXTS:
            assert private not in page, (path, private)


def test_organisers_read_the_texts_of_sent_responses(client, auth, agent, every_kind):
    auth.login(agent)
    base = f"/surveys/{every_kind.id}/questions"
    page = text(client.get(f"{base}/{every_kind.q('Une idée ?')}/answers"))
    assert "Jean Dupont" in page
    assert "Des bancs à l'ombre." in page
    assert "Brouillon secret" not in page  # a draft
    others = text(client.get(f"{base}/{every_kind.q('Venez-vous ?')}/answers"))
    assert "Parfois" in others


def test_the_answers_are_paged(app, client, auth, agent, make_survey, respond):
    built = make_survey()
    prompt = "Une idée pour l'accueil ?"
    for n in range(3):
        respond(built, answer_text(prompt, f"Idée numéro {n}"))
    auth.login(agent)
    app.config["SURVEY_ANSWERS_PER_PAGE"] = 2
    url = f"/surveys/{built.id}/questions/{built.q(prompt)}/answers"
    first, second = text(client.get(url)), text(client.get(url + "?page=2"))
    assert "Idée numéro 0" in first and "Idée numéro 2" not in first
    assert "Idée numéro 2" in second and "Idée numéro 0" not in second


def headings(html):
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def assert_in_order(levels):
    assert levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


@pytest.mark.parametrize("reader", ["visitor", "organiser"])
@pytest.mark.parametrize("page", ["show", "results"])
def test_pages_are_valid_with_headings_in_order(client, every_kind, sign_in_as, reader, page):
    sign_in_as(reader)
    path = f"/surveys/{every_kind.id}" + ("/results" if page == "results" else "")
    response = client.get(path)
    assert response.status_code == 200
    assert problems(response) == []
    html = response.get_data(as_text=True)
    assert_in_order(headings(html))
    main = html[html.index("<main") : html.index("</main>")]
    assert " style=" not in main
    assert re.search(r"<script(?![^>]*\bsrc=)", main) is None


def test_questions_sit_under_the_results_heading_of_the_survey_page(client, every_kind):
    html = client.get(f"/surveys/{every_kind.id}").get_data(as_text=True)
    results = html[html.index('id="results-title"') :]
    assert re.search(r'<h3 id="results-section-\d+"', results)
    assert re.search(r'<h4 id="result-\d+-title">Priorités</h4>', results)


def test_one_section_has_no_section_heading(client, make_survey, respond):
    built = make_survey(sections=[EVERY_KIND[0]], status=SurveyStatus.PUBLISHED)
    respond(built, choice("Venez-vous ?", "Oui"))
    html = client.get(f"/surveys/{built.id}/results").get_data(as_text=True)
    assert "results-section-" not in html
    assert re.search(r'<h2 id="result-\d+-title">Venez-vous \?</h2>', html)
    assert_in_order(headings(html))


def test_charts_come_with_their_tables(client, every_kind):
    html = client.get(f"/surveys/{every_kind.id}/results?lang=en").get_data(as_text=True)
    # Single and multiple choice, scale and ranking draw a chart; the matrix is a table.
    assert html.count('role="img"') == 4
    assert html.count('<details class="chart-table"') == 4
    assert "66.7%" in html
    assert "<caption" in html[html.index("Horaires") :]


def test_multiple_choice_says_shares_may_exceed_a_hundred(client, every_kind):
    page = text(client.get(f"/surveys/{every_kind.id}/results?lang=en"))
    assert "more than 100 %" in page


def test_quotations_can_be_reported_by_others_than_their_author(
    client, auth, every_kind, citizen, make_user
):
    url = f"/surveys/{every_kind.id}/results"
    assert 'name="target_type" value="survey_answer"' not in client.get(url).get_data(as_text=True)
    auth.login(citizen)  # wrote "Des bancs à l'ombre.", not "À cheval"
    html = client.get(url).get_data(as_text=True)
    assert html.count('name="target_type" value="survey_answer"') == 1
    auth.logout()
    auth.login(make_user())
    html = client.get(url).get_data(as_text=True)
    assert html.count('name="target_type" value="survey_answer"') == 2


def test_organisers_are_offered_to_read_the_texts(client, auth, agent, every_kind):
    link = f"/surveys/{every_kind.id}/questions/{every_kind.q('Une idée ?')}/answers"
    assert link not in client.get(f"/surveys/{every_kind.id}/results").get_data(as_text=True)
    auth.login(agent)
    assert link in client.get(f"/surveys/{every_kind.id}/results").get_data(as_text=True)


def test_answers_page_is_valid(client, auth, agent, every_kind):
    auth.login(agent)
    question_id = every_kind.q("Une idée ?")
    response = client.get(f"/surveys/{every_kind.id}/questions/{question_id}/answers")
    assert problems(response) == []
    assert_in_order(headings(response.get_data(as_text=True)))

"""The results page, the survey page with its results, the CSV and the moderation queue run the
same number of SQL queries for one response as for a thousand: the database groups and counts,
nothing is read response by response. Published results are then kept (`surveys/cache.py`): the
next request costs fewer queries, the same for both, and shows the same page. Responses are
inserted in bulk (one INSERT per table)."""

import re
import secrets

import pytest
from sqlalchemy import insert, select

from platform.database import utcnow
from platform.extensions import db
from platform.moderation import services as moderation_services
from platform.surveys.cache import results_cache
from platform.surveys.models import SurveyAnswer, SurveyResponse, SurveyStatus
from tests.support import bulk
from tests.surveys.test_results import (
    EVERY_KIND,
    answer_row,
    choice,
    matrix,
    number,
    other,
    ranked,
    text,
)

FEW, MANY = 1, 1_000


def answers_of(i):
    """The answers of the i-th response: every kind, varied, texts included."""
    options = ["Bancs", "Arbres", "Lumière"]
    order = options[i % 3 :] + options[: i % 3]
    return [
        choice("Venez-vous ?", "Oui" if i % 2 else "Non"),
        choice("Comment ?", *["A", "B", "C"][: 1 + i % 3]),
        other("Comment ?", f"Autre {i}"),
        number("Satisfaction", 1 + i % 5),
        ranked("Priorités", *order),
        matrix("Horaires", Matin="Bien", Soir="Mal" if i % 2 else "Bien"),
        number("Âge", 18 + i % 70),
        text("Une idée ?", f"Idée {i}"),
    ]


def add_responses(built, n, users):
    """`n` sent responses (a tenth more as drafts), two of their texts quoted."""
    now = utcnow()
    rows = [
        {"survey_id": built.id, "respondent_key": secrets.token_hex(32),
         "user_id": users[i % len(users)] if not built.survey.is_anonymous else None,
         "submitted_at": now if i < n else None, "created_at": now, "updated_at": now}
        for i in range(n + max(n // 10, 1))
    ]  # fmt: skip
    db.session.execute(insert(SurveyResponse), rows)
    ids = db.session.scalars(
        select(SurveyResponse.id)
        .where(SurveyResponse.survey_id == built.id)
        .order_by(SurveyResponse.id)
    ).all()
    answers = [
        answer_row(built, response_id, spec) | {"is_other": spec[0] == "other"}
        for i, response_id in enumerate(ids)
        for group in answers_of(i)
        for spec in group
    ]
    for row in answers:
        if row.get("text") in ("Idée 0", "Autre 0"):
            row["quoted_at"] = now
    db.session.execute(insert(SurveyAnswer), answers)


@pytest.fixture
def survey_with(app, make_survey):
    def make(n, anonymous=False):
        built = make_survey(sections=EVERY_KIND, status=SurveyStatus.PUBLISHED,
                            is_anonymous=anonymous)  # fmt: skip
        with app.test_request_context():
            add_responses(built, n, bulk.add_users(min(n, 50)))
            db.session.commit()
        return built

    return make


def cost(client, count_queries, url):
    with count_queries() as counter:
        response = client.get(url)
        body = response.get_data()
    assert response.status_code == 200, url
    return counter.count, body


def same_page(body):
    """The page without its CSRF tokens (signed with the time, to the second)."""
    return re.sub(rb'(csrf[-_]token"? (?:content|value)=")[^"]+', rb"\1", body)


PAGES = {
    "results": "/surveys/{id}/results",
    "survey page": "/surveys/{id}",
    "csv": "/surveys/{id}/responses.csv",
    "answers": "/surveys/{id}/questions/{idea}/answers",
}


# The CSV and the written answers are the organisers' only.
CASES = [
    (page, reader)
    for page in PAGES
    for reader in ("visitor", "citizen", "organiser")
    if reader == "organiser" or page in ("results", "survey page")
]


@pytest.mark.parametrize("anonymous", [False, True])
@pytest.mark.parametrize(("page", "reader"), CASES)
def test_pages_cost_the_same_for_one_or_a_thousand_responses(
    app, client, auth, agent, citizen, survey_with, count_queries, page, reader, anonymous
):
    few, many = survey_with(FEW, anonymous), survey_with(MANY, anonymous)
    if reader != "visitor":
        auth.login(agent if reader == "organiser" else citizen)
    urls = [PAGES[page].format(id=b.id, idea=b.q("Une idée ?")) for b in (few, many)]
    client.get(urls[0]).get_data()  # warm up what every first request loads
    results_cache(app).clear()  # the published results are computed again
    few_cost, few_body = cost(client, count_queries, urls[0])
    many_cost, many_body = cost(client, count_queries, urls[1])
    assert few_cost == many_cost, f"{page}: {few_cost} queries for {FEW}, {many_cost} for {MANY}"
    if page == "csv":
        assert few_body.count(b"\n") == FEW + 1
        assert many_body.count(b"\n") == MANY + 1
    if page in ("results", "survey page"):  # then kept: fewer queries, the same page
        again = [cost(client, count_queries, url) for url in urls]
        assert again[0][0] == again[1][0] < few_cost, (page, few_cost, again[0][0])
        assert [same_page(body) for _count, body in again] == [
            same_page(few_body),
            same_page(many_body),
        ]


def test_the_figures_of_a_thousand_responses(app, survey_with):
    from platform.surveys.models import Survey
    from platform.surveys.results import survey_results

    built = survey_with(MANY)
    with app.test_request_context():
        results = survey_results(db.session.get(Survey, built.id))
    assert results.respondents == MANY
    how = results.of(built.q("Comment ?"))
    assert [o.count for o in how.options] == [1000, 666, 333]
    assert how.other.count == MANY
    satisfaction = results.of(built.q("Satisfaction"))
    assert [s.count for s in satisfaction.scale] == [200] * 5
    assert results.of(built.q("Âge")).number.count == MANY
    assert [q.text for q in results.of(built.q("Une idée ?")).quotations] == ["Idée 0"]


def report_quotations(app, built, reporters):
    with app.test_request_context():
        quoted = db.session.scalars(
            select(SurveyAnswer.id)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == built.id, SurveyAnswer.quoted_at.is_not(None))
        ).all()
        for answer_id in quoted:
            for reporter in reporters:
                moderation_services.report_content(reporter, "survey_answer", answer_id, "spam")
        db.session.commit()


def test_the_moderation_queue_costs_the_same_for_more_reported_quotations(
    app, client, auth, moderator, survey_with, make_user, count_queries
):
    reporters = [make_user(), make_user()]
    report_quotations(app, survey_with(FEW), reporters)
    auth.login(moderator)
    client.get("/moderation/")
    one_survey, body = cost(client, count_queries, "/moderation/")
    assert "Idée 0".encode() in body
    for _ in range(3):
        report_quotations(app, survey_with(FEW), reporters)
    assert cost(client, count_queries, "/moderation/")[0] == one_survey

"""One account answering from 20 browsers at the same moment, through real requests on a real
PostgreSQL database (committed, not rolled back): 20 first saves of the same section, then 20
sendings, leave one response, one answer and a counter of one.

PostgreSQL only (TEST_DATABASE_URL): SQLite takes a write lock for the whole of every writing
request, so it never lets two of them race in the first place.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.roles import Role
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse
from tests.conftest import PASSWORD
from tests.support.databases import postgres_base_url
from tests.surveys.conftest import build_survey

pytestmark = pytest.mark.skipif(
    postgres_base_url() is None, reason="concurrent requests race on PostgreSQL only"
)

BROWSERS = 20
SECTIONS = [
    [{"kind": "single_choice", "prompt": "Oui ou non ?", "options": ["Oui", "Non"],
      "is_required": True}],
]  # fmt: skip


def setup(app, is_anonymous):
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    with app.test_request_context():
        agent, citizen = (
            User(email=f"{role.value}@example.org", display_name=role.value, password_hash=cheap,
                 accepted_terms_at=utcnow(), role=role)
            for role in (Role.AGENT, Role.CITIZEN)
        )  # fmt: skip
        db.session.add_all([agent, citizen])
        db.session.flush()
        survey, by_prompt = build_survey(agent, sections=SECTIONS, is_anonymous=is_anonymous)
        question = by_prompt["Oui ou non ?"]
        options = [o.id for o in question.option_by_label.values()]
        db.session.commit()
        return citizen.email, survey.id, question.id, options


def browsers_for(app, email, n):
    browsers = []
    for _ in range(n):
        client = app.test_client()
        client.post("/auth/login", data={"email": email, "password": PASSWORD})
        browsers.append((client, client.csrf_token()))
    return browsers


def all_at_once(browsers, path, data_of):
    start = threading.Barrier(len(browsers))

    def post(numbered):
        n, (client, token) = numbered
        start.wait(timeout=30)
        return client.post(path, data={"csrf_token": token, **data_of(n)}, csrf=False).status_code

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        return list(pool.map(post, enumerate(browsers)))


def stored(app, survey_id):
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        responses = db.session.scalars(
            select(SurveyResponse).where(SurveyResponse.survey_id == survey_id)
        ).all()
        answers = db.session.scalar(select(func.count()).select_from(SurveyAnswer))
        return survey, responses, answers


@pytest.mark.parametrize("is_anonymous", [False, True], ids=["named", "anonymous"])
def test_one_account_answering_from_many_browsers_at_once(live_app, is_anonymous):
    email, survey_id, question_id, options = setup(live_app, is_anonymous)
    browsers = browsers_for(live_app, email, BROWSERS)

    # 20 first saves of the same section: one response, holding one answer.
    statuses = all_at_once(
        browsers, f"/surveys/{survey_id}/answer/1",
        lambda n: {f"q{question_id}": str(options[n % 2])},
    )  # fmt: skip
    assert statuses == [302] * BROWSERS
    survey, responses, answers = stored(live_app, survey_id)
    assert len(responses) == 1
    assert responses[0].submitted_at is None
    assert answers == 1
    assert survey.locked_at is not None
    assert survey.responses_count == 0

    # 20 sendings: the response is sent once, counted once.
    statuses = all_at_once(browsers, f"/surveys/{survey_id}/answer/submit", lambda n: {})
    assert statuses == [302] * BROWSERS
    survey, responses, answers = stored(live_app, survey_id)
    assert len(responses) == 1
    assert responses[0].submitted_at is not None
    assert survey.responses_count == 1
    assert answers == 1

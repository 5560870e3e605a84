"""Supporting and following: one per account, counters exact, automatic follow."""

import re

from sqlalchemy import func, select

from platform.ideas.models import Follow, ProblemStatus, Support
from tests.support.pages import text


def supports(fetch, problem):
    query = select(func.count()).select_from(Support).where(Support.problem_id == problem.id)
    return fetch(lambda s: s.scalar(query))


def test_support_toggles_and_counts(client, auth, citizen, make_problem, get_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    assert client.post(f"/ideas/{problem.id}/support").status_code == 302
    assert get_problem(problem).supports_count == 1 == supports(fetch, problem)
    client.post(f"/ideas/{problem.id}/support")
    assert get_problem(problem).supports_count == 0 == supports(fetch, problem)


def test_explicit_state_makes_a_double_click_harmless(
    client, auth, citizen, make_problem, get_problem
):
    problem = make_problem()
    auth.login(citizen)
    for _ in range(2):
        client.post(f"/ideas/{problem.id}/support", data={"state": "on"})
    assert get_problem(problem).supports_count == 1
    for _ in range(2):
        client.post(f"/ideas/{problem.id}/support", data={"state": "off"})
    assert get_problem(problem).supports_count == 0


def test_unknown_state_is_refused(client, auth, citizen, make_problem, get_problem):
    problem = make_problem()
    auth.login(citizen)
    assert client.post(f"/ideas/{problem.id}/support", data={"state": "maybe"}).status_code == 400
    assert get_problem(problem).supports_count == 0


def test_support_answers_json_for_the_script(client, auth, citizen, make_problem):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(
        f"/ideas/{problem.id}/support", data={"state": "on"}, headers={"Accept": "application/json"}
    )
    assert response.get_json() == {
        "supported": True, "supports_count": 1, "supports_label": "1 soutien",
    }  # fmt: skip


def test_supporting_follows_the_problem(client, auth, citizen, make_problem, get_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    client.post(f"/ideas/{problem.id}/support")
    assert get_problem(problem).followers_count == 1
    assert fetch(lambda s: s.scalar(select(Follow.user_id))) == citizen.id


def test_database_refuses_a_second_support_row(app, citizen, make_problem):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from platform.extensions import db

    problem = make_problem()
    with app.app_context():
        db.session.add(Support(problem_id=problem.id, user_id=citizen.id))
        db.session.add(Support(problem_id=problem.id, user_id=citizen.id))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_support_on_a_withdrawn_problem_is_refused(
    client, auth, citizen, make_problem, get_problem
):
    problem = make_problem(status=ProblemStatus.WITHDRAWN)
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/support", data={"state": "on"})
    assert response.status_code == 403
    assert "Ce problème n'accepte plus de soutiens." in text(response)
    assert get_problem(problem).supports_count == 0


def test_support_on_a_missing_problem_is_404(client, auth, citizen):
    auth.login(citizen)
    assert client.post("/ideas/424242/support").status_code == 404


def test_visitor_support_goes_to_sign_in(client, make_problem, get_problem):
    problem = make_problem()
    response = client.post(f"/ideas/{problem.id}/support")
    assert response.headers["Location"].startswith("/auth/login")
    assert get_problem(problem).supports_count == 0


def test_support_can_be_withdrawn_after_the_problem_closes(
    client, auth, citizen, make_problem, add_supports, get_problem, app
):
    problem = make_problem(status=ProblemStatus.NOT_RETAINED)
    add_supports(problem, [citizen])
    auth.login(citizen)
    client.post(f"/ideas/{problem.id}/support", data={"state": "off"})
    assert get_problem(problem).supports_count == 0


def test_follow_and_unfollow(client, auth, citizen, make_problem, get_problem):
    problem = make_problem()
    auth.login(citizen)
    client.post(f"/ideas/{problem.id}/follow", data={"state": "on"})
    client.post(f"/ideas/{problem.id}/follow", data={"state": "on"})
    assert get_problem(problem).followers_count == 1
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Ne plus suivre" in page or "Arrêter de suivre" in page
    client.post(f"/ideas/{problem.id}/follow", data={"state": "off"})
    assert get_problem(problem).followers_count == 0


SUPPORT_FORM = re.compile(
    r'action="/ideas/(\d+)/support"[^>]*>\s*<input[^>]*>\s*'
    r'<input type="hidden" name="state" value="(on|off)"'
)


def test_list_shows_whether_i_support_each_problem(
    client, auth, citizen, make_problem, add_supports
):
    supported, other = make_problem(), make_problem()
    add_supports(supported, [citizen])
    auth.login(citizen)
    page = client.get("/ideas/?sort=new").get_data(as_text=True)
    states = {int(problem_id): state for problem_id, state in SUPPORT_FORM.findall(page)}
    assert states == {supported.id: "off", other.id: "on"}

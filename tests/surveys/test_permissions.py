"""Who may do what with a survey, role by role and state by state.

The table is the policy written out by hand: for each predicate of `platform.surveys.permissions`
and each state, the roles it allows. The survey page's answer (200 or 404) follows the same
table for `can_view_survey`; the routes' answers are checked by the authorization matrix
(tests/security) and each feature's tests.
"""

import pytest

from platform.accounts.models import AnonymousUser
from platform.roles import Role
from platform.surveys import permissions
from platform.surveys.models import SurveyStatus
from platform.surveys.services import load_survey

ROLES = ("visitor", "citizen", "organiser", "other_agent", "moderator", "admin")
STATES = ("draft", "open", "closed", "published")
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"visitor"}
LAB = {"organiser", "other_agent", "moderator", "admin"}
RUNS_IT = {"organiser", "admin"}
NOBODY = set()

# predicate: {state: roles allowed}
POLICY = {
    "can_view_survey": {"draft": LAB, "open": EVERYONE, "closed": EVERYONE,
                        "published": EVERYONE},
    "can_create_survey": dict.fromkeys(STATES, LAB),
    "can_manage_survey": dict.fromkeys(STATES, RUNS_IT),
    "can_edit_survey": {"draft": RUNS_IT, "open": RUNS_IT, "closed": RUNS_IT,
                        "published": NOBODY},
    "can_change_structure": {"draft": RUNS_IT, "open": RUNS_IT, "closed": RUNS_IT,
                             "published": NOBODY},
    "can_open_survey": {"draft": RUNS_IT, "open": NOBODY, "closed": NOBODY, "published": NOBODY},
    "can_close_survey": {"draft": NOBODY, "open": RUNS_IT, "closed": NOBODY,
                         "published": NOBODY},
    "can_publish_survey_results": {"draft": NOBODY, "open": NOBODY, "closed": RUNS_IT,
                                   "published": NOBODY},
    "can_view_results": {"draft": RUNS_IT, "open": RUNS_IT, "closed": RUNS_IT,
                         "published": EVERYONE},
    "can_read_private_answers": dict.fromkeys(STATES, RUNS_IT),
    "can_pick_quotations": {"draft": NOBODY, "open": RUNS_IT, "closed": RUNS_IT,
                            "published": RUNS_IT},
    "can_answer_survey": {"draft": NOBODY, "open": SIGNED_IN, "closed": NOBODY,
                          "published": NOBODY},
}  # fmt: skip


@pytest.fixture
def people(make_user, agent):
    return {
        "visitor": AnonymousUser(),
        "citizen": make_user(Role.CITIZEN),
        "organiser": agent,
        "other_agent": make_user(Role.AGENT),
        "moderator": make_user(Role.MODERATOR),
        "admin": make_user(Role.ADMIN),
    }


@pytest.fixture
def surveys(make_survey):
    return {state: make_survey(status=SurveyStatus(state)) for state in STATES}


def test_the_policy_covers_every_predicate_of_the_module():
    defined = {name for name in dir(permissions) if name.startswith("can_")}
    assert defined == set(POLICY)


@pytest.mark.parametrize("state", STATES)
def test_each_role_may_do_what_the_policy_says(app, people, surveys, state):
    with app.test_request_context():
        survey = load_survey(surveys[state].id)
        for name, allowed in POLICY.items():
            predicate = getattr(permissions, name)
            for role, user in people.items():
                expected = role in allowed[state]
                assert predicate(user, survey) is expected, (name, state, role)


def test_a_locked_survey_keeps_its_structure_but_not_its_wording(app, agent, make_survey):
    built = make_survey(status=SurveyStatus.OPEN, locked=True)
    with app.test_request_context():
        survey = load_survey(built.id)
        assert permissions.can_edit_survey(agent, survey)
        assert not permissions.can_change_structure(agent, survey)


@pytest.mark.parametrize("state", STATES)
def test_the_survey_page_is_found_by_whoever_may_see_it(client, auth, people, surveys, state):
    for role, user in people.items():
        if role != "visitor":
            auth.login(user)
        status = client.get(f"/surveys/{surveys[state].id}").status_code
        seen = role in POLICY["can_view_survey"][state]
        assert status == (200 if seen else 404), (state, role, status)
        if role != "visitor":
            auth.logout()


def test_a_hidden_survey_is_found_by_those_who_run_it_only(app, client, auth, people, make_survey):
    from platform.extensions import db
    from platform.surveys.models import Survey

    built = make_survey()
    with app.app_context():
        db.session.get(Survey, built.id).is_hidden = True
        db.session.commit()
    for role, user in people.items():
        if role != "visitor":
            auth.login(user)
        status = client.get(f"/surveys/{built.id}").status_code
        assert status == (200 if role in RUNS_IT else 404), (role, status)
        if role != "visitor":
            auth.logout()

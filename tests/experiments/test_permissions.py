"""What each page offers, by role and state: the predicates that show an action also guard it."""

from datetime import timedelta

import pytest

from platform.database import utcnow
from platform.experiments import permissions, services
from platform.experiments.models import Experiment, ExperimentStatus
from platform.extensions import db
from platform.roles import Role
from tests.support.pages import text

ORGANISER_ACTIONS = {
    "edit": permissions.can_edit_experiment,
    "open": permissions.can_open_sign_ups,
    "close": permissions.can_close_sign_ups,
    "capacity": permissions.can_change_capacity,
    "results": permissions.can_publish_results,
}


@pytest.fixture
def in_state(app, make_experiment):
    """An experiment in `status`; a completed or `ended` one is over."""

    def make(status, ended=False):
        ended = ended or status is ExperimentStatus.COMPLETED
        start = timedelta(days=-2) if ended else None
        experiment = make_experiment(
            status=ExperimentStatus.CLOSED if status is ExperimentStatus.COMPLETED else status,
            starts_in=start,
        )
        if status is ExperimentStatus.COMPLETED:
            with app.app_context():
                db.session.get(Experiment, experiment.id).status = status
                db.session.commit()
        return experiment

    return make


def offered(app, user, experiment):
    with app.app_context():
        loaded = services.load_experiment(experiment.id)
        return {name for name, can in ORGANISER_ACTIONS.items() if can(user, loaded)}


@pytest.mark.parametrize(
    ("status", "ended", "actions"),
    [
        (ExperimentStatus.DRAFT, False, {"edit", "open", "capacity"}),
        (ExperimentStatus.OPEN, False, {"edit", "close", "capacity"}),
        (ExperimentStatus.OPEN, True, {"edit", "close", "capacity", "results"}),
        (ExperimentStatus.CLOSED, True, {"edit", "capacity", "results"}),
        (ExperimentStatus.COMPLETED, True, set()),
    ],
)
def test_organisers_and_moderators_are_offered_what_the_state_allows(
    app, agent, make_user, in_state, status, ended, actions
):
    experiment = in_state(status, ended)
    assert offered(app, agent, experiment) == actions
    assert offered(app, make_user(Role.MODERATOR), experiment) == actions
    assert offered(app, make_user(Role.AGENT), experiment) == set()


def test_a_completed_experiment_offers_no_change_and_refuses_one_with_the_reason(
    client, auth, agent, in_state, get_experiment
):
    experiment = in_state(ExperimentStatus.COMPLETED)
    auth.login(agent)
    page = text(client.get(f"/experiments/{experiment.id}"))
    for action in ("/edit", "/capacity", "/open", "/close", "/results"):
        assert f"/experiments/{experiment.id}{action}" not in page
    response = client.get(f"/experiments/{experiment.id}/edit")
    assert response.status_code == 403
    assert "ne peut plus" in text(response)
    capacity = client.post(f"/experiments/{experiment.id}/capacity", data={"capacity": "50"})
    assert capacity.status_code == 403
    assert get_experiment(experiment).capacity == 10


def test_a_place_cannot_be_given_up_once_started_and_the_page_says_why(
    app, client, auth, citizen, make_experiment, join_as
):
    experiment = make_experiment(starts_in=timedelta(hours=1))
    join_as(experiment, citizen)
    auth.login(citizen)
    leave = f"/experiments/{experiment.id}/leave"
    assert leave in text(client.get(f"/experiments/{experiment.id}"))
    with app.app_context():
        db.session.get(Experiment, experiment.id).starts_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    page = text(client.get(f"/experiments/{experiment.id}"))
    assert leave not in page
    assert "les places ne peuvent plus être libérées" in page


def test_a_visitor_is_invited_to_sign_in_only_while_sign_ups_are_open(
    client, make_experiment, in_state
):
    open_one = make_experiment()
    assert "/auth/login?next=" in text(client.get(f"/experiments/{open_one.id}"))
    for experiment in (in_state(ExperimentStatus.CLOSED), in_state(ExperimentStatus.OPEN, True)):
        assert "/auth/login?next=" not in text(client.get(f"/experiments/{experiment.id}"))

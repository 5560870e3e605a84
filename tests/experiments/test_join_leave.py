"""Joining and leaving: places, the waiting list in arrival order, promotion, time rules."""

from datetime import timedelta

import pytest

from platform.experiments.models import ExperimentStatus
from platform.signals import place_freed
from tests.support.pages import text


def test_joining_takes_a_place(client, auth, citizen, make_experiment, get_experiment, sign_ups):
    experiment = make_experiment(capacity=2)
    auth.login(citizen)
    response = client.post(f"/experiments/{experiment.id}/join")
    assert response.status_code == 302
    assert sign_ups(experiment) == [(citizen.id, "confirmed")]
    assert get_experiment(experiment).participants_count == 1
    assert "Vous êtes inscrit" in text(client.get(response.headers["Location"]))


def test_when_full_citizens_queue_in_arrival_order(
    client, auth, make_user, make_experiment, get_experiment, sign_ups, join_as
):
    experiment = make_experiment(capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    join_as(experiment, first, second)
    auth.login(third)
    response = client.post(f"/experiments/{experiment.id}/join")
    assert "numéro 2 sur la liste d'attente" in text(client.get(response.headers["Location"]))
    assert sign_ups(experiment) == [
        (first.id, "confirmed"), (second.id, "waiting"), (third.id, "waiting"),
    ]  # fmt: skip
    stored = get_experiment(experiment)
    assert (stored.participants_count, stored.waiting_count) == (1, 2)


def test_leaving_gives_the_place_to_the_first_waiting(
    app, client, auth, make_user, make_experiment, get_experiment, sign_ups, join_as
):
    experiment = make_experiment(capacity=1)
    first, second, third = make_user(), make_user(), make_user()
    join_as(experiment, first, second, third)
    told = []
    with place_freed.connected_to(lambda _s, experiment, sign_up: told.append(sign_up.user_id)):
        auth.login(first)
        assert client.post(f"/experiments/{experiment.id}/leave").status_code == 302
    assert sign_ups(experiment) == [(second.id, "confirmed"), (third.id, "waiting")]
    assert told == [second.id]
    stored = get_experiment(experiment)
    assert (stored.participants_count, stored.waiting_count) == (1, 1)


def test_leaving_the_waiting_list(client, auth, make_user, make_experiment, sign_ups, join_as):
    experiment = make_experiment(capacity=1)
    first, second = make_user(), make_user()
    join_as(experiment, first, second)
    auth.login(second)
    client.post(f"/experiments/{experiment.id}/leave")
    assert sign_ups(experiment) == [(first.id, "confirmed")]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (ExperimentStatus.CLOSED, "Cette expérimentation n'est pas ouverte aux inscriptions."),
        (ExperimentStatus.COMPLETED, "Cette expérimentation n'est pas ouverte aux inscriptions."),
    ],
)
def test_joining_a_closed_experiment_is_refused(
    app, client, auth, citizen, make_experiment, sign_ups, status, message
):
    experiment = make_experiment(status=ExperimentStatus.CLOSED)
    if status is ExperimentStatus.COMPLETED:
        from platform.experiments.models import Experiment
        from platform.extensions import db

        with app.app_context():
            db.session.get(Experiment, experiment.id).status = status
            db.session.commit()
    auth.login(citizen)
    response = client.post(f"/experiments/{experiment.id}/join")
    assert response.status_code == 400
    assert message in text(response)
    assert sign_ups(experiment) == []


def test_a_draft_is_not_found_by_citizens(client, auth, citizen, make_experiment, sign_ups):
    experiment = make_experiment(status=ExperimentStatus.DRAFT)
    auth.login(citizen)
    assert client.post(f"/experiments/{experiment.id}/join").status_code == 404
    assert client.get(f"/experiments/{experiment.id}").status_code == 404
    assert sign_ups(experiment) == []


def test_joining_twice_is_refused(
    client, auth, citizen, make_user, make_experiment, sign_ups, get_experiment, join_as
):
    experiment = make_experiment(capacity=1)
    auth.login(citizen)
    client.post(f"/experiments/{experiment.id}/join")
    response = client.post(f"/experiments/{experiment.id}/join")
    assert response.status_code == 400
    assert "Vous êtes déjà inscrit" in text(response)
    other = make_user()
    join_as(experiment, other)
    auth.logout()
    auth.login(other)
    response = client.post(f"/experiments/{experiment.id}/join")
    assert "Vous êtes déjà sur la liste d'attente." in text(response)
    assert get_experiment(experiment).participants_count == 1
    assert len(sign_ups(experiment)) == 2


def test_joining_after_the_end_is_refused(client, auth, citizen, make_experiment, sign_ups):
    experiment = make_experiment(starts_in=timedelta(days=-2), lasts=timedelta(hours=2))
    auth.login(citizen)
    response = client.post(f"/experiments/{experiment.id}/join")
    assert response.status_code == 400
    assert sign_ups(experiment) == []


def test_leaving_after_the_start_is_refused(
    client, auth, citizen, make_experiment, sign_ups, join_as, app
):
    experiment = make_experiment(starts_in=timedelta(hours=1))
    join_as(experiment, citizen)
    from platform.database import utcnow
    from platform.experiments.models import Experiment
    from platform.extensions import db

    with app.app_context():
        stored = db.session.get(Experiment, experiment.id)
        stored.starts_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    auth.login(citizen)
    response = client.post(f"/experiments/{experiment.id}/leave")
    assert response.status_code == 400
    assert "les places ne peuvent plus être libérées" in text(response)
    assert sign_ups(experiment) == [(citizen.id, "confirmed")]


def test_leaving_without_a_sign_up_is_refused(client, auth, citizen, make_experiment):
    experiment = make_experiment()
    auth.login(citizen)
    response = client.post(f"/experiments/{experiment.id}/leave")
    assert response.status_code == 400
    assert "Vous n'avez pas d'inscription à cette expérimentation." in text(response)


def test_visitor_is_sent_to_sign_in(client, make_experiment, sign_ups):
    experiment = make_experiment()
    assert (
        client.post(f"/experiments/{experiment.id}/join")
        .headers["Location"]
        .startswith("/auth/login")
    )
    assert sign_ups(experiment) == []

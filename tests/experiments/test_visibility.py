"""Participants' names and e-mails: organisers, moderators and admins only."""

import pytest

from platform.experiments.models import ExperimentStatus
from platform.roles import Role


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("visitor", False),
        ("citizen", False),
        ("participant", False),
        ("other_agent", False),
        ("organiser", True),
        ("moderator", True),
        ("admin", True),
    ],
)
def test_who_sees_the_participants(
    client, auth, agent, make_user, make_experiment, join_as, viewer, sees
):
    experiment = make_experiment(capacity=1)
    participant = make_user(display_name="Participante Secrète")
    waiting = make_user(display_name="Attente Discrète")
    join_as(experiment, participant, waiting)
    accounts = {
        "citizen": make_user(),
        "participant": participant,
        "other_agent": make_user(Role.AGENT),
        "organiser": agent,
        "moderator": make_user(Role.MODERATOR),
        "admin": make_user(Role.ADMIN),
    }
    if viewer != "visitor":
        auth.login(accounts[viewer])
    page = client.get(f"/experiments/{experiment.id}").get_data(as_text=True)
    exported = client.get(f"/experiments/{experiment.id}/participants.csv")
    for secret in (participant.email, waiting.email, "Attente Discrète"):
        assert (secret in page) is sees, (viewer, secret)
    if sees:
        assert exported.status_code == 200
        assert participant.email in exported.get_data(as_text=True)
    else:
        assert exported.status_code in (302, 403)
        assert participant.email not in exported.get_data(as_text=True)


@pytest.mark.parametrize("viewer", ["citizen", "other_agent"])
def test_only_organisers_and_moderators_manage(
    client, auth, make_user, make_experiment, viewer, get_experiment
):
    experiment = make_experiment(status=ExperimentStatus.DRAFT)
    auth.login(make_user(Role.AGENT if viewer == "other_agent" else Role.CITIZEN))
    expected = 403 if viewer == "other_agent" else 404  # a draft is not found by citizens
    for path, data in [
        ("open", {}),
        ("close", {}),
        ("capacity", {"capacity": "50"}),
        ("results", {"results": "x"}),
    ]:
        assert (
            client.post(f"/experiments/{experiment.id}/{path}", data=data).status_code == expected
        )
    assert get_experiment(experiment).status is ExperimentStatus.DRAFT
    assert get_experiment(experiment).capacity == 10

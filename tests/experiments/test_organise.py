"""Preparing, opening, capacity, results, and the .ics and CSV exports."""

import csv
import io
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import func, select

from platform.database import utcnow
from platform.experiments.models import Experiment, ExperimentStatus, Method
from platform.ideas.models import ProblemStatus
from platform.signals import results_published
from tests.support.pages import text


def form(**overrides):
    data = {
        "method": "workshop",
        "title": "Atelier formulaires",
        "description": "Nous simplifions le formulaire.",
        "involvement": "Deux heures, café offert.",
        "location": "Médiathèque Saint-Roch",
        "starts_at": "2031-03-14T18:30",
        "ends_at": "2031-03-14T20:30",
        "capacity": "12",
        "prototype_version_id": "0",
    }
    data.update(overrides)
    return data


def count(fetch):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(Experiment)))


def test_agent_prepares_an_experiment_in_the_city_time_zone(
    client, auth, agent, lab_problem, fetch
):
    auth.login(agent)
    response = client.post(f"/experiments/new?idea={lab_problem.id}", data=form())
    assert response.status_code == 302
    experiment = fetch(lambda s: s.scalar(select(Experiment)))
    assert experiment.status is ExperimentStatus.DRAFT
    assert experiment.method is Method.WORKSHOP
    # 18:30 in Paris in March (UTC+1) is 17:30 UTC.
    assert experiment.starts_at.isoformat() == "2031-03-14T17:30:00+00:00"
    assert experiment.capacity == 12


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"capacity": "-1"}, "Le nombre de places est un nombre entier de 0 à"),
        ({"capacity": "beaucoup"}, "Le nombre de places est un nombre entier de 0 à"),
        ({"ends_at": "2031-03-14T17:00"}, "La fin doit venir après le début."),
        ({"starts_at": "demain"}, "Saisissez une date et une heure"),
        ({"title": ""}, "Donnez un titre à l'expérimentation."),
        ({"method": "seance"}, "Choisissez l'une des options de la liste."),
        ({"location": ""}, "Indiquez le lieu"),
        ({"prototype_version_id": "999"}, "Choisissez l'une des options de la liste."),
    ],
)
def test_bad_input_is_refused(client, auth, agent, lab_problem, fetch, overrides, message):
    auth.login(agent)
    response = client.post(f"/experiments/new?idea={lab_problem.id}", data=form(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert count(fetch) == 0


def test_only_for_a_problem_the_lab_works_on(client, auth, agent, make_problem, fetch):
    proposed = make_problem(status=ProblemStatus.PROPOSED)
    auth.login(agent)
    assert client.post(f"/experiments/new?idea={proposed.id}", data=form()).status_code == 403
    assert count(fetch) == 0


@pytest.mark.parametrize(
    ("method", "moves"),
    [(Method.FIELD_EXPERIMENT, True), (Method.PROTOTYPE_TEST, True), (Method.SURVEY, False)],
)
def test_opening_a_field_test_moves_a_prototyping_problem(
    client, auth, agent, make_problem, make_experiment, get_problem, method, moves
):
    problem = make_problem(status=ProblemStatus.PROTOTYPING)
    experiment = make_experiment(status=ExperimentStatus.DRAFT, problem=problem, method=method)
    auth.login(agent)
    assert client.post(f"/experiments/{experiment.id}/open").status_code == 302
    expected = ProblemStatus.EXPERIMENTING if moves else ProblemStatus.PROTOTYPING
    assert get_problem(problem).status is expected
    timeline = text(client.get(f"/ideas/{problem.id}")).split('id="timeline"')[1]
    assert "Expérimentation ouverte" in timeline


def test_raising_capacity_promotes_the_waiting_list(
    client, auth, agent, make_user, make_experiment, join_as, sign_ups
):
    experiment = make_experiment(capacity=1)
    people = [make_user() for _ in range(4)]
    join_as(experiment, *people)
    auth.login(agent)
    assert (
        client.post(f"/experiments/{experiment.id}/capacity", data={"capacity": "3"}).status_code
        == 302
    )
    assert [status for _id, status in sign_ups(experiment)] == [
        "confirmed", "confirmed", "confirmed", "waiting",
    ]  # fmt: skip


def test_lowering_capacity_removes_nobody(
    client, auth, agent, make_user, make_experiment, join_as, sign_ups, get_experiment
):
    experiment = make_experiment(capacity=3)
    join_as(experiment, *[make_user() for _ in range(3)])
    auth.login(agent)
    client.post(f"/experiments/{experiment.id}/capacity", data={"capacity": "1"})
    assert [status for _id, status in sign_ups(experiment)] == ["confirmed"] * 3
    stored = get_experiment(experiment)
    assert (stored.capacity, stored.participants_count, stored.places_left) == (1, 3, 0)


def test_capacity_below_zero_is_refused(client, auth, agent, make_experiment, get_experiment):
    experiment = make_experiment(capacity=5)
    auth.login(agent)
    response = client.post(f"/experiments/{experiment.id}/capacity", data={"capacity": "-3"})
    assert response.status_code == 400
    assert "Le nombre de places est un nombre entier de 0 à" in text(response)
    assert get_experiment(experiment).capacity == 5


def test_results_wait_for_the_end_then_tell_participants(
    app, client, auth, agent, citizen, make_experiment, join_as, get_experiment
):
    experiment = make_experiment(starts_in=timedelta(hours=1))
    join_as(experiment, citizen)
    auth.login(agent)
    early = client.post(f"/experiments/{experiment.id}/results", data={"results": "Trop tôt"})
    assert early.status_code == 403
    with app.app_context():
        from platform.extensions import db

        stored = db.session.get(Experiment, experiment.id)
        stored.starts_at = utcnow() - timedelta(hours=3)
        stored.ends_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    assert (
        client.post(f"/experiments/{experiment.id}/results", data={"results": " "}).status_code
        == 400
    )
    told = []
    with results_published.connected_to(
        lambda _s, experiment, participant_ids, **_: told.extend(participant_ids)
    ):
        response = client.post(
            f"/experiments/{experiment.id}/results", data={"results": "- **11** sur 14"}
        )
    assert response.status_code == 302
    assert told == [citizen.id]
    assert get_experiment(experiment).status is ExperimentStatus.COMPLETED
    assert "<strong>11</strong> sur 14" in text(client.get(f"/experiments/{experiment.id}"))
    timeline = text(client.get(f"/ideas/{experiment.problem_id}")).split('id="timeline"')[1]
    assert "Résultats publiés" in timeline


def test_ics_file_parses_with_a_real_icalendar_parser(client, make_experiment):
    experiment = make_experiment(
        title="Atelier ; virgules, et \\ barres", location="Salle 2, mairie",
        starts_at=utcnow().replace(microsecond=0) + timedelta(days=3),
        ends_at=utcnow().replace(microsecond=0) + timedelta(days=3, hours=2),
    )  # fmt: skip
    response = client.get(f"/experiments/{experiment.id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.get_data())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Atelier ; virgules, et \\ barres"
    assert str(event["LOCATION"]) == "Salle 2, mairie"
    assert event.decoded("DTSTART") == experiment.starts_at
    assert event.decoded("DTEND") == experiment.ends_at
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(event["URL"]).endswith(f"/experiments/{experiment.id}")


def test_csv_lists_participants_then_waiting_list(
    client, auth, agent, make_user, make_experiment, join_as
):
    experiment = make_experiment(capacity=1)
    first = make_user(display_name="=HYPERLINK(evil)")
    second = make_user(display_name="Zoé Martin")
    join_as(experiment, first, second)
    auth.login(agent)
    response = client.get(f"/experiments/{experiment.id}/participants.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Nom", "Adresse e-mail", "Statut", "Position", "Date d'inscription"]
    assert rows[1][:4] == ["'=HYPERLINK(evil)", first.email, "Participant", ""]
    assert rows[2][:4] == ["Zoé Martin", second.email, "Liste d'attente", "1"]

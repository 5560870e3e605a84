"""Agents publish prototypes for selected problems; drafts stay with the lab."""

import pytest
from sqlalchemy import func, select

from platform.ideas.models import ProblemStatus, StatusChange
from platform.prototypes.models import Prototype, PrototypeStatus, Question
from tests.support.pages import text


def form(**overrides):
    data = {
        "title": "Fiche horaire en gros caractères",
        "summary": "Une fiche lisible à hauteur des yeux.",
        "description": "Nous testons une **nouvelle fiche**.",
        "questions-0-text": "Avez-vous trouvé l'information ?",
        "questions-0-kind": "scale",
        "questions-1-text": "Que manque-t-il ?",
        "questions-1-kind": "text",
    }
    for n in range(2, 5):
        data[f"questions-{n}-text"] = ""
        data[f"questions-{n}-kind"] = "text"
    data.update(overrides)
    return data


def count(fetch, model):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model)))


def test_agent_publishes_a_prototype_and_the_problem_moves_to_prototyping(
    client, auth, agent, selected_problem, get_problem, fetch
):
    auth.login(agent)
    response = client.post(
        f"/prototypes/new?idea={selected_problem.id}", data=form(action="publish")
    )
    assert response.status_code == 302
    prototype = fetch(lambda s: s.scalar(select(Prototype)))
    assert prototype.status is PrototypeStatus.OPEN and prototype.published_at is not None
    assert [q.text for q in fetch(lambda s: s.scalars(select(Question)).all())] == [
        "Avez-vous trouvé l'information ?",
        "Que manque-t-il ?",
    ]
    assert get_problem(selected_problem).status is ProblemStatus.PROTOTYPING
    [change] = fetch(lambda s: s.scalars(select(StatusChange)).all())
    assert (change.from_status, change.to_status) == (
        ProblemStatus.SELECTED,
        ProblemStatus.PROTOTYPING,
    )
    page = text(client.get(f"/ideas/{selected_problem.id}"))
    timeline = page.split('id="timeline"')[1]
    assert "Prototype publié" in timeline and prototype.title in timeline


def test_a_draft_is_seen_by_the_lab_only(client, auth, agent, citizen, make_prototype):
    draft = make_prototype(status=PrototypeStatus.DRAFT)
    assert client.get(f"/prototypes/{draft.id}").status_code == 404
    assert draft.title not in text(client.get("/prototypes/"))
    auth.login(citizen)
    assert client.get(f"/prototypes/{draft.id}").status_code == 404
    auth.logout()
    auth.login(agent)
    assert client.get(f"/prototypes/{draft.id}").status_code == 200
    assert draft.title in text(client.get("/prototypes/"))


def test_publishing_a_draft_later(
    client, auth, agent, make_prototype, get_prototype, selected_problem, get_problem
):
    draft = make_prototype(status=PrototypeStatus.DRAFT)
    assert get_problem(selected_problem).status is ProblemStatus.SELECTED
    auth.login(agent)
    assert client.post(f"/prototypes/{draft.id}/publish").status_code == 302
    assert get_prototype(draft).status is PrototypeStatus.OPEN
    assert get_problem(selected_problem).status is ProblemStatus.PROTOTYPING
    assert client.post(f"/prototypes/{draft.id}/publish").status_code == 403


def test_second_prototype_leaves_the_problem_where_it_is(
    client, auth, agent, make_prototype, selected_problem, get_problem, fetch
):
    make_prototype()
    make_prototype()
    assert get_problem(selected_problem).status is ProblemStatus.PROTOTYPING
    assert count(fetch, StatusChange) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Donnez un titre au prototype."),
        ({"title": "x" * 151}, "Saisissez 150 caractères au maximum."),
        ({"summary": ""}, "Résumez le prototype en une phrase."),
        ({"description": ""}, "Décrivez le prototype."),
        ({"questions-0-text": "", "questions-1-text": ""}, "Posez entre 1 et 5 questions"),
        ({"questions-0-text": "x" * 301}, "Saisissez 300 caractères au maximum."),
        ({"questions-0-kind": "dance"}, "Choisissez l'une des options de la liste."),
    ],
)
def test_bad_input_is_refused(client, auth, agent, selected_problem, fetch, overrides, message):
    auth.login(agent)
    response = client.post(f"/prototypes/new?idea={selected_problem.id}", data=form(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert count(fetch, Prototype) == 0


def test_prototype_only_for_a_selected_problem(client, auth, agent, make_problem, fetch):
    proposed = make_problem(status=ProblemStatus.PROPOSED)
    auth.login(agent)
    assert client.get(f"/prototypes/new?idea={proposed.id}").status_code == 403
    assert client.post(f"/prototypes/new?idea={proposed.id}", data=form()).status_code == 403
    assert client.get("/prototypes/new?idea=999999").status_code == 404
    assert client.get("/prototypes/new").status_code == 404
    assert count(fetch, Prototype) == 0


def test_list_shows_open_prototypes_first(client, make_prototype):
    closed = make_prototype(status=PrototypeStatus.CLOSED)
    opened = make_prototype()
    page = text(client.get("/prototypes/"))
    assert page.index(f"/prototypes/{opened.id}") < page.index(f"/prototypes/{closed.id}")


def test_problem_page_lists_its_prototypes(client, make_prototype, selected_problem):
    prototype = make_prototype()
    page = text(client.get(f"/ideas/{selected_problem.id}"))
    assert f'href="/prototypes/{prototype.id}"' in page


def test_agent_edits_and_closes(client, auth, agent, make_prototype, get_prototype, versions_of):
    prototype = make_prototype()
    auth.login(agent)
    data = {"title": "Nouveau titre", "summary": "Résumé.", "description": "Texte."}
    assert client.post(f"/prototypes/{prototype.id}/edit", data=data).status_code == 302
    assert get_prototype(prototype).title == "Nouveau titre"
    assert client.post(f"/prototypes/{prototype.id}/close").status_code == 302
    assert get_prototype(prototype).status is PrototypeStatus.CLOSED
    assert versions_of(prototype)[-1].closed_at is not None
    assert client.post(f"/prototypes/{prototype.id}/edit", data=data).status_code == 403
    assert client.post(f"/prototypes/{prototype.id}/close").status_code == 403

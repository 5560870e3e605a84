"""Moving problems through the lab's stages, with notes, and the public timeline."""

import pytest
from sqlalchemy import select

from platform.ideas.models import ProblemStatus, StatusChange
from tests.support.pages import text


def changes(fetch, problem):
    return fetch(
        lambda s: s.scalars(select(StatusChange).where(StatusChange.problem_id == problem.id)).all()
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ProblemStatus.PROPOSED, ProblemStatus.SELECTED),
        (ProblemStatus.SELECTED, ProblemStatus.PROTOTYPING),
        (ProblemStatus.PROTOTYPING, ProblemStatus.EXPERIMENTING),
        (ProblemStatus.EXPERIMENTING, ProblemStatus.ADOPTED),
    ],
)
def test_agent_moves_a_problem_forward(
    client, auth, agent, make_problem, get_problem, fetch, start, target
):
    problem = make_problem(status=start)
    auth.login(agent)
    response = client.post(
        f"/ideas/{problem.id}/status", data={"status": target.value, "note": "Bonne nouvelle."}
    )
    assert response.status_code == 302
    assert get_problem(problem).status is target
    [change] = changes(fetch, problem)
    assert (change.from_status, change.to_status, change.actor_id, change.note) == (
        start,
        target,
        agent.id,
        "Bonne nouvelle.",
    )


def test_timeline_shows_proposal_and_changes_with_notes(client, auth, agent, make_problem):
    problem = make_problem()
    auth.login(agent)
    client.post(
        f"/ideas/{problem.id}/status", data={"status": "selected", "note": "Retenu en mars."}
    )
    client.post(f"/ideas/{problem.id}/status", data={"status": "prototyping", "note": ""})
    auth.logout()
    page = text(client.get(f"/ideas/{problem.id}"))
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    assert (
        timeline.index("Proposé")
        < timeline.index("Retenu par le Lab")
        < timeline.index("Prototypage")
    )
    assert "Retenu en mars." in timeline
    assert agent.display_name in timeline


def test_not_retained_requires_a_note(client, auth, agent, make_problem, get_problem, fetch):
    problem = make_problem()
    auth.login(agent)
    response = client.post(
        f"/ideas/{problem.id}/status", data={"status": "not_retained", "note": " "}
    )
    assert response.status_code == 400
    assert "Expliquez cette décision dans une note publique." in text(response)
    assert get_problem(problem).status is ProblemStatus.PROPOSED
    assert changes(fetch, problem) == []
    response = client.post(
        f"/ideas/{problem.id}/status",
        data={"status": "not_retained", "note": "Hors du champ de la ville."},
    )
    assert get_problem(problem).status is ProblemStatus.NOT_RETAINED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ProblemStatus.PROPOSED, "adopted"),
        (ProblemStatus.PROPOSED, "prototyping"),
        (ProblemStatus.SELECTED, "proposed"),
        (ProblemStatus.ADOPTED, "not_retained"),
        (ProblemStatus.PROPOSED, "bogus"),
    ],
)
def test_transition_not_allowed_is_refused(
    client, auth, agent, make_problem, get_problem, fetch, start, target
):
    problem = make_problem(status=start)
    auth.login(agent)
    response = client.post(f"/ideas/{problem.id}/status", data={"status": target, "note": "x"})
    assert response.status_code in (400, 403)
    if response.status_code == 400:
        assert "Choisissez l'une des options de la liste." in text(response)
    assert get_problem(problem).status is start
    assert changes(fetch, problem) == []


def test_service_refuses_transition_with_a_message(app, agent, make_problem):
    from platform.ideas import services

    problem = make_problem()
    with app.test_request_context():
        from platform.extensions import db
        from platform.ideas.models import Problem

        loaded = db.session.get(Problem, problem.id)
        with pytest.raises(services.ProblemError) as refused:
            services.change_status(agent, loaded, "adopted")
        assert "« Proposé » ne peut pas passer à « Adopté »" in str(refused.value.message)


def test_overlong_note_is_refused(client, auth, agent, make_problem, get_problem):
    problem = make_problem()
    auth.login(agent)
    response = client.post(
        f"/ideas/{problem.id}/status", data={"status": "selected", "note": "x" * 2001}
    )
    assert response.status_code == 400
    assert get_problem(problem).status is ProblemStatus.PROPOSED


def test_citizen_cannot_change_status(client, auth, citizen, make_problem, get_problem):
    problem = make_problem(author=citizen)
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/status", data={"status": "selected"})
    assert response.status_code == 403
    assert get_problem(problem).status is ProblemStatus.PROPOSED


def test_author_edits_until_selection(client, auth, citizen, make_problem, get_problem, theme):
    problem = make_problem(author=citizen)
    auth.login(citizen)
    form = {
        "title": "Titre corrigé",
        "description": "Nouvelle description.",
        "theme": theme.id,
        "district": 0,
    }
    assert client.get(f"/ideas/{problem.id}/edit").status_code == 200
    assert client.post(f"/ideas/{problem.id}/edit", data=form).status_code == 302
    stored = get_problem(problem)
    assert stored.title == "Titre corrigé"
    assert stored.search_text == "titre corrige\nnouvelle description."


def test_editing_after_selection_is_refused_with_the_reason(
    client, auth, citizen, make_problem, get_problem, theme
):
    problem = make_problem(author=citizen, status=ProblemStatus.SELECTED)
    auth.login(citizen)
    response = client.post(
        f"/ideas/{problem.id}/edit",
        data={"title": "Autre", "description": "Autre.", "theme": theme.id, "district": 0},
    )
    assert response.status_code == 403
    assert "Un problème ne peut plus être modifié une fois retenu par le Lab." in text(response)
    assert get_problem(problem).title == problem.title


def test_edit_refuses_bad_input(client, auth, citizen, make_problem, get_problem, theme):
    problem = make_problem(author=citizen)
    auth.login(citizen)
    response = client.post(
        f"/ideas/{problem.id}/edit", data={"title": "", "description": "x", "theme": theme.id}
    )
    assert response.status_code == 400
    assert get_problem(problem).title == problem.title


def test_author_withdraws_then_it_leaves_the_list(client, auth, citizen, make_problem, get_problem):
    problem = make_problem(author=citizen, title="Banc manquant devant la poste")
    auth.login(citizen)
    assert client.post(f"/ideas/{problem.id}/withdraw").status_code == 302
    assert get_problem(problem).status is ProblemStatus.WITHDRAWN
    assert "Banc manquant" not in text(client.get("/ideas/"))
    assert "Retiré" in text(client.get(f"/ideas/{problem.id}"))


def test_withdrawing_after_selection_is_refused(client, auth, citizen, make_problem, get_problem):
    problem = make_problem(author=citizen, status=ProblemStatus.SELECTED)
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/withdraw")
    assert response.status_code == 403
    assert "ne peut plus être retiré" in text(response)
    assert get_problem(problem).status is ProblemStatus.SELECTED


def test_someone_else_cannot_edit_or_withdraw(client, auth, make_user, make_problem, get_problem):
    problem = make_problem()
    auth.login(make_user())
    assert client.get(f"/ideas/{problem.id}/edit").status_code == 403
    assert client.post(f"/ideas/{problem.id}/withdraw").status_code == 403
    assert get_problem(problem).status is ProblemStatus.PROPOSED

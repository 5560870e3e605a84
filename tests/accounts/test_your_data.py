"""/account/export and /account/delete: an account's own data, downloaded or erased."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import MetaData, Table, inspect, select

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.experiments.models import Experiment, SignUp, SignUpStatus
from platform.extensions import db
from platform.ideas.models import Follow, Problem, ProblemStatus, Support
from platform.moderation.models import ModerationAction
from platform.prototypes import services as prototype_services
from platform.prototypes.models import Feedback, Prototype
from platform.roles import Role
from tests.support.pages import text as page_text

NAME = "Zéphyrine Quillard-Testeuse"
EMAIL = "zephyrine.quillard@example.net"


@pytest.fixture
def person(make_user):
    return make_user(Role.CITIZEN, email=EMAIL, display_name=NAME, locale="es")


@pytest.fixture
def contributions(app, client, auth, person, make_user, make_problem, make_prototype):
    """The person proposes, comments, replies, supports, follows, tests and reports."""
    other = make_user()
    own = make_problem(author=person, title="Bancs manquants au parc Borély")
    theirs = make_problem(author=other, title="Trottoirs encombrés rue Paradis")
    prototype = make_prototype()
    auth.login(person)
    assert client.post(f"/ideas/{theirs.id}/support").status_code == 302
    assert client.post(f"/ideas/{theirs.id}/follow").status_code == 302
    client.post(f"/ideas/{theirs.id}/comments", data={"body": "Même constat près de l'école."})
    with app.app_context():
        comment_id = db.session.scalar(select(Comment.id).where(Comment.author_id == person.id))
        prototype_services.give_feedback(
            db.session.get(User, person.id),
            db.session.get(Prototype, prototype.id),
            rating=4,
            answers={},
            comment="Plus lisible, merci.",
        )
        db.session.commit()
    client.post(
        "/moderation/report",
        data={"target_type": "idea", "target_id": str(theirs.id), "reason": "off_topic"},
    )
    return {"own": own, "theirs": theirs, "comment_id": comment_id, "prototype": prototype}


def test_export_is_a_json_file_of_everything_the_account_did(client, auth, person, contributions):
    auth.login(person)
    response = client.get("/account/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == EMAIL
    assert data["account"]["display_name"] == NAME
    assert data["account"]["language"] == "es"
    assert [p["title"] for p in data["problems"]] == ["Bancs manquants au parc Borély"]
    assert [c["body"] for c in data["comments"]] == ["Même constat près de l'école."]
    assert [s["problem_id"] for s in data["supports"]] == [contributions["theirs"].id]
    assert [f["problem_id"] for f in data["follows"]] == [contributions["theirs"].id]
    assert [(f["rating"], f["comment"]) for f in data["feedback"]] == [(4, "Plus lisible, merci.")]
    assert [(r["target_id"], r["reason"]) for r in data["reports"]] == [
        (contributions["theirs"].id, "off_topic")
    ]
    # Nothing of anybody else's.
    assert "Trottoirs encombrés" not in json.dumps(data["problems"])


def test_export_and_delete_need_a_signed_in_account(client):
    for path in ("/account/export", "/account/delete"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_the_account_page_links_to_export_and_delete(client, auth, person):
    auth.login(person)
    page = page_text(client.get("/account/"))
    assert "Descargar mis datos (JSON)" in page  # the person chose Spanish
    assert "Eliminar mi cuenta" in page


def test_a_wrong_password_deletes_nothing(client, auth, person, contributions, fetch):
    auth.login(person)
    response = client.post("/account/delete", data={"password": "not the password"})
    assert response.status_code == 400
    assert "Tu contraseña no es correcta." in page_text(response)
    stored = fetch(lambda s: s.get(User, person.id))
    assert (stored.email, stored.display_name, stored.deleted_at) == (EMAIL, NAME, None)
    assert client.get("/account/").status_code == 200  # still signed in


def test_an_empty_password_is_asked_for(client, auth, person, fetch):
    auth.login(person)
    response = client.post("/account/delete", data={"password": ""})
    assert response.status_code == 400
    assert "Escribe tu contraseña para confirmar." in page_text(response)
    assert fetch(lambda s: s.get(User, person.id)).deleted_at is None


def delete(client, auth, person):
    auth.login(person)
    return client.post("/account/delete", data={"password": "correct horse battery"})


def test_deleting_leaves_no_personal_data_anywhere_in_the_database(
    app, client, auth, person, contributions
):
    response = delete(client, auth, person)
    assert response.status_code == 302
    assert "Votre compte est supprimé" in page_text(client.get("/"))
    with app.app_context():
        connection = db.session.connection()
        found = []
        for name in inspect(connection).get_table_names():
            table = Table(name, MetaData(), autoload_with=connection)
            for row in connection.execute(select(table)):
                for value in row:
                    if isinstance(value, str) and (EMAIL in value or NAME in value):
                        found.append((name, value))
        assert found == []


def test_contributions_stay_readable_under_deleted_account(
    client, auth, person, contributions, fetch
):
    delete(client, auth, person)
    own = page_text(client.get(f"/ideas/{contributions['own'].id}"))
    assert "Bancs manquants au parc Borély" in own
    assert "Compte supprimé" in own
    theirs = page_text(client.get(f"/ideas/{contributions['theirs'].id}"))
    assert "Même constat près de l'école." in theirs
    assert NAME not in theirs
    comment = fetch(lambda s: s.get(Comment, contributions["comment_id"]))
    assert (comment.author_id, comment.deleted_at) == (None, None)
    feedback = fetch(lambda s: s.scalars(select(Feedback)).all())
    assert [(f.user_id, f.comment) for f in feedback] == [(None, "Plus lisible, merci.")]


def test_supports_still_count_and_follows_are_dropped(client, auth, person, contributions, fetch):
    theirs = contributions["theirs"].id
    delete(client, auth, person)
    problem = fetch(lambda s: s.get(Problem, theirs))
    supports = fetch(lambda s: s.scalars(select(Support).where(Support.problem_id == theirs)).all())
    follows = fetch(lambda s: s.scalars(select(Follow).where(Follow.user_id == person.id)).all())
    assert problem.supports_count == len(supports) == 1
    assert follows == []
    # The comment made the author of `theirs` follow it, and the person followed it: one left.
    assert problem.followers_count == fetch(
        lambda s: len(s.scalars(select(Follow).where(Follow.problem_id == theirs)).all())
    )


def test_deleting_signs_out_everywhere_and_the_old_credentials_open_nothing(
    app, client, auth, person
):
    other_device = app.test_client()
    auth_other = type(auth)(other_device)
    auth_other.login(person)
    assert other_device.get("/account/").status_code == 200
    delete(client, auth, person)
    assert client.get("/account/").status_code == 302
    assert other_device.get("/account/").status_code == 302
    response = auth.login(EMAIL)
    assert response.status_code == 400
    assert "L'adresse e-mail ou le mot de passe est incorrect." in page_text(response)


def test_the_address_can_be_used_again_for_a_new_account(client, auth, person):
    delete(client, auth, person)
    response = client.post(
        "/auth/register",
        data={
            "email": EMAIL,
            "display_name": "Zéphyrine",
            "password": "trois mots simples",
            "terms": "y",
        },
    )
    assert response.status_code == 302


def test_places_are_given_back_and_the_waiting_list_moves_up(
    client,
    auth,
    person,
    make_user,
    make_experiment,
    join_as,
    fetch,
):
    experiment = make_experiment(capacity=1)
    waiting = make_user()
    join_as(experiment, person, waiting)
    delete(client, auth, person)
    stored = fetch(lambda s: s.get(Experiment, experiment.id))
    assert (stored.participants_count, stored.waiting_count) == (1, 0)
    query = select(SignUp.user_id, SignUp.status).where(SignUp.experiment_id == experiment.id)
    assert fetch(lambda s: s.execute(query).all()) == [(waiting.id, SignUpStatus.CONFIRMED)]


def test_a_place_in_an_experiment_that_has_started_stays(
    app,
    client,
    auth,
    person,
    make_experiment,
    join_as,
    fetch,
):
    experiment = make_experiment(capacity=3)
    join_as(experiment, person)
    with app.app_context():
        started = db.session.get(Experiment, experiment.id)
        started.starts_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    delete(client, auth, person)
    stored = fetch(lambda s: s.get(Experiment, experiment.id))
    assert stored.participants_count == 1
    page = page_text(client.get(f"/experiments/{experiment.id}"))
    assert NAME not in page and EMAIL not in page


def test_the_only_administrator_cannot_leave_the_platform_without_one(
    client, auth, admin, make_user, fetch
):
    auth.login(admin)
    response = client.post("/account/delete", data={"password": "correct horse battery"})
    assert response.status_code == 400
    assert "seul compte administrateur" in page_text(response)
    assert fetch(lambda s: s.get(User, admin.id)).deleted_at is None
    make_user(Role.ADMIN)
    response = client.post("/account/delete", data={"password": "correct horse battery"})
    assert response.status_code == 302
    assert fetch(lambda s: s.get(User, admin.id)).role is Role.CITIZEN


def test_a_deleted_moderator_stays_in_the_log_as_deleted_account(
    app, client, auth, make_user, moderator, make_problem, fetch
):
    problem = make_problem(status=ProblemStatus.PROPOSED)
    auth.login(moderator)
    response = client.post(
        "/moderation/hide",
        data={"target_type": "idea", "target_id": str(problem.id), "reason": "Hors sujet"},
    )
    assert response.status_code in (302, 303)
    client.post("/account/delete", data={"password": "correct horse battery"})
    other = make_user(Role.MODERATOR)
    auth.login(other)
    log = page_text(client.get("/moderation/log"))
    assert "Compte supprimé" in log
    actions = fetch(lambda s: s.scalars(select(ModerationAction)).all())
    assert [a.actor_id for a in actions] == [moderator.id]


def test_deleted_accounts_are_not_listed_to_administrators(client, auth, person, admin, make_user):
    delete(client, auth, person)
    auth.login(admin)
    page = page_text(client.get("/admin/users"))
    assert "deleted.invalid" not in page
    assert client.post(f"/admin/users/{person.id}/role", data={"role": "agent"}).status_code == 404

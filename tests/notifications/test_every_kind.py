"""Every kind of notification reads as a sentence and leads to the page of what happened."""

from datetime import timedelta

from sqlalchemy import select

from platform.comments.services import post_comment
from platform.database import utcnow
from platform.experiments import services as experiments
from platform.experiments.models import Experiment, Method
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.moderation import services as moderation
from platform.notifications.models import Notification
from platform.prototypes import services as prototypes
from platform.prototypes.models import QuestionKind
from platform.roles import Role
from tests.support.pages import text

NBSP = "\u00a0"


def quoted(title):
    return f"«{NBSP}{title}{NBSP}»"


def test_each_kind_is_listed_and_opens_its_page(app, client, auth, make_user, make_problem, fetch):
    camille = make_user(display_name="Camille")
    yanis = make_user(display_name="Yanis")
    agent = make_user(Role.AGENT, display_name="Sophie")
    moderator = make_user(Role.MODERATOR)
    problem = make_problem(author=camille, title="Bancs cassés")
    start = utcnow() + timedelta(days=3)
    with app.test_request_context():
        target = db.session.get(Problem, problem.id)
        problems.follow_problem(camille, target)
        mine = post_comment(camille, target, "Il en manque trois.")
        post_comment(yanis, target, "Au square aussi.")
        reply = post_comment(yanis, target, "Je confirme.", mine.id)
        problems.change_status(agent, target, ProblemStatus.SELECTED)
        prototype = prototypes.create_prototype(
            agent, target, title="Banc modulable", summary="S", description="D",
            questions=[("Utile ?", QuestionKind.SCALE)],
        )  # fmt: skip
        prototypes.publish_prototype(agent, prototype)
        experiment = experiments.create_experiment(
            agent, target, method=Method.FIELD_EXPERIMENT, title="Test au square",
            description="D", involvement="I", location="Square", is_online=False,
            starts_at=start, ends_at=start + timedelta(hours=2), capacity=1,
        )  # fmt: skip
        experiments.open_experiment(agent, experiment)
        experiments.join_experiment(yanis, experiment)
        experiments.join_experiment(camille, experiment)
        experiments.leave_experiment(yanis, experiment)
        experiment = db.session.get(Experiment, experiment.id)
        experiment.starts_at, experiment.ends_at = utcnow() - timedelta(days=2), utcnow()
        experiments.publish_results(agent, experiment, "Adopté par les riverains.")
        moderation.hide_content(moderator, "comment", mine.id, "Adresse personnelle")
        moderation.hide_content(moderator, "idea", problem.id, "Doublon")
        moderation.restore_content(moderator, "idea", problem.id)
        db.session.commit()
        reply_id, prototype_id, experiment_id = reply.id, prototype.id, experiment.id
    expected = [
        (
            f"Yanis a commenté votre problème {quoted('Bancs cassés')}.",
            f"/ideas/{problem.id}?comment=",
        ),
        (
            f"Yanis a répondu à votre commentaire sur {quoted('Bancs cassés')}.",
            f"/ideas/{problem.id}?comment={reply_id}#c{reply_id}",
        ),
        (
            f"Le problème {quoted('Bancs cassés')} passe à une nouvelle étape : Retenu par le Lab.",
            f"/ideas/{problem.id}#timeline",
        ),
        (
            f"Un prototype est publié pour le problème {quoted('Bancs cassés')} : Banc modulable.",
            f"/prototypes/{prototype_id}",
        ),
        (
            "Une expérimentation est ouverte aux inscriptions pour le problème "
            f"{quoted('Bancs cassés')} : Test au square.",
            f"/experiments/{experiment_id}",
        ),
        (
            f"Une place s'est libérée : vous participez désormais à {quoted('Test au square')}.",
            f"/experiments/{experiment_id}",
        ),
        (
            f"Les résultats de {quoted('Test au square')} sont publiés.",
            f"/experiments/{experiment_id}",
        ),
        (
            f"L'équipe de modération a masqué votre commentaire sur {quoted('Bancs cassés')}. "
            "Motif : Adresse personnelle",
            f"/ideas/{problem.id}",
        ),
        (
            f"L'équipe de modération a masqué votre problème {quoted('Bancs cassés')}.",
            f"/ideas/{problem.id}",
        ),
        (
            f"L'équipe de modération a rétabli votre problème {quoted('Bancs cassés')}.",
            f"/ideas/{problem.id}",
        ),
    ]
    auth.login(camille)
    page = text(client.get("/notifications/"))
    ids = fetch(
        lambda s: s.scalars(
            select(Notification.id)
            .where(Notification.recipient_id == camille.id)
            .order_by(Notification.id)
        ).all()
    )
    # Publishing the prototype and opening the field experiment also moved the problem along.
    assert len(ids) == len(expected) + 2
    for sentence, _link in expected:
        assert sentence in page, sentence
    for notification_id in ids:
        location = client.get(f"/notifications/{notification_id}").headers["Location"]
        assert any(location.startswith(link) for _sentence, link in expected), location
    assert "Vous n'avez aucune notification non lue." in text(client.get("/notifications/"))

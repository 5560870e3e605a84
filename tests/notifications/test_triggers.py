"""Each thing that happens notifies the right people, once, and never the one who did it."""

from datetime import timedelta

from platform.comments.services import post_comment
from platform.database import utcnow
from platform.experiments import services as experiments
from platform.experiments.models import Experiment
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.moderation import services as moderation
from platform.prototypes import services as prototypes
from platform.prototypes.models import QuestionKind
from platform.roles import Role


def comment(app, author, problem, body="Bonne idée", parent=None):
    with app.test_request_context():
        posted = post_comment(
            author, db.session.get(Problem, problem.id), body, parent.id if parent else None
        )
        db.session.commit()
        db.session.refresh(posted)
        return posted


def test_a_comment_notifies_the_problems_author(app, make_user, make_problem, notified):
    author, reader = make_user(), make_user()
    problem = make_problem(author=author)
    posted = comment(app, reader, problem)
    assert notified(comment_id=posted.id) == [(author.id, "comment")]


def test_commenting_ones_own_problem_notifies_no_one(app, make_user, make_problem, notified):
    author = make_user()
    problem = make_problem(author=author)
    comment(app, author, problem)
    assert notified() == []


def test_a_reply_notifies_the_comments_author(app, make_user, make_problem, notified):
    author, first, second = make_user(), make_user(), make_user()
    problem = make_problem(author=author)
    parent = comment(app, first, problem)
    reply = comment(app, second, problem, "Je suis d'accord", parent=parent)
    assert sorted(notified(comment_id=reply.id)) == sorted(
        [(first.id, "reply"), (author.id, "comment")]
    )


def test_a_reply_to_the_problems_author_notifies_them_once(app, make_user, make_problem, notified):
    author, reader = make_user(), make_user()
    problem = make_problem(author=author)
    parent = comment(app, author, problem, "Précision de l'autrice")
    reply = comment(app, reader, problem, "Merci", parent=parent)
    assert notified(comment_id=reply.id) == [(author.id, "reply")]


def test_replying_to_oneself_notifies_no_one(app, make_user, make_problem, notified):
    author = make_user()
    problem = make_problem(author=author)
    parent = comment(app, author, problem)
    comment(app, author, problem, "Et j'ajoute", parent=parent)
    assert notified() == []


def test_a_status_change_notifies_followers_but_not_the_agent(
    app, agent, make_user, make_problem, follow, notified
):
    author, follower = make_user(), make_user()
    problem = make_problem(author=author)
    for user in (author, follower, agent):
        follow(user, problem)
    with app.test_request_context():
        problems.change_status(agent, db.session.get(Problem, problem.id), ProblemStatus.SELECTED)
        db.session.commit()
    assert sorted(notified(kind="status_changed")) == sorted(
        [(author.id, "status_changed"), (follower.id, "status_changed")]
    )


def test_withdrawing_tells_followers_not_the_author(app, make_user, make_problem, follow, notified):
    author, follower = make_user(), make_user()
    problem = make_problem(author=author)
    follow(author, problem)
    follow(follower, problem)
    with app.test_request_context():
        problems.withdraw_problem(author, db.session.get(Problem, problem.id))
        db.session.commit()
    assert notified() == [(follower.id, "status_changed")]


def test_a_published_prototype_notifies_followers(
    app, agent, make_user, make_problem, follow, notified
):
    follower = make_user()
    problem = make_problem(status=ProblemStatus.PROTOTYPING)
    follow(follower, problem)
    follow(agent, problem)
    with app.test_request_context():
        prototype = prototypes.create_prototype(
            agent, db.session.get(Problem, problem.id), title="Fiche", summary="S", description="D",
            questions=[("Utile ?", QuestionKind.SCALE)],
        )  # fmt: skip
        prototypes.publish_prototype(agent, prototype)
        db.session.commit()
    assert notified() == [(follower.id, "prototype_published")]


def test_an_opened_experiment_notifies_followers(
    agent, make_user, lab_problem, follow, make_experiment, notified
):
    follower = make_user()
    follow(follower, lab_problem)
    follow(agent, lab_problem)
    make_experiment()
    assert notified() == [(follower.id, "experiment_opened")]


def test_a_freed_place_notifies_the_next_on_the_waiting_list(
    app, make_user, make_experiment, join_as, notified
):
    first, second = make_user(), make_user()
    experiment = make_experiment(capacity=1)
    join_as(experiment, first, second)
    with app.test_request_context():
        experiments.leave_experiment(first, db.session.get(Experiment, experiment.id))
        db.session.commit()
    assert notified() == [(second.id, "place_freed")]


def test_results_notify_participants_and_followers_once_not_organisers(
    app, agent, make_user, lab_problem, follow, make_experiment, join_as, notified
):
    participant, follower, both = make_user(), make_user(), make_user()
    experiment = make_experiment()
    join_as(experiment, participant, both)
    for user in (follower, both, agent):
        follow(user, lab_problem)
    with app.test_request_context():
        stored = db.session.get(Experiment, experiment.id)
        stored.starts_at, stored.ends_at = (
            utcnow() - timedelta(days=2),
            utcnow() - timedelta(days=1),
        )
        experiments.publish_results(agent, stored, "Deux heures d'attente en moyenne.")
        db.session.commit()
    assert sorted(notified(kind="results_published")) == sorted(
        (user.id, "results_published") for user in (participant, follower, both)
    )


def test_a_moderator_who_publishes_results_is_not_told(
    app, moderator, make_user, lab_problem, follow, make_experiment, notified
):
    follower = make_user()
    experiment = make_experiment()
    for user in (follower, moderator):
        follow(user, lab_problem)
    with app.test_request_context():
        stored = db.session.get(Experiment, experiment.id)
        stored.starts_at, stored.ends_at = (
            utcnow() - timedelta(days=2),
            utcnow() - timedelta(days=1),
        )
        experiments.publish_results(moderator, stored, "Deux heures d'attente en moyenne.")
        db.session.commit()
    assert notified(kind="results_published") == [(follower.id, "results_published")]


def test_a_deleted_account_is_told_nothing_more(
    app, agent, make_user, lab_problem, follow, make_experiment, notified
):
    gone, follower = make_user(), make_user()
    for user in (gone, follower):
        follow(user, lab_problem)
    with app.app_context():
        db.session.get(type(gone), gone.id).deleted_at = utcnow()
        db.session.commit()
    make_experiment()
    assert notified(kind="experiment_opened") == [(follower.id, "experiment_opened")]


def hide(app, moderator, kind, item_id, reason="Propos injurieux"):
    with app.test_request_context():
        moderation.hide_content(moderator, kind, item_id, reason)
        db.session.commit()


def test_hiding_a_comment_tells_its_author_and_forgets_its_notifications(
    app, moderator, make_user, make_problem, notified, notifications
):
    author, writer = make_user(), make_user()
    problem = make_problem(author=author)
    posted = comment(app, writer, problem, "Quelle idée stupide")
    assert notified() == [(author.id, "comment")]
    hide(app, moderator, "comment", posted.id)
    assert notified() == [(writer.id, "content_hidden")]
    (hidden,) = notifications(writer)
    assert hidden.actor_id == moderator.id


def test_restoring_a_problem_tells_its_author(app, moderator, make_user, make_problem, notified):
    author = make_user()
    problem = make_problem(author=author)
    hide(app, moderator, "idea", problem.id)
    with app.test_request_context():
        moderation.restore_content(moderator, "idea", problem.id)
        db.session.commit()
    assert notified() == [(author.id, "content_hidden"), (author.id, "content_restored")]


def test_a_moderator_hiding_their_own_comment_is_not_told(app, make_user, make_problem, notified):
    moderator = make_user(Role.MODERATOR)
    problem = make_problem(author=moderator)
    posted = comment(app, moderator, problem)
    hide(app, moderator, "comment", posted.id)
    assert notified() == []


def test_a_refused_action_notifies_no_one(app, client, auth, make_user, make_problem, notified):
    author, reader = make_user(), make_user()
    problem = make_problem(author=author)
    auth.login(reader)
    response = client.post(f"/ideas/{problem.id}/comments", data={"body": ""})
    assert response.status_code == 400
    assert notified() == []


def test_comments_posted_through_the_page_notify(
    app, client, auth, make_user, make_problem, notified
):
    author, reader = make_user(), make_user()
    problem = make_problem(author=author)
    auth.login(reader)
    response = client.post(f"/ideas/{problem.id}/comments", data={"body": "Bravo"})
    assert response.status_code == 302
    assert notified() == [(author.id, "comment")]

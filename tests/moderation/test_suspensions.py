"""Suspended accounts read and sign in but contribute nothing until their suspension ends."""

from datetime import timedelta

import pytest
from flask_babel import format_datetime
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem, Support
from platform.moderation.models import ActionType, ModerationAction, TargetType
from platform.moderation.suspensions import (
    FOR_GOOD,
    SuspensionError,
    lift_suspension,
    suspend_account,
)
from platform.roles import Role
from tests.support.pages import text

PERMANENT = (
    "Your account is suspended permanently: you can read and sign in but not contribute. "
    "Reason: Spam links"
)


def run(app, service, actor, account, **kwargs):
    """Call a suspension service as a route would (English messages), and commit."""
    with app.test_request_context("/?lang=en"):
        result = service(db.session.get(User, actor.id), db.session.get(User, account.id), **kwargs)
        db.session.commit()
        return result


def suspend(app, actor, account, until=None, reason="Spam links", hide_content=False):
    return run(
        app, suspend_account, actor, account, until=until, reason=reason, hide_content=hide_content
    )


def refusal(app, service, actor, account, **kwargs):
    """The English message of a refused call."""
    with app.test_request_context("/?lang=en"):
        with pytest.raises(SuspensionError) as refused:
            service(db.session.get(User, actor.id), db.session.get(User, account.id), **kwargs)
        db.session.rollback()
        return str(refused.value.message)


def count(fetch, model, *where):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model).where(*where)))


def actions(fetch):
    return fetch(
        lambda s: [
            (a.action, a.target_type, a.target_id)
            for a in s.scalars(select(ModerationAction).order_by(ModerationAction.id))
        ]
    )


def account(fetch, user):
    return fetch(lambda s: s.get(User, user.id))


@pytest.fixture
def problem_form(theme):
    return {
        "title": "Les horaires des bus sont illisibles aux arrêts",
        "description": "Les fiches horaires sont trop petites et souvent effacées.",
        "theme": str(theme.id),
        "district": "0",
        "similar_checked": "1",
    }


def test_a_suspended_account_signs_in_and_reads(
    app, client, auth, moderator, citizen, make_problem
):
    problem = make_problem()
    suspend(app, moderator, citizen)
    assert auth.login(citizen).status_code == 302
    for path in ("/", "/ideas/", f"/ideas/{problem.id}", "/account/"):
        assert client.get(path).status_code == 200


def test_a_suspended_account_cannot_propose_support_or_comment(
    app, client, auth, moderator, citizen, make_problem, problem_form, fetch
):
    problem = make_problem()
    suspend(app, moderator, citizen)
    auth.login(citizen)
    before = [count(fetch, model) for model in (Problem, Support, Comment)]
    for path, data in (
        ("/ideas/new?lang=en", problem_form),
        (f"/ideas/{problem.id}/support?lang=en", {"state": "on"}),
        (f"/ideas/{problem.id}/comments?lang=en", {"body": "Achetez mes montres."}),
    ):
        response = client.post(path, data=data)
        assert response.status_code == 403
        assert PERMANENT in text(response)
    assert [count(fetch, model) for model in (Problem, Support, Comment)] == before


def test_a_suspended_account_can_sign_out_and_change_its_settings(
    app, client, auth, moderator, citizen
):
    suspend(app, moderator, citizen)
    auth.login(citizen)
    settings = {"display_name": "Camille", "locale": "en", "district": "0"}
    assert client.post("/account/", data=settings).status_code == 302
    assert auth.logout().status_code == 302
    assert client.get("/account/").status_code == 302  # signed out: asked to sign in


def test_suspension_for_good_is_stored_far_away_and_shown_as_permanent(
    app, client, auth, moderator, citizen, fetch
):
    suspend(app, moderator, citizen)
    stored = account(fetch, citizen)
    assert stored.suspended_until == FOR_GOOD
    assert stored.is_suspended
    auth.login(citizen)
    page = text(client.get("/?lang=en"))
    assert f'<p class="suspension-banner" role="status">{PERMANENT}</p>' in page


def test_suspension_until_a_date_shows_the_date_and_the_reason(
    app, client, auth, moderator, citizen, fetch
):
    until = utcnow() + timedelta(days=7)
    suspend(app, moderator, citizen, until=until, reason="Propos injurieux")
    assert account(fetch, citizen).suspended_until == until
    with app.test_request_context("/?lang=en"):
        date = format_datetime(until, "medium")
    auth.login(citizen)
    page = text(client.get("/?lang=en"))
    assert (
        f"Your account is suspended until {date}: you can read and sign in but not contribute. "
        "Reason: Propos injurieux"
    ) in page


def test_no_banner_for_an_account_in_good_standing(client, auth, citizen):
    auth.login(citizen)
    assert "suspension-banner" not in text(client.get("/"))


def test_the_account_contributes_again_once_its_suspension_has_ended(
    app, client, auth, moderator, citizen, make_problem, fetch
):
    problem = make_problem()
    suspend(app, moderator, citizen, until=utcnow() + timedelta(days=1))
    with app.app_context():
        db.session.get(User, citizen.id).suspended_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
    auth.login(citizen)
    assert "suspension-banner" not in text(client.get("/"))
    response = client.post(f"/ideas/{problem.id}/comments", data={"body": "Je suis de retour."})
    assert response.status_code == 302
    assert count(fetch, Comment) == 1


def test_lifting_a_suspension_lets_the_account_contribute_and_is_logged_once(
    app, client, auth, moderator, citizen, make_problem, fetch
):
    problem = make_problem()
    suspend(app, moderator, citizen)
    run(app, lift_suspension, moderator, citizen)
    stored = account(fetch, citizen)
    assert (stored.suspended_until, stored.suspension_reason) == (None, "")
    assert actions(fetch) == [
        (ActionType.SUSPEND, TargetType.ACCOUNT, citizen.id),
        (ActionType.UNSUSPEND, TargetType.ACCOUNT, citizen.id),
    ]
    auth.login(citizen)
    response = client.post(f"/ideas/{problem.id}/comments", data={"body": "Merci."})
    assert response.status_code == 302


def test_a_suspension_is_logged_once_with_its_reason_and_end(app, moderator, agent, fetch):
    until = utcnow() + timedelta(days=30)
    suspend(app, moderator, agent, until=until)
    [entry] = fetch(lambda s: s.scalars(select(ModerationAction)).all())
    assert (entry.action, entry.target_type, entry.target_id, entry.actor_id) == (
        ActionType.SUSPEND, TargetType.ACCOUNT, agent.id, moderator.id,
    )  # fmt: skip
    assert entry.reason == "Spam links"
    assert entry.details == f"until {until.isoformat()}; content not hidden"


def test_hiding_the_content_hides_every_problem_and_comment_in_one_action(
    app, moderator, citizen, make_user, make_problem, add_comments, fetch
):
    other = make_user()
    mine = [make_problem(author=citizen), make_problem(author=citizen)]
    theirs = make_problem(author=other)
    add_comments(theirs, [citizen, other], 4)  # two by the citizen, two by the other
    suspend(app, moderator, citizen, hide_content=True)
    problems = fetch(
        lambda s: {i.id: (i.is_hidden, i.hidden_reason) for i in s.scalars(select(Problem))}
    )
    assert problems == {
        mine[0].id: (True, "Spam links"),
        mine[1].id: (True, "Spam links"),
        theirs.id: (False, ""),
    }
    comments = fetch(
        lambda s: sorted(
            (c.author_id, c.is_hidden, c.hidden_reason) for c in s.scalars(select(Comment))
        )
    )
    assert comments == sorted([(citizen.id, True, "Spam links")] * 2 + [(other.id, False, "")] * 2)
    [entry] = fetch(lambda s: s.scalars(select(ModerationAction)).all())
    assert entry.details.endswith("content hidden: 2 problems, 2 comments, 0 feedback")


def test_content_already_hidden_keeps_its_reason(app, moderator, citizen, make_problem, fetch):
    problem = make_problem(author=citizen, is_hidden=True, hidden_reason="Doublon injurieux")
    suspend(app, moderator, citizen, hide_content=True)
    stored = fetch(lambda s: s.get(Problem, problem.id))
    assert (stored.is_hidden, stored.hidden_reason) == (True, "Doublon injurieux")


def test_without_hiding_the_content_stays_visible(app, moderator, citizen, make_problem, fetch):
    problem = make_problem(author=citizen)
    suspend(app, moderator, citizen)
    assert not fetch(lambda s: s.get(Problem, problem.id)).is_hidden


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_cannot_be_suspended(app, moderator, make_user, role, fetch):
    target = make_user(role)
    message = refusal(app, suspend_account, moderator, target, until=None, reason="Spam")
    assert message == (
        "Moderators and administrators cannot be suspended; change their role first."
    )
    assert account(fetch, target).suspended_until is None
    assert actions(fetch) == []


def test_nobody_suspends_their_own_account(app, moderator, fetch):
    message = refusal(app, suspend_account, moderator, moderator, until=None, reason="Spam")
    assert message == "You cannot suspend your own account."
    assert account(fetch, moderator).suspended_until is None
    assert actions(fetch) == []


@pytest.mark.parametrize(
    ("until", "reason", "message"),
    [
        (timedelta(minutes=-1), "Spam", "Choose an end in the future."),
        (None, "  ", "Give the reason, which the author will see."),
        (None, "x" * 1001, "At most 1000 characters."),
    ],
)
def test_a_suspension_needs_a_future_end_and_a_reason(
    app, moderator, citizen, until, reason, message, fetch
):
    until = utcnow() + until if until is not None else None
    assert refusal(app, suspend_account, moderator, citizen, until=until, reason=reason) == message
    assert account(fetch, citizen).suspended_until is None
    assert actions(fetch) == []


def test_lifting_needs_a_suspended_account(app, moderator, citizen, fetch):
    assert refusal(app, lift_suspension, moderator, citizen) == "This account is not suspended."
    assert actions(fetch) == []


def test_an_ended_suspension_cannot_be_lifted(app, moderator, citizen):
    suspend(app, moderator, citizen, until=utcnow() + timedelta(days=1))
    with app.app_context():
        db.session.get(User, citizen.id).suspended_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert refusal(app, lift_suspension, moderator, citizen) == "This account is not suspended."

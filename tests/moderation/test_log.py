"""Every moderation or administration action writes exactly one entry in an append-only log."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.moderation.models import ActionType, AppendOnlyError, ModerationAction
from tests.support.pages import text


def entries(fetch):
    return fetch(lambda s: s.scalars(select(ModerationAction).order_by(ModerationAction.id)).all())


def report(client, auth, make_user, problem, times):
    for _ in range(times):
        auth.login(make_user())
        client.post(
            "/moderation/report",
            data={"target_type": "idea", "target_id": problem.id, "reason": "spam"},
        )
        auth.logout()


def do_action(action, app, client, auth, make_user, make_problem, moderator, admin):
    """Perform one action of the given type through the platform; return who should be logged."""
    if action is ActionType.AUTO_HIDE:
        report(client, auth, make_user, make_problem(), 3)
        return None
    if action is ActionType.CHANGE_ROLE:
        auth.login(admin)
        client.post(f"/admin/users/{make_user().id}/role", data={"role": "agent"})
        return admin
    problem = make_problem()
    if action in (ActionType.RESTORE, ActionType.DISMISS):
        report(client, auth, make_user, problem, 1)
        with app.app_context():
            from platform.ideas.models import Problem

            db.session.get(Problem, problem.id).is_hidden = True
            db.session.commit()
    if action is ActionType.PUBLISH:
        with app.app_context():
            from platform.ideas.models import Problem

            db.session.get(Problem, problem.id).status = ProblemStatus.PENDING
            db.session.commit()
    target = make_user()
    if action is ActionType.UNSUSPEND:
        with app.app_context():
            from platform.accounts.models import User

            db.session.get(User, target.id).suspended_until = utcnow() + timedelta(days=1)
            db.session.commit()
    auth.login(moderator)
    target_data = {"target_type": "idea", "target_id": problem.id, "reason": "Raison"}
    requests = {
        ActionType.HIDE: ("/moderation/hide", target_data),
        ActionType.RESTORE: ("/moderation/restore", target_data),
        ActionType.DISMISS: ("/moderation/dismiss", target_data),
        ActionType.PUBLISH: (f"/moderation/ideas/{problem.id}/publish", {}),
        ActionType.CHANGE_STATUS: (
            f"/ideas/{problem.id}/status",
            {"status": "selected", "note": ""},
        ),
        ActionType.MERGE: (
            f"/moderation/ideas/{problem.id}/merge",
            {"target_id": str(make_problem().id), "note": "Doublon"},
        ),
        ActionType.SUSPEND: (
            f"/moderation/accounts/{target.id}/suspend",
            {"duration": "7", "reason": "Spam répété"},
        ),
        ActionType.UNSUSPEND: (f"/moderation/accounts/{target.id}/unsuspend", {}),
    }
    path, data = requests[action]
    response = client.post(path, data=data)
    assert response.status_code == 302, (action, response.status_code)
    return moderator


@pytest.mark.parametrize("action", list(ActionType))
def test_each_action_writes_exactly_one_entry(
    app, client, auth, make_user, make_problem, moderator, admin, fetch, action
):
    actor = do_action(action, app, client, auth, make_user, make_problem, moderator, admin)
    logged = entries(fetch)
    assert [entry.action for entry in logged] == [action]
    assert logged[0].actor_id == (actor.id if actor else None)


def test_the_log_cannot_be_changed_or_deleted(app, client, auth, moderator, make_problem, fetch):
    problem = make_problem()
    auth.login(moderator)
    client.post(
        "/moderation/hide", data={"target_type": "idea", "target_id": problem.id, "reason": "Spam"}
    )
    with app.app_context():
        entry = db.session.scalar(select(ModerationAction))
        entry.reason = "rewritten"
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
        entry = db.session.scalar(select(ModerationAction))
        db.session.delete(entry)
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
    assert [e.reason for e in entries(fetch)] == ["Spam"]


def test_log_page_lists_and_filters(client, auth, moderator, make_problem):
    first, second = make_problem(), make_problem()
    auth.login(moderator)
    client.post(
        "/moderation/hide",
        data={"target_type": "idea", "target_id": first.id, "reason": "Insultes"},
    )
    client.post(f"/ideas/{second.id}/status", data={"status": "selected", "note": ""})
    page = text(client.get("/moderation/log"))
    assert "Insultes" in page and f"idea #{first.id}" in page and f"idea #{second.id}" in page
    filtered = text(client.get("/moderation/log?action=hide"))
    assert f"idea #{first.id}" in filtered and f"idea #{second.id}" not in filtered


def test_public_stats_show_moderation_actions_per_month(client, auth, moderator, make_problem):
    problem = make_problem()
    auth.login(moderator)
    client.post(
        "/moderation/hide", data={"target_type": "idea", "target_id": problem.id, "reason": "Spam"}
    )
    auth.logout()
    page = text(client.get("/stats"))
    month = utcnow().strftime("%Y-%m")
    assert month in page

"""Reports, automatic hiding after N distinct reports, and moderators' decisions."""

import pytest
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.moderation import services
from platform.moderation.models import ActionType, ModerationAction, Report
from tests.support.pages import text


def report(client, kind, target_id, reason="spam", note=""):
    return client.post(
        "/moderation/report",
        data={"target_type": kind, "target_id": str(target_id), "reason": reason, "note": note},
    )


def count(fetch, model, *where):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model).where(*where)))


def log_actions(fetch):
    return fetch(
        lambda s: [
            a.action for a in s.scalars(select(ModerationAction).order_by(ModerationAction.id))
        ]
    )


def test_a_citizen_reports_a_problem(client, auth, citizen, make_problem, fetch):
    problem = make_problem()
    auth.login(citizen)
    response = report(client, "idea", problem.id, "offensive")
    assert response.status_code == 302
    [stored] = fetch(lambda s: s.scalars(select(Report)).all())
    assert (stored.target_type.value, stored.target_id, stored.reason.value) == (
        "idea",
        problem.id,
        "offensive",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "boring"}, "Choisissez l'une des options de la liste."),
        ({"reason": "other", "note": ""}, "Dites ce qui ne va pas dans cette contribution."),
        ({"target_type": "idea", "target_id": "999999"}, "Cette contribution n'existe pas."),
        ({"target_type": "planet", "target_id": "1"}, "Cette contribution n'existe pas."),
    ],
)
def test_bad_reports_are_refused(client, auth, citizen, make_problem, fetch, data, message):
    problem = make_problem()
    auth.login(citizen)
    response = client.post(
        "/moderation/report",
        data={"target_type": "idea", "target_id": str(problem.id), "reason": "spam", **data},
    )
    assert response.status_code == 400
    assert message in text(response)
    assert count(fetch, Report) == 0


def test_own_contribution_cannot_be_reported(client, auth, citizen, make_problem, fetch):
    problem = make_problem(author=citizen)
    auth.login(citizen)
    assert report(client, "idea", problem.id).status_code == 400
    assert count(fetch, Report) == 0


def test_third_distinct_report_hides_and_a_repeat_does_not_count(
    client, auth, make_user, make_problem, get_problem, fetch
):
    problem = make_problem(title="Publicité pour des montres")
    first, second, third = make_user(), make_user(), make_user()
    auth.login(first)
    report(client, "idea", problem.id)
    assert report(client, "idea", problem.id).status_code == 400  # the same account again
    auth.logout()
    auth.login(second)
    report(client, "idea", problem.id)
    assert get_problem(problem).is_hidden is False
    auth.logout()
    auth.login(third)
    report(client, "idea", problem.id)
    assert get_problem(problem).is_hidden is True
    assert log_actions(fetch) == [ActionType.AUTO_HIDE]
    auth.logout()
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Publicité pour des montres" not in page
    assert "Masqué par la modération" in page
    assert "Publicité pour des montres" not in text(client.get("/ideas/"))


def test_threshold_is_configurable(app, client, auth, make_user, make_problem, get_problem):
    app.config["MODERATION_AUTO_HIDE_REPORTS"] = 1
    problem = make_problem()
    auth.login(make_user())
    report(client, "idea", problem.id)
    assert get_problem(problem).is_hidden is True


def test_moderator_hides_with_a_reason_the_author_sees(
    client, auth, moderator, make_user, make_problem, get_problem, fetch
):
    author = make_user()
    problem = make_problem(author=author, title="Titre injurieux")
    auth.login(moderator)
    response = client.post(
        "/moderation/hide",
        data={"target_type": "idea", "target_id": problem.id, "reason": "Insultes"},
    )
    assert response.status_code == 302
    assert get_problem(problem).is_hidden and get_problem(problem).hidden_reason == "Insultes"
    assert "Titre injurieux" in text(client.get(f"/ideas/{problem.id}"))  # moderators still see it
    auth.logout()
    auth.login(author)
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Insultes" in page and "Titre injurieux" not in page.split("<main")[1]
    assert log_actions(fetch) == [ActionType.HIDE]


def test_hide_needs_a_reason(client, auth, moderator, make_problem, get_problem, fetch):
    problem = make_problem()
    auth.login(moderator)
    response = client.post(
        "/moderation/hide", data={"target_type": "idea", "target_id": problem.id}
    )
    assert response.status_code == 400
    assert get_problem(problem).is_hidden is False
    assert log_actions(fetch) == []


def test_restore_brings_the_item_back_and_closes_reports(
    client, auth, moderator, make_user, make_problem, get_problem, fetch
):
    problem = make_problem(title="Faux positif")
    for _ in range(3):
        auth.login(make_user())
        report(client, "idea", problem.id)
        auth.logout()
    assert get_problem(problem).is_hidden
    auth.login(moderator)
    client.post("/moderation/restore", data={"target_type": "idea", "target_id": problem.id})
    assert get_problem(problem).is_hidden is False
    assert count(fetch, Report, Report.resolved_at.is_(None)) == 0
    auth.logout()
    assert "Faux positif" in text(client.get("/ideas/"))


def test_dismissing_reports_shows_again_an_automatically_hidden_item(
    client, auth, moderator, make_user, make_problem, get_problem, fetch
):
    problem = make_problem()
    for _ in range(3):
        auth.login(make_user())
        report(client, "idea", problem.id)
        auth.logout()
    auth.login(moderator)
    client.post("/moderation/dismiss", data={"target_type": "idea", "target_id": problem.id})
    assert get_problem(problem).is_hidden is False
    assert log_actions(fetch) == [ActionType.AUTO_HIDE, ActionType.DISMISS]
    response = client.post(
        "/moderation/dismiss", data={"target_type": "idea", "target_id": problem.id}
    )
    assert response.status_code == 400  # nothing left to dismiss


def test_reported_comment_is_hidden_with_a_tombstone(
    client, auth, moderator, make_user, make_problem, add_comments, fetch
):
    problem = make_problem()
    author = make_user()
    add_comments(problem, [author], 2)
    first = fetch(lambda s: s.scalars(select(Comment).order_by(Comment.id)).first())
    auth.login(moderator)
    client.post(
        "/moderation/hide", data={"target_type": "comment", "target_id": first.id, "reason": "Spam"}
    )
    auth.logout()
    page = text(client.get(f"/ideas/{problem.id}"))
    assert "Commentaire 0" not in page and "Commentaire 1" in page
    assert "Masqué par la modération" in page


def test_queue_lists_items_by_number_of_reports(client, auth, moderator, make_user, make_problem):
    once, twice = make_problem(title="Une fois"), make_problem(title="Deux fois")
    for problem, times in ((once, 1), (twice, 2)):
        for _ in range(times):
            auth.login(make_user())
            report(client, "idea", problem.id, "off_topic")
            auth.logout()
    auth.login(moderator)
    page = text(client.get("/moderation/"))
    assert page.index("Deux fois") < page.index("Une fois")
    assert "Hors sujet" in page


def test_bulk_hide_for_a_spam_wave(
    client, auth, moderator, make_user, make_problem, get_problem, fetch
):
    spam = [make_problem(title=f"Promo {n}") for n in range(3)]
    for problem in spam:
        auth.login(make_user())
        report(client, "idea", problem.id)
        auth.logout()
    auth.login(moderator)
    response = client.post(
        "/moderation/bulk",
        data={"action": "hide", "reason": "Spam", "targets": [f"idea:{i.id}" for i in spam]},
    )
    assert response.status_code == 302
    assert all(get_problem(i).is_hidden for i in spam)
    assert log_actions(fetch) == [ActionType.HIDE] * 3


def test_bulk_refuses_an_unknown_action_and_changes_nothing(
    client, auth, moderator, make_problem, get_problem
):
    problem = make_problem()
    auth.login(moderator)
    response = client.post(
        "/moderation/bulk", data={"action": "burn", "targets": [f"idea:{problem.id}"]}
    )
    assert response.status_code == 400
    assert get_problem(problem).is_hidden is False


@pytest.fixture
def app_config(request):
    return {"PRE_MODERATION": True} if "premoderation" in request.keywords else {}


@pytest.mark.premoderation
def test_pre_moderation_queue_and_publication(
    client, auth, citizen, moderator, theme, fetch, get_problem
):
    from platform.ideas.models import Problem

    auth.login(citizen)
    client.post(
        "/ideas/new",
        data={
            "title": "En attente",
            "description": "x",
            "theme": theme.id,
            "district": 0,
            "similar_checked": "1",
        },
    )
    problem = fetch(lambda s: s.scalar(select(Problem)))
    assert problem.status is ProblemStatus.PENDING
    auth.logout()
    auth.login(moderator)
    assert "En attente" in text(client.get("/moderation/"))
    assert client.post(f"/moderation/ideas/{problem.id}/publish").status_code == 302
    assert get_problem(problem).status is ProblemStatus.PROPOSED
    assert log_actions(fetch) == [ActionType.PUBLISH]
    assert client.post(f"/moderation/ideas/{problem.id}/publish").status_code == 400


def test_status_change_by_a_moderator_is_logged_not_by_an_agent(
    client, auth, moderator, agent, make_problem, fetch
):
    first, second = make_problem(), make_problem()
    auth.login(agent)
    client.post(f"/ideas/{first.id}/status", data={"status": "selected", "note": ""})
    auth.logout()
    auth.login(moderator)
    client.post(f"/ideas/{second.id}/status", data={"status": "not_retained", "note": "Doublon."})
    assert log_actions(fetch) == [ActionType.CHANGE_STATUS]


def test_role_change_is_logged(client, auth, admin, citizen, fetch):
    auth.login(admin)
    client.post(f"/admin/users/{citizen.id}/role", data={"role": "moderator"})
    [entry] = fetch(lambda s: s.scalars(select(ModerationAction)).all())
    assert (entry.action, entry.actor_id, entry.target_id) == (
        ActionType.CHANGE_ROLE,
        admin.id,
        citizen.id,
    )
    assert entry.details == "citizen → moderator"


def test_bulk_is_all_or_nothing(app, moderator, make_problem, get_problem, fetch):
    problem = make_problem()
    with app.test_request_context():
        actor = db.session.get(User, moderator.id)
        with pytest.raises(services.ModerationError):
            services.bulk(actor, "hide", [f"idea:{problem.id}", "idea:999999"], "Spam")
        db.session.commit()  # what a caller would commit after the refusal
    assert get_problem(problem).is_hidden is False
    assert log_actions(fetch) == []

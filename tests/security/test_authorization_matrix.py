"""Every route × every role: who gets in, who is sent to sign in, who is refused.

The table below is the platform's access policy written out by hand. A route missing from it
fails the first test, so a new route cannot land without its line here.
"""

from datetime import timedelta

import pytest

from platform.database import utcnow
from platform.experiments import services as experiment_services
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus
from platform.notifications.models import Kind, Notification
from platform.prototypes import services as prototype_services
from platform.prototypes.models import PrototypeImage, QuestionKind
from platform.roles import Role
from platform.surveys.models import SurveyAnswer, SurveyResponse, SurveyStatus
from platform.taxonomy.models import District
from tests.surveys.conftest import build_survey

ROLES = ["visitor", "citizen", "owner", "agent", "organiser", "moderator", "admin"]

# Who may use each route: public, guest (signed-out pages), signed_in, owner (the author of the
# problem and comment), lab (agents and above), lab_draft (a draft: the lab only, and anyone else
# is told it does not exist), organiser (of the experiment, or moderators and admins),
# survey_organiser (of the survey, or admins), survey_draft (a draft survey: its organisers and
# admins; 404 outside the lab), moderator, admin. "excluded" routes serve files, checked
# elsewhere.
POLICY = {
    "/": "public",
    "/accessibility": "public",
    "/terms": "public",
    "/healthz": "public",
    "/stats": "public",
    "/report/<int:year>": "public",
    "/api/openapi.json": "public",
    "/api/v1/ideas": "public",
    "/api/v1/ideas.csv": "public",
    "/api/v1/ideas/<int:problem_id>": "public",
    "/api/v1/prototypes": "public",
    "/api/v1/prototypes.csv": "public",
    "/api/v1/experiments": "public",
    "/api/v1/experiments.csv": "public",
    "/api/v1/surveys": "public",
    "/api/v1/surveys/<int:survey_id>": "public",
    "/api/v1/stats": "public",
    "/static/<path:filename>": "excluded",
    "/uploads/<name>": "excluded",
    "/auth/login": "guest",
    "/auth/register": "guest",
    "/auth/logout": "any_post",
    "/account/": "signed_in",
    "/account/password": "signed_in",
    "/account/export": "signed_in",
    "/account/delete": "signed_in",
    "/ideas/": "public",
    "/ideas/new": "signed_in",
    "/ideas/<int:problem_id>": "public",
    "/ideas/<int:problem_id>/edit": "owner",
    "/ideas/<int:problem_id>/withdraw": "owner",
    "/ideas/<int:problem_id>/support": "signed_in",
    "/ideas/<int:problem_id>/follow": "signed_in",
    "/ideas/<int:problem_id>/comments": "signed_in",
    "/ideas/<int:problem_id>/status": "lab",
    "/comments/<int:comment_id>/edit": "owner",
    "/comments/<int:comment_id>/delete": "owner",
    "/prototypes/": "public",
    "/prototypes/new": "lab",
    "/prototypes/<int:prototype_id>": "public",
    "/prototypes/<int:prototype_id>/edit": "lab",
    "/prototypes/<int:prototype_id>/publish": "lab_draft",
    "/prototypes/<int:prototype_id>/close": "lab",
    "/prototypes/<int:prototype_id>/versions/new": "lab",
    "/prototypes/<int:prototype_id>/feedback": "signed_in",
    "/prototypes/<int:prototype_id>/images": "lab",
    "/prototypes/<int:prototype_id>/comments": "signed_in",
    "/prototypes/images/<int:image_id>/delete": "lab",
    "/experiments/": "public",
    "/experiments/new": "lab",
    "/experiments/<int:experiment_id>": "public",
    "/experiments/<int:experiment_id>.ics": "public",
    "/experiments/<int:experiment_id>/edit": "organiser",
    "/experiments/<int:experiment_id>/open": "organiser",
    "/experiments/<int:experiment_id>/close": "organiser",
    "/experiments/<int:experiment_id>/join": "signed_in",
    "/experiments/<int:experiment_id>/leave": "signed_in",
    "/experiments/<int:experiment_id>/capacity": "organiser",
    "/experiments/<int:experiment_id>/results": "organiser",
    "/experiments/<int:experiment_id>/participants.csv": "organiser",
    "/surveys/": "public",
    "/surveys/new": "lab",
    "/surveys/<int:survey_id>": "public",
    "/surveys/<int:survey_id>/edit": "survey_organiser",
    "/surveys/<int:survey_id>/open": "survey_draft",
    "/surveys/<int:survey_id>/close": "survey_organiser",
    "/surveys/<int:survey_id>/publish": "survey_organiser",
    "/surveys/<int:survey_id>/build": "survey_organiser",
    "/surveys/<int:survey_id>/sections": "survey_organiser",
    "/surveys/<int:survey_id>/sections/<int:section_id>/edit": "survey_organiser",
    "/surveys/<int:survey_id>/sections/<int:section_id>/move": "survey_organiser",
    "/surveys/<int:survey_id>/sections/<int:section_id>/delete": "survey_organiser",
    "/surveys/<int:survey_id>/sections/<int:section_id>/questions/new": "survey_organiser",
    "/surveys/<int:survey_id>/questions/<int:question_id>/edit": "survey_organiser",
    "/surveys/<int:survey_id>/questions/<int:question_id>/move": "survey_organiser",
    "/surveys/<int:survey_id>/questions/<int:question_id>/section": "survey_organiser",
    "/surveys/<int:survey_id>/questions/<int:question_id>/delete": "survey_organiser",
    "/surveys/<int:survey_id>/options/<int:option_id>/edit": "survey_organiser",
    "/surveys/<int:survey_id>/options/<int:option_id>/move": "survey_organiser",
    "/surveys/<int:survey_id>/options/<int:option_id>/delete": "survey_organiser",
    "/surveys/<int:survey_id>/answer": "signed_in",
    "/surveys/<int:survey_id>/answer/<int:position>": "signed_in",
    "/surveys/<int:survey_id>/answer/review": "signed_in",
    "/surveys/<int:survey_id>/answer/submit": "signed_in",
    "/surveys/<int:survey_id>/results": "survey_organiser",
    "/surveys/<int:survey_id>/responses.csv": "survey_organiser",
    "/surveys/<int:survey_id>/questions/<int:question_id>/answers": "survey_organiser",
    "/surveys/<int:survey_id>/answers/<int:answer_id>/quote": "survey_organiser",
    "/moderation/": "moderator",
    "/moderation/log": "moderator",
    "/moderation/report": "signed_in",
    "/moderation/hide": "moderator",
    "/moderation/restore": "moderator",
    "/moderation/dismiss": "moderator",
    "/moderation/bulk": "moderator",
    "/moderation/ideas/<int:problem_id>/publish": "moderator",
    "/moderation/ideas/<int:problem_id>/merge": "moderator",
    "/moderation/accounts/<int:user_id>/suspend": "moderator",
    "/moderation/accounts/<int:user_id>/unsuspend": "moderator",
    "/notifications/": "signed_in",
    "/notifications/<int:notification_id>": "recipient",
    "/notifications/read": "signed_in",
    "/notifications/settings": "signed_in",
    "/admin/": "admin",
    "/admin/users": "admin",
    "/admin/users/<int:user_id>/role": "admin",
    "/admin/themes": "admin",
    "/admin/districts": "admin",
    "/admin/themes/<int:item_id>/edit": "admin",
    "/admin/districts/<int:item_id>/edit": "admin",
    "/admin/themes/<int:item_id>/delete": "admin",
    "/admin/districts/<int:item_id>/delete": "admin",
}

ALLOWED = {
    "public": set(ROLES),
    "signed_in": set(ROLES) - {"visitor"},
    "owner": {"owner"},
    "recipient": {"owner"},  # of the notification; anyone else is told it does not exist
    "lab": {"agent", "organiser", "moderator", "admin"},
    "lab_draft": {"agent", "organiser", "moderator", "admin"},
    "organiser": {"organiser", "moderator", "admin"},
    # A survey is run by its organisers and the admins, not by moderators (docs/operating.md).
    "survey_organiser": {"organiser", "admin"},
    "survey_draft": {"organiser", "admin"},  # a draft: 404 outside the lab, 403 for the others
    "moderator": {"moderator", "admin"},
    "admin": {"admin"},
}


def test_every_route_has_a_policy(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert rules - set(POLICY) == set(), "add the new routes to POLICY"
    assert set(POLICY) - rules == set(), "remove the routes that no longer exist"


@pytest.fixture
def world(app, make_user, make_problem, theme):
    """One of everything a route can point at, owned by the right people."""
    people = {
        "citizen": make_user(Role.CITIZEN),
        "owner": make_user(Role.CITIZEN),
        "agent": make_user(Role.AGENT),
        "organiser": make_user(Role.AGENT),
        "moderator": make_user(Role.MODERATOR),
        "admin": make_user(Role.ADMIN),
    }
    problem = make_problem(author=people["owner"], status=ProblemStatus.PROPOSED)
    withdrawable = make_problem(author=people["owner"], status=ProblemStatus.PROPOSED)
    lab_problem = make_problem(status=ProblemStatus.SELECTED)
    with app.test_request_context():
        from platform.comments.services import post_comment

        owner = people["owner"]
        comment = post_comment(owner, db.session.get(Problem, problem.id), "Mon commentaire")
        target = db.session.get(Problem, lab_problem.id)
        prototype = prototype_services.create_prototype(
            people["organiser"], target, title="P", summary="S", description="D",
            questions=[("Q ?", QuestionKind.SCALE)],
        )  # fmt: skip
        prototype_services.publish_prototype(people["organiser"], prototype)
        image = PrototypeImage(
            version_id=prototype_services.latest_version(prototype).id, filename="x" * 24 + ".png",
            alt_text="x", content_type="image/png", width=1, height=1,
        )  # fmt: skip
        db.session.add(image)
        start = utcnow() + timedelta(days=3)
        experiment = experiment_services.create_experiment(
            people["organiser"], target, method="workshop", title="E", description="D",
            involvement="I", location="L", is_online=False, starts_at=start,
            ends_at=start + timedelta(hours=2), capacity=5,
        )  # fmt: skip
        experiment_services.open_experiment(people["organiser"], experiment)
        # Routes whose action depends on a state get an object in a state that allows it, so
        # that only the role decides; and destructive ones get their own object.
        draft = prototype_services.create_prototype(
            people["organiser"], target, title="D", summary="S", description="D",
            questions=[("Q ?", QuestionKind.SCALE)],
        )  # fmt: skip
        to_close = prototype_services.create_prototype(
            people["organiser"], target, title="C", summary="S", description="D",
            questions=[("Q ?", QuestionKind.SCALE)],
        )  # fmt: skip
        prototype_services.publish_prototype(people["organiser"], to_close)
        ended = experiment_services.create_experiment(
            people["organiser"], target, method="survey", title="F", description="D",
            involvement="I", location="L", is_online=False, starts_at=start,
            ends_at=start + timedelta(hours=2), capacity=5,
        )  # fmt: skip
        experiment_services.open_experiment(people["organiser"], ended)
        ended.starts_at, ended.ends_at = utcnow() - timedelta(days=2), utcnow() - timedelta(days=1)
        closing = experiment_services.create_experiment(
            people["organiser"], target, method="survey", title="G", description="D",
            involvement="I", location="L", is_online=False, starts_at=start,
            ends_at=start + timedelta(hours=2), capacity=5,
        )  # fmt: skip
        experiment_services.open_experiment(people["organiser"], closing)
        surveys = _surveys(people)
        spare_comment = post_comment(owner, db.session.get(Problem, problem.id), "À supprimer")
        district = District(slug="d", name_fr="D", name_en="D", name_es="D")
        db.session.add(district)
        notification = Notification(recipient_id=owner.id, kind=Kind.COMMENT, problem_id=problem.id)
        db.session.add(notification)
        db.session.commit()
        overrides = {
            "/prototypes/<int:prototype_id>/publish": {"prototype_id": draft.id},
            "/prototypes/<int:prototype_id>/close": {"prototype_id": to_close.id},
            "/experiments/<int:experiment_id>/results": {"experiment_id": ended.id},
            "/experiments/<int:experiment_id>/close": {"experiment_id": closing.id},
            "/comments/<int:comment_id>/delete": {"comment_id": spare_comment.id},
            "/ideas/<int:problem_id>/withdraw": {"problem_id": withdrawable.id},
            "/admin/districts/<int:item_id>/edit": {"item_id": district.id},
            "/admin/districts/<int:item_id>/delete": {"item_id": district.id},
            **surveys["overrides"],
        }
        ids = {
            "problem_id": problem.id, "comment_id": comment.id, "prototype_id": prototype.id,
            "image_id": image.id, "experiment_id": experiment.id,
            "user_id": people["citizen"].id, "item_id": theme.id,
            "notification_id": notification.id,
            "filename": "css/site.css", "name": "x", "year": utcnow().year,
            **surveys["ids"],
        }  # fmt: skip
    return people, ids, lab_problem, overrides


def _surveys(people):
    """An open survey with a response, and one survey for each action that changes a state or
    deletes a part, so that only the role decides."""
    organiser = people["organiser"]
    survey, prompts = build_survey(organiser)
    idea = prompts["Une idée pour l'accueil ?"]
    response = SurveyResponse(
        survey_id=survey.id, respondent_key="k" * 64, user_id=people["citizen"].id,
        submitted_at=utcnow(),
    )  # fmt: skip
    db.session.add(response)
    db.session.flush()
    answer = SurveyAnswer(response_id=response.id, question_id=idea.id, text="Des bancs")
    db.session.add(answer)
    draft, _ = build_survey(organiser, status=SurveyStatus.DRAFT)
    closing, _ = build_survey(organiser)
    closed, _ = build_survey(organiser, status=SurveyStatus.CLOSED)
    spares = [build_survey(organiser) for _ in range(3)]
    means = [spare[1]["Par quels moyens ?"] for spare in spares]
    db.session.flush()
    second_section = means[0].section_id + 1  # the sections of a survey are made in order
    first = prompts["Venez-vous à la mairie ?"]
    base = "/surveys/<int:survey_id>"
    return {
        "ids": {
            "survey_id": survey.id, "section_id": first.section_id, "question_id": idea.id,
            "option_id": first.option_by_label["Oui"].id, "answer_id": answer.id,
            "position": 1,
        },
        "overrides": {
            f"{base}/open": {"survey_id": draft.id},
            f"{base}/close": {"survey_id": closing.id},
            f"{base}/publish": {"survey_id": closed.id},
            f"{base}/sections/<int:section_id>/delete": {
                "survey_id": spares[0][0].id, "section_id": second_section,
            },
            f"{base}/questions/<int:question_id>/delete": {
                "survey_id": spares[1][0].id, "question_id": means[1].id,
            },
            f"{base}/options/<int:option_id>/delete": {
                "survey_id": spares[2][0].id,
                "option_id": means[2].option_by_label["En voiture"].id,
            },
        },
    }  # fmt: skip


def url_for_rule(rule, ids, lab_problem, overrides):
    path = rule.rule
    for name, value in {**ids, **overrides.get(rule.rule, {})}.items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    if rule.rule in ("/prototypes/new", "/experiments/new"):
        path += f"?idea={lab_problem.id}"
    return path


def check_headers(response, what):
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, what
    assert "frame-ancestors 'none'" in csp, what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", what


def check(response, role, policy, what):
    check_headers(response, what)
    to_login = response.status_code == 302 and "/auth/login" in response.headers["Location"]
    if role in ALLOWED[policy]:
        assert not to_login and response.status_code not in (403, 404, 405, 500), (
            what, response.status_code,
        )  # fmt: skip
    elif policy == "lab_draft" or (policy == "survey_draft" and role not in ALLOWED["lab"]):
        assert response.status_code == 404, (what, response.status_code)
    elif role == "visitor":
        assert to_login, (what, response.status_code)
    elif policy == "recipient":
        assert response.status_code == 404, (what, response.status_code)
    else:
        assert response.status_code == 403, (what, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_the_policy_says(app, client, auth, world, role):
    people, ids, lab_problem, overrides = world
    if role != "visitor":
        auth.login(people[role])
    checked = 0
    for rule in app.url_map.iter_rules():
        policy = POLICY[rule.rule]
        if policy in ("excluded", "guest", "any_post"):
            continue
        path = url_for_rule(rule, ids, lab_problem, overrides)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.get(path) if method == "GET" else client.post(path, data={})
            check(response, role, policy, f"{method} {path}")
            response.get_data()  # a streamed export ends its request context once read
            response.close()
            checked += 1
    assert checked > 70


def test_guest_pages_send_signed_in_accounts_home(client, auth, citizen):
    for path in ("/auth/login", "/auth/register"):
        assert client.get(path).status_code == 200
    auth.login(citizen)
    for path in ("/auth/login", "/auth/register"):
        assert client.get(path).status_code == 302

"""A small city for the API tests: public content of every kind, and next to it content that must
never come out of the API (hidden, pending, drafts), each marked with a SECRET word."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from platform.comments.models import Comment
from platform.comments.services import post_comment
from platform.database import utcnow
from platform.experiments import services as experiments
from platform.experiments.models import Experiment, Method
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.prototypes import services as prototypes
from platform.prototypes.models import Feedback, Prototype, QuestionKind
from platform.roles import Role
from platform.surveys.models import Survey, SurveyAnswer, SurveyResponse, SurveyStatus
from platform.surveys.services import respondent_key
from tests.surveys.conftest import SIMPLE, build_survey

SECRETS = (
    "SECRET-PENDING-IDEA",
    "SECRET-HIDDEN-IDEA",
    "SECRET-HIDDEN-COMMENT",
    "SECRET-VISIBLE-COMMENT",  # comments are not published at all, hidden or not
    "SECRET-HIDDEN-FEEDBACK",
    "SECRET-DRAFT-PROTOTYPE",
    "SECRET-HIDDEN-PROTOTYPE",
    "SECRET-DRAFT-EXPERIMENT",
    "SECRET-HIDDEN-EXPERIMENT",
    "SECRET-PARTICIPANT",
    "SECRET-DRAFT-SURVEY",
    "SECRET-HIDDEN-SURVEY",
    "SECRET-UNQUOTED-ANSWER",  # a survey's free text the lab did not publish
)


def experiment_fields(**overrides):
    start = utcnow() + timedelta(days=7)
    values = {
        "method": Method.WORKSHOP,
        "title": "Atelier de l'arrêt de bus",
        "description": "Nous dessinons **ensemble**.",
        "involvement": "Deux heures.",
        "location": "Maison du projet, 2 rue Haute",
        "is_online": False,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 1,
    }
    return values | overrides


def prototype_fields(title="Abri de bus chauffé"):
    return {
        "title": title,
        "summary": "Un abri qui protège du froid.",
        "description": "Un **abri** testé sur la ligne 3.",
        "questions": [("L'abri vous protège-t-il ?", QuestionKind.SCALE)],
    }


@pytest.fixture
def world(app, make_user, make_problem, theme, other_theme, district):
    """Public problems, prototypes and experiments, and what must stay out of the API."""
    people = SimpleNamespace(
        author=make_user(Role.CITIZEN, email="camille.secret@example.org", display_name="Camille"),
        tester=make_user(Role.CITIZEN, email="tester.secret@example.net",
                         display_name="SECRET-PARTICIPANT"),
        waiting=make_user(Role.CITIZEN, email="waiting.secret@example.com"),
        agent=make_user(Role.AGENT, email="agent.secret@ville.example.fr", display_name="Sophie"),
    )  # fmt: skip
    proposed = make_problem(
        author=people.author, title="Trottoirs encombrés", district_id=district.id
    )
    selected = make_problem(
        author=people.author, status=ProblemStatus.PROPOSED, theme_id=other_theme.id,
        title="=HYPERLINK(\"http://evil.example\")", description="@SUM(1+1) et -2",
    )  # fmt: skip
    withdrawn = make_problem(author=people.author, status=ProblemStatus.WITHDRAWN)
    merged = make_problem(status=ProblemStatus.MERGED, merged_into_id=proposed.id)
    orphan = make_problem(title="Problème d'un compte supprimé")
    pending = make_problem(status=ProblemStatus.PENDING, title="SECRET-PENDING-IDEA")
    hidden = make_problem(title="SECRET-HIDDEN-IDEA", is_hidden=True)
    with app.test_request_context():
        db.session.get(Problem, orphan.id).author_id = None
        problem = db.session.get(Problem, selected.id)
        problems.change_status(people.agent, problem, ProblemStatus.SELECTED, "Le lab s'en saisit.")
        post_comment(people.author, problem, "SECRET-VISIBLE-COMMENT")
        secret = post_comment(people.author, problem, "SECRET-HIDDEN-COMMENT")
        db.session.get(Comment, secret.id).is_hidden = True

        prototype = prototypes.create_prototype(people.agent, problem, **prototype_fields())
        prototypes.publish_prototype(people.agent, prototype)
        prototypes.add_version(
            people.agent, prototype, changes="Plus de bancs.",
            questions=[("Les bancs suffisent-ils ?", QuestionKind.TEXT)],
        )  # fmt: skip
        question = prototypes.questions_of(prototypes.latest_version(prototype))[0]
        prototypes.give_feedback(
            people.tester, prototype, rating=4, comment="SECRET-HIDDEN-FEEDBACK",
            answers={question.id: "SECRET-HIDDEN-FEEDBACK answer"},
        )  # fmt: skip
        db.session.query(Feedback).filter_by(user_id=people.tester.id).update({"is_hidden": True})
        draft = prototypes.create_prototype(
            people.agent, problem, **prototype_fields("SECRET-DRAFT-PROTOTYPE")
        )
        hidden_prototype = prototypes.create_prototype(
            people.agent, problem, **prototype_fields("SECRET-HIDDEN-PROTOTYPE")
        )
        prototypes.publish_prototype(people.agent, hidden_prototype)
        db.session.get(Prototype, hidden_prototype.id).is_hidden = True

        version = prototypes.latest_version(prototype)
        workshop = experiments.create_experiment(
            people.agent, problem, **experiment_fields(prototype_version_id=version.id)
        )
        experiments.open_experiment(people.agent, workshop)
        experiments.join_experiment(people.tester, workshop)
        experiments.join_experiment(people.waiting, workshop)
        survey = experiments.create_experiment(
            people.agent, problem, **experiment_fields(method=Method.SURVEY, title="Enquête",
                                                    capacity=30)
        )  # fmt: skip
        experiments.open_experiment(people.agent, survey)
        survey = db.session.get(Experiment, survey.id)
        survey.starts_at = utcnow() - timedelta(days=3)
        survey.ends_at = utcnow() - timedelta(days=2)
        experiments.publish_results(people.agent, survey, "Les usagers veulent des bancs.")
        draft_experiment = experiments.create_experiment(
            people.agent, problem, **experiment_fields(title="SECRET-DRAFT-EXPERIMENT")
        )
        hidden_experiment = experiments.create_experiment(
            people.agent, problem, **experiment_fields(title="SECRET-HIDDEN-EXPERIMENT")
        )
        experiments.open_experiment(people.agent, hidden_experiment)
        db.session.get(Experiment, hidden_experiment.id).is_hidden = True
        surveys = _surveys(people, problem)
        db.session.commit()
        return SimpleNamespace(
            people=people,
            emails=[getattr(people, name).email for name in vars(people)],
            proposed=proposed.id,
            selected=selected.id,
            withdrawn=withdrawn.id,
            merged=merged.id,
            orphan=orphan.id,
            pending=pending.id,
            hidden=hidden.id,
            listed=sorted([proposed.id, selected.id, orphan.id]),
            prototype=prototype.id,
            draft_prototype=draft.id,
            hidden_prototype=hidden_prototype.id,
            workshop=workshop.id,
            survey=survey.id,
            draft_experiment=draft_experiment.id,
            hidden_experiment=hidden_experiment.id,
            **surveys,
            theme=theme.slug,
            other_theme=other_theme.slug,
            district=district.slug,
        )


def _surveys(people, problem):
    """A published survey with responses (one text quoted, one not), an open one, a draft and
    a hidden one."""
    published, prompts = build_survey(
        people.agent, status=SurveyStatus.PUBLISHED, problem=problem, locked=True,
        title="Enquête sur les abribus", opens_in=timedelta(0),  # after the problem's steps
    )  # fmt: skip
    idea, first = prompts["Une idée pour l'accueil ?"], prompts["Venez-vous à la mairie ?"]
    for n, (user, text) in enumerate(
        [(people.tester, "Des bancs plus larges"), (people.author, "SECRET-UNQUOTED-ANSWER")]
    ):
        response = SurveyResponse(
            survey_id=published.id, respondent_key=respondent_key(published.id, user.id),
            user_id=user.id, submitted_at=utcnow(),
        )  # fmt: skip
        db.session.add(response)
        db.session.flush()
        db.session.add_all([
            SurveyAnswer(response_id=response.id, question_id=idea.id, text=text,
                         quoted_at=utcnow() if n == 0 else None),
            SurveyAnswer(response_id=response.id, question_id=first.id,
                         option_id=first.option_by_label["Oui"].id),
        ])  # fmt: skip
    published.responses_count = 2
    open_survey, _ = build_survey(people.agent, sections=SIMPLE, title="Enquête ouverte")
    draft, _ = build_survey(people.agent, status=SurveyStatus.DRAFT, title="SECRET-DRAFT-SURVEY")
    hidden, _ = build_survey(people.agent, title="SECRET-HIDDEN-SURVEY")
    db.session.get(Survey, hidden.id).is_hidden = True
    return {
        "published_survey": published.id,
        "open_survey": open_survey.id,
        "draft_survey": draft.id,
        "hidden_survey": hidden.id,
    }

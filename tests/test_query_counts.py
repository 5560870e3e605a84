"""Every list and detail page costs the same number of SQL queries with a few items as with many
(DESIGN.md §10), for each kind of reader who sees more on it.

Each case builds its data twice, FEW then MANY items, through `grow(world, n)`, which returns the
URL to read: detail pages get a new object of each size; list pages get more rows on the same list.
Only URLs are called, so the pages' code can change freely behind them.
"""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update

from platform.accounts.models import User
from platform.database import utcnow
from platform.experiments import services as experiment_services
from platform.experiments.models import Experiment
from platform.extensions import db
from platform.ideas.models import Follow, Problem, ProblemStatus, Support
from platform.moderation import services as moderation_services
from platform.moderation.models import ActionType, ModerationAction, TargetType
from platform.prototypes import services as prototype_services
from platform.prototypes.models import Prototype
from platform.roles import Role
from platform.taxonomy.models import District, Theme
from platform.text import fold
from tests.experiments.conftest import lab_problem, make_experiment  # noqa: F401
from tests.prototypes.conftest import QUESTIONS, make_prototype, selected_problem  # noqa: F401
from tests.support import bulk

FEW, MANY = 2, 45


class World:
    """Builds the data of every page in bulk, on the test's database."""

    def __init__(self, app, theme, agent, make_prototype, make_experiment):  # noqa: F811
        self.app = app
        self.agent = agent
        self.theme = theme
        self.make_prototype = make_prototype
        self.make_experiment = make_experiment
        self.readers = {}

    def __enter__(self):
        self.context = self.app.test_request_context()
        self.context.push()
        return self

    def __exit__(self, *exc):
        db.session.commit()
        self.context.pop()

    def users(self, n, role=Role.CITIZEN):
        return [db.session.get(User, id_) for id_ in bulk.add_users(n, role)]

    def problems(self, n, **fields):
        author = bulk.add_users(1)[0]
        rows = [
            {
                "title": f"Problème {i}",
                "description": f"Le problème {i}.",
                "search_text": fold(f"Problème {i}\nLe problème {i}."),
                "theme_id": self.theme.id,
                "author_id": author,
                "status": ProblemStatus.PROPOSED,
                "comments_count": i,
                **fields,
            }
            for i in range(n)
        ]
        db.session.execute(insert(Problem), rows)
        ids = db.session.scalars(
            select(Problem.id).where(Problem.author_id == author).order_by(Problem.id)
        ).all()
        return [db.session.get(Problem, id_) for id_ in ids]

    def supports_and_follows(self, problem, user_ids):
        db.session.execute(
            insert(Support), [{"problem_id": problem.id, "user_id": u} for u in user_ids]
        )
        db.session.execute(
            insert(Follow), [{"problem_id": problem.id, "user_id": u} for u in user_ids]
        )
        db.session.execute(
            update(Problem)
            .where(Problem.id == problem.id)
            .values(supports_count=len(user_ids), followers_count=len(user_ids))
        )


# What each page needs, FEW or MANY times ----------------------------------------------------


def home(world, n):
    world.problems(n)
    return "/"


def problem_list(query):
    def grow(world, n):
        problems = world.problems(n)
        citizen = world.readers.get("citizen")
        if citizen is not None:  # the list marks what the reader supports
            for problem in problems[::2]:
                world.supports_and_follows(problem, [citizen.id])
        return f"/ideas/{query}"

    return grow


def problem_page(world, n):
    [problem] = world.problems(1, status=ProblemStatus.SELECTED, comments_count=0)
    people = bulk.add_users(n)
    bulk.add_comments(problem, people, n, replies=2)
    world.supports_and_follows(problem, people)
    for i in range(min(n, 3)):  # a prototype and an experiment show on the timeline
        prototype_services.create_prototype(
            world.agent, problem, title=f"Prototype {i}", summary="Résumé.",
            description="Description.", questions=QUESTIONS,
        )  # fmt: skip
    return f"/ideas/{problem.id}"


def prototype_list(world, n):
    for _ in range(n):
        world.make_prototype()
    return "/prototypes/"


def prototype_page(world, n):
    prototype = world.make_prototype(versions=min(n, 6))
    loaded = db.session.get(Prototype, prototype.id)
    version = prototype_services.latest_version(loaded)
    scale, free = prototype_services.questions_of(version)
    for i, user in enumerate(world.users(n)):
        answers = {scale.id: str(1 + i % 5), free.id: f"Réponse {i}"}
        prototype_services.give_feedback(
            user, loaded, rating=1 + i % 5, answers=answers, comment=f"Avis {i}"
        )
    bulk.add_comments(loaded, [u.id for u in world.users(3)], n, replies=2)
    return f"/prototypes/{prototype.id}"


def experiment_list(world, n):
    for i in range(n):
        world.make_experiment(title=f"Expérience {i}", starts_in=timedelta(days=1 + i))
    return "/experiments/"


def experiment_page(world, n):
    experiment = world.make_experiment(capacity=max(n // 2, 1))
    loaded = db.session.get(Experiment, experiment.id)
    for user in world.users(n):  # half take a place, half wait
        experiment_services.join_experiment(user, loaded)
    return f"/experiments/{experiment.id}"


def moderation_queue(world, n):
    problems = world.problems(n)
    for problem, reporter in zip(problems, world.users(n), strict=True):
        moderation_services.report_content(reporter, "idea", problem.id, "spam")
    world.problems(n, status=ProblemStatus.PENDING)
    return "/moderation/"


def moderation_actions(world, n):
    actor = bulk.add_users(1, Role.MODERATOR)[0]
    rows = [
        {
            "actor_id": actor,
            "action": ActionType.HIDE,
            "target_type": TargetType.PROBLEM,
            "target_id": problem.id,
            "reason": "Hors sujet",
            "created_at": utcnow() - timedelta(days=20 * i),
        }
        for i, problem in enumerate(world.problems(n))
    ]
    db.session.execute(insert(ModerationAction), rows)
    return None


def moderation_log(world, n):
    moderation_actions(world, n)
    return "/moderation/log"


def stats(world, n):
    moderation_actions(world, n)
    return "/stats"


def admin_users(world, n):
    bulk.add_users(n)
    return "/admin/users"


def named_items(model, path):
    def grow(world, n):
        start = db.session.scalar(select(db.func.count()).select_from(model))
        rows = [
            {"slug": f"item-{start + i}", "name_fr": f"Élément {start + i}",
             "name_en": f"Item {start + i}", "name_es": f"Elemento {start + i}",
             "position": start + i}
            for i in range(n)
        ]  # fmt: skip
        db.session.execute(insert(model), rows)
        return path

    return grow


def yearly_report(world, n):
    problems = world.problems(n)
    for problem in problems:
        world.supports_and_follows(problem, bulk.add_users(2))
    return f"/report/{utcnow().year}"


def api(grow, path):
    """The open-data API over the same data as a page."""

    def grow_for_api(world, n):
        grow(world, n)
        return path

    return grow_for_api


CASES = {
    "home": (home, ["visitor", "citizen"]),
    "ideas": (problem_list(""), ["visitor", "citizen"]),
    "ideas-top": (problem_list("?sort=top"), ["visitor", "citizen"]),
    "ideas-new": (problem_list("?sort=new"), ["citizen"]),
    "ideas-discussed": (problem_list("?sort=discussed"), ["citizen"]),
    "ideas-filtered": (problem_list("?theme=mobilite&status=proposed&sort=new"), ["citizen"]),
    "ideas-search": (problem_list("?q=probleme"), ["visitor"]),
    "idea": (problem_page, ["visitor", "citizen", "agent", "moderator"]),
    "prototypes": (prototype_list, ["visitor", "agent"]),
    "prototype": (prototype_page, ["visitor", "citizen", "agent"]),
    "experiments": (experiment_list, ["visitor", "agent"]),
    "experiment": (experiment_page, ["visitor", "citizen", "agent"]),
    "moderation-queue": (moderation_queue, ["moderator"]),
    "moderation-log": (moderation_log, ["moderator"]),
    "stats": (stats, ["visitor"]),
    "yearly-report": (yearly_report, ["visitor"]),
    "api-ideas": (api(problem_list(""), "/api/v1/ideas"), ["visitor"]),
    "api-prototypes": (api(prototype_list, "/api/v1/prototypes"), ["visitor"]),
    "api-experiments": (api(experiment_list, "/api/v1/experiments"), ["visitor"]),
    "api-stats": (api(stats, "/api/v1/stats"), ["visitor"]),
    "admin-users": (admin_users, ["admin"]),
    "admin-themes": (named_items(Theme, "/admin/themes"), ["admin"]),
    "admin-districts": (named_items(District, "/admin/districts"), ["admin"]),
}


@pytest.fixture
def world(app, theme, make_prototype, make_experiment, agent):  # noqa: F811
    return World(app, theme, agent, make_prototype, make_experiment)


def cost(client, count_queries, url):
    client.get(url)  # the first read warms what is cached per process, not per page
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


@pytest.mark.parametrize(
    ("page", "reader"),
    [(page, reader) for page, (_grow, readers) in CASES.items() for reader in readers],
)
def test_page_costs_the_same_with_few_or_many_items(
    client, auth, make_user, agent, world, count_queries, page, reader
):
    grow, _readers = CASES[page]
    if reader != "visitor":
        user = agent if reader == "agent" else make_user(Role(reader))
        world.readers[reader] = user
        auth.login(user)
    with world:
        few_url = grow(world, FEW)
    few = cost(client, count_queries, few_url)
    with world:
        many_url = grow(world, MANY)
    many = cost(client, count_queries, many_url)
    assert few == many, f"{page} as {reader}: {few} queries for {FEW} items, {many} for {MANY}"

"""`flask --app app seed-demo`: the demo content that `make run` shows."""

from sqlalchemy import func, select

from platform.accounts.models import User
from platform.demo.accounts import CITIZENS, DEMO_ACCOUNTS, DEMO_PASSWORD
from platform.demo.experiments_text import EXPERIMENTS
from platform.demo.problems_text import PROBLEMS
from platform.demo.prototypes_text import PROTOTYPES
from platform.experiments.models import Experiment
from platform.ideas.models import Problem
from platform.moderation.models import Report
from platform.notifications.models import Notification
from platform.prototypes.models import Prototype
from platform.roles import Role
from platform.taxonomy.models import District


def count(fetch, model):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model)))


def test_seed_demo_creates_every_role_and_prints_the_credentials(runner, fetch):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    roles = fetch(lambda s: set(s.scalars(select(User.role))))
    assert roles == set(Role)
    for email, *_ in DEMO_ACCOUNTS:
        assert email in result.output
    assert count(fetch, District) >= 5


def test_seed_demo_fills_every_feature(runner, fetch):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert count(fetch, User) >= len(DEMO_ACCOUNTS) + len(CITIZENS)
    assert count(fetch, Problem) >= len(PROBLEMS)
    assert count(fetch, Prototype) >= len(PROTOTYPES)
    assert count(fetch, Experiment) == len(EXPERIMENTS)
    assert count(fetch, Report) > 0
    assert count(fetch, Notification) > 0


def test_seed_demo_accounts_can_sign_in(runner, auth):
    runner.invoke(args=["seed-demo"])
    assert auth.login(DEMO_ACCOUNTS[0][0], DEMO_PASSWORD).status_code == 302


def test_seed_demo_twice_adds_nothing(runner, fetch):
    runner.invoke(args=["seed-demo"])
    users = count(fetch, User)
    runner.invoke(args=["seed-demo"])
    assert count(fetch, User) == users


def test_seed_demo_if_empty_leaves_a_used_database_alone(runner, citizen, fetch):
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert count(fetch, User) == 1
    assert DEMO_PASSWORD in result.output  # the accounts are still listed for `make run`

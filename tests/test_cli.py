"""The commands under `flask --app app`."""

from sqlalchemy import func, select

from platform.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from platform.accounts.models import Role, User
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


def test_create_user_with_a_role(runner, fetch):
    result = runner.invoke(
        args=["create-user", "lab@example.org", "--name", "Agent Lab", "--role", "agent"],
        input="marche plage fontaine\nmarche plage fontaine\n",
    )
    assert result.exit_code == 0, result.output
    user = fetch(lambda s: s.scalar(select(User).where(User.email == "lab@example.org")))
    assert user.role is Role.AGENT


def test_create_user_refuses_a_weak_password(runner, fetch):
    result = runner.invoke(
        args=["create-user", "lab@example.org", "--name", "Agent Lab", "--password", "short"]
    )
    assert result.exit_code != 0
    assert "10" in result.output
    assert count(fetch, User) == 0


def test_about_names_the_system(runner):
    result = runner.invoke(args=["about"])
    assert result.exit_code == 0
    assert "on Linux" in result.output or "on " in result.output


def test_translate_commands_exist(runner):
    result = runner.invoke(args=["translate", "--help"])
    assert result.exit_code == 0
    for command in ("extract", "update", "compile"):
        assert command in result.output

"""The commands under `flask --app app` (seed-demo: tests/demo)."""

from sqlalchemy import func, select

from platform.accounts.models import User
from platform.roles import Role


def count(fetch, model):
    return fetch(lambda s: s.scalar(select(func.count()).select_from(model)))


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

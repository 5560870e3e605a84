"""The package named `platform` keeps the standard module's API everywhere (DESIGN.md §5.1)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from platform.config import ROOT

BIN = Path(sys.executable).parent
NESTED = "PLATFORM_NAME_NESTED_RUN"


def run(command, tmp_path, **env):
    environment = {
        **os.environ,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite",
        **env,
    }
    environment.pop("TEST_DATABASE_URL", None)
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_in_this_process():
    import platform
    import platform.ideas
    import platform.prototypes

    assert hasattr(platform, "__path__"), "the project's package, not the standard module"
    assert platform.system() == os.uname().sysname
    assert platform.python_version() == ".".join(map(str, sys.version_info[:3]))
    assert platform.ideas.bp.name == "ideas"
    assert platform.prototypes.bp.name == "prototypes"


@pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already the nested run")
@pytest.mark.parametrize(
    "command",
    [[str(BIN / "pytest")], [sys.executable, "-m", "pytest"]],
    ids=["pytest", "python -m pytest"],
)
def test_under_pytest_commands(tmp_path, command):
    result = run(
        [*command, "-q", "-p", "no:cacheprovider", f"{__file__}::test_in_this_process"],
        tmp_path,
        **{NESTED: "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_under_flask_command(tmp_path):
    result = run([str(BIN / "flask"), "--app", "app", "about"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Python {'.'.join(map(str, sys.version_info[:3]))} on {os.uname().sysname}" in (
        result.stdout
    )
    assert f"Package: {ROOT / 'platform' / '__init__.py'}" in result.stdout


def test_python_c_from_the_repository_root(tmp_path):
    result = run([sys.executable, "-c", "import platform; print(platform.system())"], tmp_path)
    assert result.stdout.strip() == os.uname().sysname


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_under_gunicorn(tmp_path):
    report = tmp_path / "worker-report.txt"
    config = tmp_path / "gunicorn_check.py"
    config.write_text(
        "def post_worker_init(worker):\n"
        "    import platform, platform.ideas\n"
        f"    with open({str(report)!r}, 'w') as f:\n"
        "        f.write(f'{platform.system()} {platform.python_version()} {platform.__file__}')\n"
    )
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(config), "-w", "1", "-b", f"127.0.0.1:{port}", "app:app"],
        cwd=ROOT,
        env={
            **os.environ,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read().decode()
            except OSError:
                time.sleep(0.1)  # polling until the server answers, not timing a result
        assert body is not None, server.stderr.read().decode() if server.poll() else "no answer"
        assert '"status":"ok"' in body.replace(" ", "")
        system, version, path = report.read_text().split(" ")
        assert system == os.uname().sysname
        assert version == ".".join(map(str, sys.version_info[:3]))
        assert path == str(ROOT / "platform" / "__init__.py")
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()

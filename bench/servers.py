# ruff: noqa: S603, S607, S310 - a tool that runs local programs and reads local URLs by design
"""What a benchmark run starts and removes: wrk, a throw-away database, gunicorn servers."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/postgres"


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def ensure_wrk():
    """wrk comes from Debian's packages; install it when we may, or say how."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing wrk from the distribution's packages (apt-get install wrk)")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    sys.exit("bench/run needs wrk: install it with `sudo apt-get install wrk` and run again.")


@contextmanager
def fresh_database(kind, folder):
    """Yield the URL of an empty database, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRESQL)
    base = base.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    say(f"created PostgreSQL database {name}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        say(f"dropped PostgreSQL database {name}")


def environment(database_url, folder):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(folder / "instance"),
        "SECRET_KEY": uuid.uuid4().hex,
        "RATELIMIT_ENABLED": "false",
        "APP_ENV": "development",
        "BENCH_CEILING_CARDS": str(folder / "cards.json"),
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(application, env, workers, ready_path, log):
    """Serve `application` on a free port of 127.0.0.1; yield its base URL."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
        "--log-level", "warning", application,
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + ready_path, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, or still booting
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {application} did not start; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

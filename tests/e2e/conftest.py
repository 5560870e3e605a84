"""A real server on 127.0.0.1 with the demo data, and Debian's Chromium driven by Playwright.

Browser tests skip on a laptop without Chromium, and fail under CI=true (CI installs it).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from platform.config import ROOT
from platform.demo.accounts import DEMO_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BIN = Path(sys.executable).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Migrate and seed a fresh SQLite database, then serve it with gunicorn on 127.0.0.1."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = {
        **os.environ,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": f"sqlite:///{instance}/e2e.db",
        "RATELIMIT_ENABLED": "false",
        "UPLOAD_FOLDER": str(instance / "uploads"),
    }
    env.pop("TEST_DATABASE_URL", None)
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            [str(BIN / "flask"), "--app", "app", *command], cwd=ROOT, env=env, check=True,
            capture_output=True, timeout=300,
        )  # fmt: skip
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{port}",
         "app:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.1)  # waiting for the server to answer, not timing a result
    else:
        process.terminate()
        pytest.fail("the server did not start")
    yield base
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required under CI and was not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI always runs these")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, server):
    """Open a page in a fresh browser context (its own cookies) at the given width."""
    contexts = []

    def make(width=1280, locale="fr-FR"):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale=locale, base_url=server
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, email, password=DEMO_PASSWORD):
    page.goto("/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/")

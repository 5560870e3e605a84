"""Two gunicorn processes on one PostgreSQL database and one Redis, as in production.

Needs TEST_DATABASE_URL (a PostgreSQL server) and TEST_REDIS_URL. Without them the test skips on
a laptop and fails under CI=true; `.ci/run` runs it in its PostgreSQL leg.
"""

import html
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from limits import parse
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from platform import create_app
from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Follow, Problem, Support
from platform.taxonomy.models import Theme
from tests.conftest import PASSWORD
from tests.scale.servers import Browser, Server, flask_command, free_ports
from tests.support.databases import temporary_database

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

ACCOUNTS = 30
SIGN_IN_LIMIT = "5 per minute"
TOO_MANY = "Trop de tentatives"


def services():
    """The PostgreSQL and Redis URLs to test on, or skip (fail under CI, which has both)."""
    database_url = os.environ.get("TEST_DATABASE_URL")
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not (database_url and redis_url):
        reason = "TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL are needed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} under CI")
        pytest.skip(f"{reason} (CI always sets them)")
    return database_url, redis_url


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Migrate a fresh database, add accounts and two problems, start two processes on it."""
    _database_url, redis_url = services()
    storage = redis.Redis.from_url(redis_url)
    storage.ping()
    prefix = f"scale-{uuid.uuid4().hex}"
    directory = tmp_path_factory.mktemp("scale")
    servers, app = [], None
    with temporary_database(directory) as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            # Shared by both processes, so that a session signed by one is valid in the other.
            "SECRET_KEY": uuid.uuid4().hex,
            "RATELIMIT_KEY_PREFIX": prefix,
            "RATELIMIT_SIGN_IN": SIGN_IN_LIMIT,
            # The test stands in for the reverse proxy: each visitor has its own address.
            "TRUSTED_PROXIES": "1",
            "INSTANCE_PATH": str(directory / "instance"),
            "UPLOAD_FOLDER": str(directory / "uploads"),
        }
        try:
            ports = free_ports(2)
            # The processes boot while the schema and the data are made: nothing is asked of
            # them before that is done and both answer /healthz.
            servers.extend(Server(env, port, directory / f"gunicorn-{port}.log") for port in ports)
            deadline = time.monotonic() + 60
            flask_command(env, "db", "upgrade")
            app = create_app(
                {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": env["INSTANCE_PATH"]}
            )
            data = add_accounts_and_problems(app)
            for server in servers:
                server.wait_until_healthy(deadline)
            yield {"ports": ports, "app": app, **data}
        finally:
            for server in servers:
                server.stop()
            for server in servers:
                server.wait_stopped()
                # Shown by pytest only when a test failed.
                print(f"--- gunicorn on port {server.port} ---\n{server.log()}")
            for key in storage.scan_iter(match=f"*{prefix}*"):
                storage.delete(key)
            storage.close()
            if app is not None:
                with app.app_context():
                    db.engine.dispose()


def add_accounts_and_problems(app):
    # A cheap hash keeps the sign-ins fast; the strength of scrypt is not what is tested here.
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    with app.app_context():
        theme = Theme(slug="t", name_fr="T", name_en="T", name_es="T")
        people = [
            User(
                email=f"person{i}@example.org",
                display_name=f"Personne {i}",
                password_hash=cheap,
                accepted_terms_at=utcnow(),
            )  # fmt: skip
            for i in range(ACCOUNTS)
        ]
        db.session.add_all([theme, *people])
        db.session.flush()
        problems = [
            Problem(
                title=f"Problème {n}", description="x", theme_id=theme.id, author_id=people[0].id
            )
            for n in range(2)
        ]
        db.session.add_all(problems)
        db.session.commit()
        return {
            "people": [(p.email, p.display_name) for p in people],
            "problems": [problem.id for problem in problems],
        }


def address(n):
    """A distinct client address (TEST-NET-2, never routed) for the n-th visitor."""
    return f"198.51.{100 + n // 250}.{1 + n % 250}"


def sign_in(browser, email, port):
    browser.get(port, "/auth/login")
    response = browser.post(port, "/auth/login", {"email": email, "password": PASSWORD})
    assert response.status == 302, response.text


@pytest.fixture(scope="module")
def signed_in(cluster):
    """Every account signed in on one process, holding a CSRF token from the other."""
    a, b = cluster["ports"]

    def open_session(n):
        email, _name = cluster["people"][n]
        browser = Browser(address(n))
        sign_in(browser, email, (a, b)[n % 2])
        browser.get((b, a)[n % 2], "/")
        return browser

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(open_session, range(ACCOUNTS)))


def test_a_session_made_by_one_process_is_valid_in_the_other(cluster):
    a, b = cluster["ports"]
    email, name = cluster["people"][0]
    browser = Browser(address(1000))
    sign_in(browser, email, a)
    page = browser.get(b, "/account/")
    assert page.status == 200
    assert name in page.text
    # A form posted to the second process passes its CSRF check with the shared key.
    response = browser.post(b, "/auth/logout", {})
    assert response.status == 302
    assert browser.get(a, "/account/").status == 302


def settle(previous, answers, state):
    """The support state after two identical requests sent at once, from their answers."""
    first, second = answers
    if state is not None:
        assert first == second == (state == "on")
        return state == "on"
    if first == second:
        # Both read the state before either changed it: both made the same change.
        assert first is not previous
        return first
    # One ran after the other: the second undid the first.
    return previous


def test_concurrent_supports_through_both_processes_keep_exact_counters(cluster, signed_in):
    ports, problems = cluster["ports"], cluster["problems"]
    supported = {(n, problem): False for n in range(ACCOUNTS) for problem in problems}
    ever_supported = set()
    # Toggles, and a round with explicit states (the form's idempotent `state=on|off`).
    rounds = [None, None, lambda n: "on" if n % 3 else "off", None]
    for number, state_of in enumerate(rounds):
        # Each account sends the same request twice at the same instant, once to each process.
        requests = []
        for n, browser in enumerate(signed_in):
            problem = problems[(n + number) % 2]
            form = {"state": state_of(n)} if state_of else {}
            requests += [(n, problem, browser, ports[k], form) for k in (0, 1)]
        start = threading.Barrier(len(requests))

        def send(request, start=start):
            _n, problem, browser, port, form = request
            start.wait(timeout=30)
            return browser.post(port, f"/ideas/{problem}/support", form, accept="application/json")

        with ThreadPoolExecutor(max_workers=len(requests)) as pool:
            responses = list(pool.map(send, requests))

        assert [r.status for r in responses] == [200] * len(requests), next(
            r.text for r in responses if r.status != 200
        )
        for i in range(0, len(requests), 2):
            n, problem, _browser, _port, form = requests[i]
            answers = (responses[i].json()["supported"], responses[i + 1].json()["supported"])
            supported[n, problem] = settle(supported[n, problem], answers, form.get("state"))
            if True in answers:  # a support was added, if only for a moment: a follow stays
                ever_supported.add((n, problem))

    with cluster["app"].app_context():
        for problem_id in problems:
            problem = db.session.get(Problem, problem_id)
            supports = count_rows(Support, problem_id)
            expected = sum(supported[n, problem_id] for n in range(ACCOUNTS))
            assert problem.supports_count == supports == expected
            # Supporting follows the problem; taking the support back does not unfollow.
            follows = count_rows(Follow, problem_id)
            assert (
                problem.followers_count
                == follows
                == sum(i == problem_id for _, i in ever_supported)
            )
        most = db.session.scalar(
            select(func.count()).select_from(Support).group_by(Support.user_id, Support.problem_id)
            .order_by(func.count().desc()).limit(1)
        )  # fmt: skip
        assert most == 1


def count_rows(model, problem_id):
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.problem_id == problem_id)
    )


def test_sign_in_failures_through_both_processes_share_one_limit(cluster):
    ports = cluster["ports"]
    email, _name = cluster["people"][1]
    allowed = parse(SIGN_IN_LIMIT).amount
    attempts = [(Browser("203.0.113.7"), ports[k % 2]) for k in range(4 * allowed)]
    for browser, port in attempts:
        browser.get(port, "/auth/login")
    start = threading.Barrier(len(attempts))

    def attempt(browser_and_port):
        browser, port = browser_and_port
        start.wait(timeout=30)
        return port, browser.post(port, "/auth/login", {"email": email, "password": "wrong!"})

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        results = list(pool.map(attempt, attempts))

    statuses = sorted(response.status for _port, response in results)
    assert statuses == [400] * allowed + [429] * (len(attempts) - allowed)
    refused_by = {port for port, response in results if response.status == 429}
    assert refused_by == set(ports)
    for _port, response in results:
        if response.status == 429:
            assert TOO_MANY in html.unescape(response.text)


def test_a_limit_reached_in_one_process_applies_in_the_other(cluster):
    a, b = cluster["ports"]
    email, _name = cluster["people"][2]
    browser = Browser("203.0.113.8")
    browser.get(a, "/auth/login")
    form = {"email": email, "password": "wrong!"}
    for _ in range(parse(SIGN_IN_LIMIT).amount):
        assert browser.post(a, "/auth/login", form).status == 400
    refused = browser.post(b, "/auth/login", form)
    assert refused.status == 429
    assert TOO_MANY in html.unescape(refused.text)
    assert "Retry-After" in refused.headers
    # Another address is not affected.
    other = Browser("203.0.113.9")
    other.get(b, "/auth/login")
    assert other.post(b, "/auth/login", form).status == 400

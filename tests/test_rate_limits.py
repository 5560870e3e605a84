"""Sign-in and registration are rate limited; the limit is shared through Redis when set."""

import os
import subprocess
import sys
import uuid

import pytest

from platform.config import ROOT
from tests.support.pages import text


@pytest.fixture
def app_config():
    return {"RATELIMIT_SIGN_IN": "3 per minute", "RATELIMIT_REGISTER": "2 per minute"}


def test_sign_in_attempts_beyond_the_limit_get_a_translated_429(client, citizen):
    for _ in range(3):
        response = client.post("/auth/login", data={"email": citizen.email, "password": "nope"})
        assert response.status_code == 400
    response = client.post("/auth/login", data={"email": citizen.email, "password": "nope"})
    assert response.status_code == 429
    assert "Trop de tentatives" in text(response)
    assert "Retry-After" in response.headers


def test_registration_is_rate_limited(client):
    for _ in range(2):
        client.post("/auth/register", data={"email": "bad"})
    assert client.post("/auth/register", data={"email": "bad"}).status_code == 429


def test_reading_the_sign_in_page_is_not_limited(client):
    for _ in range(6):
        assert client.get("/auth/login").status_code == 200


def test_limits_can_be_switched_off_for_load_tests(new_app):
    client = new_app(RATELIMIT_ENABLED=False, RATELIMIT_SIGN_IN="1 per hour").test_client()
    for _ in range(3):
        response = client.post("/auth/login", data={"email": "x@example.org", "password": "y"})
        assert response.status_code == 400


def redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("no Redis server at TEST_REDIS_URL (CI always has one)")
    return url


OTHER_PROCESS = """
import re, sys
import app as entry_point
from platform import create_app
url, prefix, database_url = sys.argv[1:4]
app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "other",
                  "RATELIMIT_STORAGE_URI": url, "RATELIMIT_KEY_PREFIX": prefix,
                  "RATELIMIT_SIGN_IN": "3 per minute"})
client = app.test_client()
for _ in range(2):
    token = re.search('name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True))
    data = {"email": "x@example.org", "password": "wrong password", "csrf_token": token.group(1)}
    print(client.post("/auth/login", data=data).status_code)
"""


def test_two_processes_share_the_limit_through_redis(new_app, database_url, tmp_path):
    """Attempts made by another process count against this one's limit, through Redis."""
    url = redis_url()
    prefix = f"test-{uuid.uuid4().hex}"
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, url, prefix, database_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "INSTANCE_PATH": str(tmp_path / "other")},
    )
    assert other.stdout.split() == ["400", "400"], other.stderr
    client = new_app(
        REDIS_URL=url,
        RATELIMIT_STORAGE_URI=url,
        RATELIMIT_KEY_PREFIX=prefix,
        RATELIMIT_SIGN_IN="3 per minute",
    ).test_client()
    data = {"email": "x@example.org", "password": "wrong password"}
    assert [client.post("/auth/login", data=data).status_code for _ in range(2)] == [400, 429]

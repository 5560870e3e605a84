"""Responses can be cached by anyone: a strong ETag of the body, Last-Modified, 60 seconds of
freshness, 304 to conditional requests; and any web page may read them (CORS)."""

import hashlib
from datetime import timedelta

from werkzeug.http import http_date, parse_date

from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem

JSON_URLS = ("/api/v1/ideas", "/api/v1/prototypes", "/api/v1/experiments", "/api/v1/stats",
             "/api/openapi.json")  # fmt: skip


def test_json_responses_carry_a_strong_etag_of_their_body(client, world):
    for url in (*JSON_URLS, f"/api/v1/ideas/{world.proposed}"):
        response = client.get(url)
        etag, weak = response.get_etag()
        assert not weak and etag == hashlib.sha256(response.get_data()).hexdigest(), url
        assert response.headers["Cache-Control"] == "public, max-age=60", url


def test_if_none_match_answers_304_without_a_body(client, world):
    for url in (*JSON_URLS, f"/api/v1/ideas/{world.proposed}"):
        etag = client.get(url).headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.get_data() == b""
        assert again.headers["ETag"] == etag


def test_a_change_changes_the_etag(app, client, world):
    before = client.get("/api/v1/ideas").headers["ETag"]
    with app.app_context():
        db.session.get(Problem, world.proposed).title = "Trottoirs dégagés"
        db.session.commit()
    response = client.get("/api/v1/ideas", headers={"If-None-Match": before})
    assert response.status_code == 200 and response.headers["ETag"] != before


def test_last_modified_is_the_newest_change_in_the_response(app, client, world):
    later = utcnow() + timedelta(days=1)
    with app.app_context():
        db.session.get(Problem, world.orphan).updated_at = later
        db.session.commit()
    response = client.get("/api/v1/ideas")
    assert parse_date(response.headers["Last-Modified"]) == later.replace(microsecond=0)
    # A support changes a counter, not `updated_at`: If-Modified-Since alone never gets a 304,
    # which could keep a stale count; the ETag decides.
    again = client.get("/api/v1/ideas", headers={"If-Modified-Since": http_date(later)})
    assert again.status_code == 200 and again.headers["Last-Modified"]


def test_an_empty_page_has_no_last_modified(client, world):
    response = client.get("/api/v1/ideas?created_since=2999-01-01")
    assert "Last-Modified" not in response.headers


def test_any_origin_may_read_the_api_even_its_errors(client, world):
    for url in (*JSON_URLS, "/api/v1/ideas.csv", "/api/v1/ideas?limit=0", "/api/v1/ideas/0"):
        response = client.get(url, headers={"Origin": "https://data.example"})
        response.get_data()
        assert response.headers["Access-Control-Allow-Origin"] == "*", url
        response.close()


def test_html_pages_stay_same_origin(client):
    assert "Access-Control-Allow-Origin" not in client.get("/ideas/").headers


def test_the_api_sets_no_cookie_for_visitors(client, world):
    for url in JSON_URLS:
        assert "Set-Cookie" not in client.get(url).headers, url

"""Behind a reverse proxy, rate limits count per client only when the proxy is trusted."""

import pytest
from flask import request

ONCE_A_MINUTE = {"RATELIMIT_SIGN_IN": "1 per minute"}


def login(client, forwarded_for):
    data = {"email": "nobody@example.org", "password": "wrong password"}
    return client.post("/auth/login", data=data, headers={"X-Forwarded-For": forwarded_for})


def test_behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit(new_app):
    client = new_app(TRUSTED_PROXIES=1, **ONCE_A_MINUTE).test_client()
    assert login(client, "203.0.113.1").status_code == 400
    assert login(client, "203.0.113.1").status_code == 429
    assert login(client, "203.0.113.2").status_code == 400


def test_only_the_trusted_hops_of_the_forwarded_chain_are_believed(new_app):
    client = new_app(TRUSTED_PROXIES=1, **ONCE_A_MINUTE).test_client()
    assert login(client, "203.0.113.1").status_code == 400
    # The proxy appends the address it saw; what the client wrote before it changes nothing.
    assert login(client, "198.51.100.9, 203.0.113.1").status_code == 429


@pytest.mark.parametrize("forwarded_for", ["203.0.113.1", "203.0.113.2"])
def test_without_trusted_proxies_a_forwarded_address_does_not_escape_the_limit(
    new_app, forwarded_for
):
    client = new_app(**ONCE_A_MINUTE).test_client()
    assert login(client, "203.0.113.3").status_code == 400
    assert login(client, forwarded_for).status_code == 429


def test_the_trusted_proxy_gives_the_scheme_and_the_address(new_app):
    app = new_app(TRUSTED_PROXIES=1)
    seen = {}

    @app.get("/what-the-app-sees")
    def what_the_app_sees():
        seen.update(scheme=request.scheme, address=request.remote_addr)
        return ""

    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    app.test_client().get("/what-the-app-sees", headers=headers)
    assert seen == {"scheme": "https", "address": "198.51.100.7"}

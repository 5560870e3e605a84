"""No personal data leaves through the API: no e-mail address anywhere, no participant's name,
no comment or feedback text, nothing hidden, pending or still a draft."""

import re

from tests.api.calls import fetch_all, get, text_of
from tests.api.conftest import SECRETS

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def every_body(client, world):
    bodies = [(url, text_of(response)) for _, url, response in fetch_all(client, world)]
    bodies.append(("/api/openapi.json", text_of(get(client, "/api/openapi.json"))))
    return bodies


def test_the_world_has_e_mail_addresses_to_leak(world, fetch):
    assert all(EMAIL.fullmatch(email) for email in world.emails)


def test_no_e_mail_address_in_any_api_or_csv_response(client, world):
    for url, body in every_body(client, world):
        assert EMAIL.search(body) is None, (url, EMAIL.search(body))
        for email in world.emails:
            assert email.split("@")[0] not in body, url


def test_nothing_hidden_pending_draft_or_personal_in_any_response(client, world):
    for url, body in every_body(client, world):
        for secret in SECRETS:
            assert secret not in body, (url, secret)


def test_signed_in_moderators_get_the_same_public_data(client, auth, world, make_user):
    """The API never looks at who asks: a moderator's session shows nothing more."""
    from platform.roles import Role

    auth.login(make_user(Role.MODERATOR))
    for url, body in every_body(client, world):
        for secret in SECRETS:
            assert secret not in body, (url, secret)

"""Rate limits on contributions (sign-in and registration have theirs in accounts)."""

from datetime import timedelta

from flask import current_app
from flask_login import current_user

from platform.database import utcnow
from platform.extensions import client_address, limiter


def account_or_address():
    """Count a signed-in account's posts wherever they come from; a visitor's per address."""
    if current_user.is_authenticated:
        return f"account:{current_user.id}"
    return client_address()


def is_new_account():
    """Whether the signed-in account was created less than NEW_ACCOUNT_HOURS ago."""
    if not current_user.is_authenticated:
        return False
    age = timedelta(hours=current_app.config["NEW_ACCOUNT_HOURS"])
    return current_user.created_at > utcnow() - age


def _posting_rate():
    return current_app.config["RATELIMIT_POSTING"]


def _new_account_rate():
    return f"{current_app.config['NEW_ACCOUNT_CONTRIBUTIONS']} per day"


def _went_through(response):
    # A form sent back with its errors (400) or a refusal saved nothing: it is no contribution.
    return response.status_code < 400


_posting = limiter.limit(_posting_rate, key_func=account_or_address, methods=["POST"])
# One allowance for all of a new account's contributions, whichever route they go through.
_new_account = limiter.shared_limit(
    _new_account_rate,
    scope="new-account",
    key_func=account_or_address,
    methods=["POST"],
    exempt_when=lambda: not is_new_account(),
    deduct_when=_went_through,
)


def posting_limit(view):
    """Limit a contribution route: every account's pace, and a new account's daily allowance."""
    return _posting(_new_account(view))

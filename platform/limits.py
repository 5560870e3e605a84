"""Rate limits on contributions (sign-in and registration have theirs in accounts)."""

from flask import current_app
from flask_login import current_user

from platform.extensions import client_address, limiter


def account_or_address():
    """Count a signed-in account's posts wherever they come from; a visitor's per address."""
    if current_user.is_authenticated:
        return f"account:{current_user.id}"
    return client_address()


def _posting_rate():
    return current_app.config["RATELIMIT_POSTING"]


posting_limit = limiter.limit(_posting_rate, key_func=account_or_address, methods=["POST"])

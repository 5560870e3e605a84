"""The API's query string: filters, page size and cursor. Bad input answers 400 and says why."""

import base64
import binascii
import re
from datetime import UTC, datetime

from flask import request
from flask_babel import lazy_gettext as _l

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Months of participation figures in /api/v1/stats.
DEFAULT_MONTHS = 12
MAX_MONTHS = 120
# Accepted everywhere: the language of error messages (platform/i18n.py); the data itself is the
# same in every language.
GLOBAL_PARAMETERS = frozenset({"lang"})
_ID = re.compile(r"[0-9]{1,18}")


class ApiError(Exception):
    """A refused request, answered as `{"error": {"code": ..., "message": ...}}` with `status`."""

    def __init__(self, status, code, message):
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.message = message


def invalid(message):
    return ApiError(400, "invalid_parameter", message)


def shown(value):
    """A value quoted back in a message, cut short if someone sent a page of text."""
    return value if len(value) <= 40 else value[:40] + "…"


def check_names(accepted):
    """Refuse unknown or repeated parameters: a misspelt filter must not silently match all."""
    for name in request.args:
        if name not in accepted and name not in GLOBAL_PARAMETERS:
            raise ApiError(
                400,
                "unknown_parameter",
                _l("Unknown parameter “%(name)s”. Accepted parameters: %(names)s.",
                   name=shown(name), names=", ".join(sorted(accepted | GLOBAL_PARAMETERS))),
            )  # fmt: skip
        if len(request.args.getlist(name)) > 1:
            raise invalid(_l("Give the parameter “%(name)s” only once.", name=name))


def text(name):
    return request.args.get(name, "").strip()


def choice(name, accepted):
    """One of `accepted` (strings), or None when the parameter is absent."""
    value = text(name)
    if not value:
        return None
    if value not in accepted:
        raise invalid(
            _l("Unknown value “%(value)s” for “%(name)s”. Accepted values: %(values)s.",
               value=shown(value), name=name, values=", ".join(accepted))
        )  # fmt: skip
    return value


def refused(refusal):
    """The API's answer to a filter value the lists cannot use (a `Refusal` of the filters)."""
    return invalid(
        _l("Unknown value “%(value)s” for “%(name)s”. Accepted values: %(values)s.",
           value=shown(refusal.value), name=refusal.name, values=", ".join(refusal.accepted))
    )  # fmt: skip


def identifier(name):
    """A positive whole number (an id), or None when absent."""
    value = text(name)
    if not value:
        return None
    if not _ID.fullmatch(value) or int(value) == 0:
        raise invalid(_l("“%(name)s” must be a whole number above 0.", name=name))
    return int(value)


def since(name):
    """A date or date-time in ISO 8601 (UTC when no offset is given), or None when absent."""
    value = text(name)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 moved across an offset
        raise invalid(
            _l("“%(name)s” must be a date such as 2025-01-31 or 2025-01-31T08:00:00Z.", name=name)
        ) from None


def number(name, default, maximum):
    """A whole number from 1 to `maximum`, or `default` when absent."""
    value = text(name)
    if not value:
        return default
    if not _ID.fullmatch(value) or not 1 <= int(value) <= maximum:
        raise invalid(
            _l("“%(name)s” must be a whole number from 1 to %(max)s.", name=name, max=maximum)
        )
    return int(value)


def limit():
    return number("limit", DEFAULT_LIMIT, MAX_LIMIT)


def encode_cursor(last_id):
    """The opaque cursor of the page after the row `last_id` (clients only pass it back)."""
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def after_id():
    """The id a page starts after, from the `cursor` of the previous page (0: first page)."""
    value = text("cursor")
    if not value:
        return 0
    try:
        decoded = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    prefix, _, number = decoded.partition(":")
    if prefix != "after" or not _ID.fullmatch(number):
        raise ApiError(
            400,
            "invalid_cursor",
            _l("This cursor is not valid: follow the “next” link of the previous page."),
        )
    return int(number)

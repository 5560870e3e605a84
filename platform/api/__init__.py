"""Open data API: read-only JSON and CSV of what visitors see, described by OpenAPI (DESIGN §7)."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from platform.api import routes  # noqa: E402,F401

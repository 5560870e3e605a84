"""Home page, terms of use, the health check and uploaded images."""

from flask import abort, render_template, send_from_directory
from flask_login import current_user

from platform.database import database_reachable
from platform.extensions import limiter
from platform.images import content_type_of, is_stored_name, upload_folder
from platform.main import bp
from platform.surveys import services as surveys


@bp.route("/")
def home():
    return render_template(
        "main/home.html", open_surveys=surveys.open_surveys(current_user, limit=3),
        survey_results=surveys.latest_results(current_user, limit=2),
    )  # fmt: skip


@bp.route("/terms")
def terms():
    return render_template("main/terms.html")


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """Answer 200 when the application can reach its database, 503 otherwise."""
    if not database_reachable():
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


@bp.route("/accessibility")
def accessibility():
    return render_template("main/accessibility.html")


@bp.route("/uploads/<name>")
def upload(name):
    """Serve an uploaded image (names are random and never reused, so caches may keep it)."""
    if not is_stored_name(name):
        abort(404)
    response = send_from_directory(
        upload_folder(), name, mimetype=content_type_of(name), max_age=365 * 24 * 3600
    )
    response.cache_control.immutable = True
    return response

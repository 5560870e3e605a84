"""Home page, terms of use and the health check."""

from flask import render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from platform.extensions import db, limiter
from platform.main import bp


@bp.route("/")
def home():
    return render_template("main/home.html")


@bp.route("/terms")
def terms():
    return render_template("main/terms.html")


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """Answer 200 when the application can reach its database, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


@bp.route("/accessibility")
def accessibility():
    return render_template("main/accessibility.html")

"""Translated error pages for the errors a visitor can meet."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from platform.extensions import db
from platform.permissions import Refused

ERROR_TEXTS = {
    400: (
        _l("The request could not be understood"),
        _l("Something in what was sent is not valid. Go back, check the form and try again."),
    ),
    403: (
        _l("Access denied"),
        _l("Your account is not allowed to do this. If you think it should be, contact the lab."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist or is no longer available. Check the address."),
    ),
    405: (
        _l("Action not allowed"),
        _l("This page cannot be used this way."),
    ),
    413: (
        _l("The file is too large"),
        _l("Files of at most 5 MB are accepted. Make the image smaller and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You tried too many times in a short while. Wait a few minutes, then try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("The error has been recorded. Please try again in a few minutes."),
    ),
}

CSRF_TEXT = (
    _l("The form has expired"),
    _l(
        "For your security, forms are only valid for the page they were shown on. "
        "Nothing was saved: go back, reload the page and send the form again."
    ),
)


def api_error(status, code, message):
    """The open data API's error: JSON whatever went wrong, never an HTML page (docs/api.md)."""
    return {"error": {"code": code, "message": str(message)}}, status


def render_error(code, title, message):
    if request.path.startswith("/api/"):
        return api_error(
            code, HTTP_STATUS_CODES.get(code, "error").lower().replace(" ", "_"), message
        )
    if request.accept_mimetypes.best == "application/json":
        return {"error": str(title), "message": str(message)}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def handle_http_error(error):
    code = error.code or 500
    title, message = ERROR_TEXTS.get(code, (error.name, error.description))
    if isinstance(error, Refused):
        message = error.description
    return render_error(code, title, message)


def handle_csrf_error(_error):
    return render_error(400, *CSRF_TEXT)


def handle_internal_error(error):
    # An unexpected exception: what the request changed must not be committed.
    db.session.rollback()
    return handle_http_error(error)


def init_app(app):
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_internal_error)

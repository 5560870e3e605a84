"""How routes apply the features' `can_<action>(user, obj)` predicates.

A visitor who is refused is sent to sign in; a signed-in account that is refused gets 403. The
same predicates are template globals, so a button is shown exactly when its action is allowed.
"""

from functools import wraps

from flask import abort
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from platform.extensions import login_manager
from platform.roles import Role


class Refused(Forbidden):
    """A 403 whose description tells the person why, in their language."""


def ensure(allowed, reason=None):
    """Stop the request unless `allowed` is true; `reason` explains a refusal to the account."""
    if allowed:
        return
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if reason:
        raise Refused(description=str(reason))
    abort(403)


def permission_required(predicate):
    """Decorate a view so it runs only when `predicate(current_user, None)` is true."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            ensure(predicate(current_user, None))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def register_predicates(blueprint, *predicates):
    """Make the predicates available to every template."""
    for predicate in predicates:
        blueprint.add_app_template_global(predicate)


def is_lab(user):
    """City agents and the roles above them: the lab, who prepare prototypes and experiments."""
    return user.is_authenticated and user.has_role(Role.AGENT)


def can_see_drafts(user, _obj=None):
    """Drafts (of prototypes, experiments) exist for the lab only."""
    return is_lab(user)

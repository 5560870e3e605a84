"""Account rules: registration, sign-in checks, settings, passwords and roles.

Services take the acting user, flush and never commit; they raise `AccountError` with a message
for the person and the form field it concerns.
"""

import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from platform.accounts.models import User, check_password_for_nobody
from platform.database import utcnow
from platform.extensions import db
from platform.roles import Role
from platform.rules import RuleError
from platform.signals import role_changed

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

# Frequent passwords long enough to pass the length rule (from published breach lists).
COMMON_PASSWORDS = frozenset(
    [
        "1234567890",
        "0123456789",
        "0987654321",
        "1234512345",
        "1122334455",
        "1111111111",
        "0000000000",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "qwertyuiop",
        "azertyuiop",
        "qwertzuiop",
        "asdfghjkl;",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "motdepasse",
        "motdepasse1",
        "motdepasse123",
        "contrasena",
        "contrasena1",
        "contrasena123",
        "contraseña",
        "contraseña1",
        "iloveyou123",
        "jetaime123",
        "teamo12345",
        "administrator",
        "letmein123",
        "welcome123",
        "bienvenue1",
        "bienvenido1",
        "football123",
        "sunshine12",
        "princess12",
        "superman12",
        "baseball12",
        "trustno1234",
        "abcdefghij",
        "abcd123456",
        "azerty1234",
        "qwerty1234",
        "soleil1234",
        "marseille1",
        "marseille13",
        "parisparis",
    ]
)


class AccountError(RuleError):
    """A rule refused the request; `message` says why, `field` names the form field."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_account(email):
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_strength(password, email="", display_name="", field="password"):
    """Raise `AccountError` when the password is too weak to protect an account."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise AccountError(
            _l("Choose a password of at least %(n)s characters.", n=PASSWORD_MIN_LENGTH),
            field,
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        raise AccountError(
            _l("Choose a password of at most %(n)s characters.", n=PASSWORD_MAX_LENGTH),
            field,
        )
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        raise AccountError(
            _l(
                "This password is too common. Choose a less predictable one, such as three "
                "unrelated words."
            ),
            field,
        )
    personal = [normalise_email(email).split("@")[0], (display_name or "").strip().lower()]
    if any(len(part) >= 4 and part in lowered for part in personal):
        raise AccountError(
            _l("Your password must not contain your e-mail address or your name."), field
        )
    if len(set(password)) < 5:
        raise AccountError(_l("Use more varied characters in your password."), field)


def check_email(email):
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(
            _l("Enter an e-mail address in the correct format, like name@example.org."), "email"
        )


def register_account(email, display_name, password, *, accepted_terms, role=Role.CITIZEN):
    """Create an account; the password is stored hashed (scrypt)."""
    email = normalise_email(email)
    display_name = (display_name or "").strip()
    check_email(email)
    if not accepted_terms:
        raise AccountError(_l("You must accept the terms of use to create an account."), "terms")
    check_password_strength(password, email, display_name)
    if db.session.scalar(select(func.count()).where(User.email == email)):
        raise AccountError(_duplicate_email_message(), "email")
    user = User(email=email, display_name=display_name, role=role, accepted_terms_at=utcnow())
    user.set_password(password)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        # The same address was registered by a concurrent request.
        raise AccountError(_duplicate_email_message(), "email") from None
    return user


def _duplicate_email_message():
    return _l("An account already exists with this e-mail address. Sign in instead.")


def authenticate(email, password):
    """Return the account these credentials open, or None.

    The answer takes the same time whether the address is known or not, so the sign-in form
    does not reveal which addresses have an account.
    """
    user = find_account(email)
    if user is None:
        check_password_for_nobody(password)
        return None
    return user if user.check_password(password) else None


def record_sign_in(user):
    user.last_sign_in_at = utcnow()


def update_settings(user, *, display_name, locale, district):
    """Save the account's display name, language and district."""
    user.display_name = display_name.strip()
    user.locale = locale
    user.district = district
    db.session.flush()


def change_password(user, current_password, new_password):
    """Replace the password after checking the current one; other sessions are signed out."""
    if not user.check_password(current_password):
        raise AccountError(_l("Your current password is not correct."), "current_password")
    check_password_strength(new_password, user.email, user.display_name, "new_password")
    user.set_password(new_password)
    user.rotate_session_token()
    db.session.flush()


def change_role(actor, target, role):
    """Give `target` another role; admins cannot change their own role (no lock-out)."""
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(_l("Choose one of the roles in the list."), "role") from None
    if actor.id == target.id:
        raise AccountError(_l("You cannot change your own role."), "role")
    old_role, target.role = target.role, role
    db.session.flush()
    role_changed.send(
        current_app._get_current_object(), actor=actor, account=target, old_role=old_role,
        new_role=role,
    )  # fmt: skip
    return target


def find_active_account(user_id):
    """The account with this id, unless it was deleted; else None."""
    user = db.session.get(User, user_id)
    return None if user is None or user.is_deleted else user


def accounts_page(q="", *, page=1, per_page=50):
    """A page of the accounts that are not deleted, newest first; `q` searches the e-mail
    address and the name, ignoring case."""
    query = select(User).where(User.deleted_at.is_(None))
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(User.email.like(pattern), func.lower(User.display_name).like(pattern))
        )
    query = query.order_by(User.created_at.desc(), User.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def account_of_session(session_id):
    """The account a session cookie names ("<id>:<token>"), or None: a session made before a
    password change (the token rotated) or of a deleted account is refused."""
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.is_deleted or user.session_token != token:
        return None
    return user

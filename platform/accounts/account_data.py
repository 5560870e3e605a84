"""The account's own row in its data export, and what deleting the account does to it.

Deleting keeps the row, emptied of everything personal, so that what the account took part in
still adds up (supports, sign-ups to past experiments, the moderation log).
"""

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.accounts.services import AccountError
from platform.database import isoformat, utcnow
from platform.extensions import db
from platform.roles import Role


def export_account(user):
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.value,
            "language": user.locale,
            "district": user.district.slug if user.district else None,
            "created_at": isoformat(user.created_at),
            "accepted_terms_at": isoformat(user.accepted_terms_at),
            "last_sign_in_at": isoformat(user.last_sign_in_at),
            "suspended_until": isoformat(user.suspended_until),
            "suspension_reason": user.suspension_reason or None,
        }
    }


def check_deletion(user, password):
    """Refuse, with the reason, a deletion the account may not make."""
    if not user.check_password(password):
        raise AccountError(_l("Your password is not correct."), "password")
    if user.role is Role.ADMIN and not _another_admin(user):
        raise AccountError(
            _l("You are the only administrator: give that role to another account first."),
            "password",
        )


def empty_account(user):
    """Leave the row, with nothing that says who it was: no address, name or password."""
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@deleted.invalid"
    user.display_name = ""
    user.password_hash = "!"  # noqa: S105 - not a hash: no password matches it
    user.role = Role.CITIZEN
    user.locale = None
    user.district = None
    user.last_sign_in_at = None
    user.suspended_until = None
    user.suspension_reason = ""
    user.deleted_at = utcnow()
    user.rotate_session_token()


def _another_admin(user):
    return db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.id != user.id, User.deleted_at.is_(None))
    )

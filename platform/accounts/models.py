"""Accounts and their roles."""

import secrets
from datetime import datetime
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, UserMixin
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from platform.database import UTCDateTime, enum_type, utcnow
from platform.extensions import db
from platform.roles import Role
from platform.taxonomy.models import District

DELETED_ACCOUNT = _l("Deleted account")


def new_session_token():
    return secrets.token_urlsafe(16)


@cache
def _unused_hash():
    """A hash to check against when no account matches, so both cases take the same time."""
    return generate_password_hash(secrets.token_hex(16))


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    # The admin's list of accounts, newest first (migration 0007).
    __table_args__ = (Index("ix_user_account_created_at_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"), default=Role.CITIZEN)
    locale: Mapped[str | None] = mapped_column(String(5))
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True
    )
    # Part of the session's identity: changing it signs the account out everywhere else.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    accepted_terms_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A suspended account can read and sign in but not contribute, until this moment.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when the account is deleted: the row stays, emptied of personal data, so that what the
    # account contributed (supports, sign-ups to past experiments, the audit log) still adds up.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    district: Mapped[District | None] = relationship(lazy="joined")

    def __repr__(self):
        return f"<User {self.id} {self.role}>"

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def has_role(self, role):
        """Whether the account holds `role` or a role above it."""
        return self.role.rank >= Role(role).rank

    def rotate_session_token(self):
        self.session_token = new_session_token()

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def public_name(self):
        """The name shown with the account's contributions."""
        return DELETED_ACCOUNT if self.is_deleted else self.display_name

    @property
    def is_suspended(self):
        return self.suspended_until is not None and self.suspended_until > utcnow()


class AnonymousUser(AnonymousUserMixin):
    """A visitor who has not signed in."""

    id = None
    role = None
    locale = None
    display_name = None

    def has_role(self, role):
        return False

    is_suspended = False


def check_password_for_nobody(password):
    """Spend the time a real password check takes, and fail."""
    check_password_hash(_unused_hash(), password)
    return False

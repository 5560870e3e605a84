"""Reports on contributions, and the append-only log of moderation actions."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from platform.accounts.models import User
from platform.database import UTCDateTime, enum_type, utcnow
from platform.extensions import db


class TargetType(enum.StrEnum):
    """What can be reported and moderated."""

    PROBLEM = "idea"
    COMMENT = "comment"
    FEEDBACK = "feedback"
    ACCOUNT = "account"
    SURVEY_ANSWER = "survey_answer"  # a quotation picked from a survey's free answers


# Stored as an item's `hidden_reason` when reports hid it, rather than a moderator.
AUTO_HIDDEN_REASON = "auto"


def moderator_reason(item):
    """The reason a moderator gave for hiding `item`, while it stays hidden; else ""."""
    if item is None or not item.is_hidden or item.hidden_reason == AUTO_HIDDEN_REASON:
        return ""
    return item.hidden_reason


class ReportReason(enum.StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    OFF_TOPIC = "off_topic"
    PERSONAL_DATA = "personal_data"
    OTHER = "other"

    @property
    def label(self):
        return {
            ReportReason.SPAM: _l("Spam or advertising"),
            ReportReason.OFFENSIVE: _l("Offensive or hateful"),
            ReportReason.OFF_TOPIC: _l("Off topic"),
            ReportReason.PERSONAL_DATA: _l("Personal data about someone"),
            ReportReason.OTHER: _l("Other (explain)"),
        }[self]


class Report(db.Model):
    """One account's report of one item (at most one, by the database's own rule)."""

    __tablename__ = "report"
    __table_args__ = (
        UniqueConstraint("target_type", "target_id", "reporter_id"),
        Index("ix_report_open", "resolved_at", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[TargetType] = mapped_column(enum_type(TargetType, "target_type"))
    target_id: Mapped[int] = mapped_column()
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    reason: Mapped[ReportReason] = mapped_column(enum_type(ReportReason, "reason"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    reporter: Mapped[User] = relationship(lazy="raise")


class ActionType(enum.StrEnum):
    """Every kind of moderation or administration action the log records."""

    HIDE = "hide"
    RESTORE = "restore"
    DISMISS = "dismiss"
    AUTO_HIDE = "auto_hide"
    PUBLISH = "publish"
    CHANGE_STATUS = "change_status"
    MERGE = "merge"
    SUSPEND = "suspend"
    UNSUSPEND = "unsuspend"
    CHANGE_ROLE = "change_role"

    @property
    def label(self):
        return {
            ActionType.HIDE: _l("Hidden"),
            ActionType.RESTORE: _l("Restored"),
            ActionType.DISMISS: _l("Reports dismissed"),
            ActionType.AUTO_HIDE: _l("Hidden automatically after reports"),
            ActionType.PUBLISH: _l("Published after moderation"),
            ActionType.CHANGE_STATUS: _l("Stage changed"),
            ActionType.MERGE: _l("Merged into another problem"),
            ActionType.SUSPEND: _l("Account suspended"),
            ActionType.UNSUSPEND: _l("Suspension lifted"),
            ActionType.CHANGE_ROLE: _l("Role changed"),
        }[self]


class ModerationAction(db.Model):
    """One line of the audit log: who did what to which item, why, and when. Never changed."""

    __tablename__ = "moderation_action"
    __table_args__ = (
        Index("ix_moderation_action_created_at", "created_at"),
        Index("ix_moderation_action_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[ActionType] = mapped_column(enum_type(ActionType, "action"))
    target_type: Mapped[TargetType] = mapped_column(enum_type(TargetType, "target_type"))
    target_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="raise")


class AppendOnlyError(RuntimeError):
    """The moderation log is only ever added to."""


@event.listens_for(Session, "before_flush")
def _keep_the_log_append_only(session, _context, _instances):
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, ModerationAction) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise AppendOnlyError("moderation log entries cannot be changed or deleted")

"""Notifications kept for an account, and how it wants to hear of them by e-mail."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import UTCDateTime, enum_type, utcnow
from platform.experiments.models import Experiment
from platform.extensions import db
from platform.ideas.models import Problem, StatusChange
from platform.prototypes.models import Feedback, Prototype
from platform.surveys.models import Survey


class Kind(enum.StrEnum):
    """What happened that the recipient wants to know."""

    COMMENT = "comment"  # on the recipient's problem
    REPLY = "reply"  # to the recipient's comment
    STATUS_CHANGED = "status_changed"  # of a problem the recipient follows
    PROTOTYPE_PUBLISHED = "prototype_published"
    EXPERIMENT_OPENED = "experiment_opened"
    PLACE_FREED = "place_freed"  # the recipient left the waiting list for a place
    RESULTS_PUBLISHED = "results_published"
    CONTENT_HIDDEN = "content_hidden"  # a moderator's decision on the recipient's contribution
    CONTENT_RESTORED = "content_restored"
    SURVEY_RESULTS = "survey_results"  # of a survey the recipient answered


class EmailFrequency(enum.StrEnum):
    DAILY = "daily"
    IMMEDIATE = "immediate"
    NONE = "none"

    @property
    def label(self):
        return {
            EmailFrequency.DAILY: _l("A daily digest (recommended)"),
            EmailFrequency.IMMEDIATE: _l("An e-mail as soon as something happens"),
            EmailFrequency.NONE: _l("No e-mail: I read my notifications on the site"),
        }[self]


PENDING = "emailed_at IS NULL AND read_at IS NULL"


class Notification(db.Model):
    """One thing one account is told about.

    It holds links, never text: names and titles are read from the linked rows when it is shown
    or e-mailed, so that an account's deletion or a renamed problem leaves nothing stale behind.
    """

    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_recipient_id_read_at", "recipient_id", "read_at"),
        Index("ix_notification_recipient_id_created_at", "recipient_id", "created_at"),
        # What the next digests will send: small, whatever the size of the table.
        Index(
            "ix_notification_pending",
            "recipient_id",
            sqlite_where=text(PENDING),
            postgresql_where=text(PENDING),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, "kind"))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    problem_id: Mapped[int | None] = mapped_column(
        "idea_id", ForeignKey("idea.id", ondelete="CASCADE")
    )
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    prototype_id: Mapped[int | None] = mapped_column(ForeignKey("prototype.id", ondelete="CASCADE"))
    experiment_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiment.id", ondelete="CASCADE")
    )
    feedback_id: Mapped[int | None] = mapped_column(
        ForeignKey("prototype_feedback.id", ondelete="CASCADE")
    )
    status_change_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_change.id", ondelete="CASCADE")
    )
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="raise")
    problem: Mapped[Problem | None] = relationship(lazy="raise")
    comment: Mapped[Comment | None] = relationship(lazy="raise")
    prototype: Mapped[Prototype | None] = relationship(lazy="raise")
    experiment: Mapped[Experiment | None] = relationship(lazy="raise")
    feedback: Mapped[Feedback | None] = relationship(lazy="raise")
    status_change: Mapped[StatusChange | None] = relationship(lazy="raise")
    survey: Mapped[Survey | None] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Notification {self.id} {self.kind} to {self.recipient_id}>"

    @property
    def is_unread(self):
        return self.read_at is None


class NotificationSettings(db.Model):
    """An account's choice of e-mails; an account without a row gets the daily digest."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    email_frequency: Mapped[EmailFrequency] = mapped_column(
        enum_type(EmailFrequency, "email_frequency"), default=EmailFrequency.DAILY
    )
    last_emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

"""Prototypes of solutions, their successive versions, and citizens' feedback on each version."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from platform.accounts.models import User
from platform.comments.models import register_target
from platform.database import UTCDateTime, enum_type, utcnow
from platform.extensions import db
from platform.ideas.models import Problem


class PrototypeStatus(enum.StrEnum):
    """A draft is seen by agents only; an open prototype collects feedback; a closed one not."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self):
        return {
            PrototypeStatus.DRAFT: _l("Draft"),
            PrototypeStatus.OPEN: _l("Open for testing"),
            PrototypeStatus.CLOSED: _l("Closed"),
        }[self]


class QuestionKind(enum.StrEnum):
    TEXT = "text"
    SCALE = "scale"

    @property
    def label(self):
        return {
            QuestionKind.TEXT: _l("Free answer"),
            QuestionKind.SCALE: _l("Scale from 1 to 5"),
        }[self]


class Prototype(db.Model):
    """A solution the lab tries out for a problem, version after version."""

    __tablename__ = "prototype"
    __table_args__ = (Index("ix_prototype_status_updated_at", "status", "updated_at"),)
    comment_target_key = "prototype_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column("idea_id", ForeignKey("idea.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[PrototypeStatus] = mapped_column(
        enum_type(PrototypeStatus, "status"), default=PrototypeStatus.DRAFT
    )
    is_hidden: Mapped[bool] = mapped_column(default=False)
    versions_count: Mapped[int] = mapped_column(default=1)
    comments_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    problem: Mapped[Problem] = relationship(lazy="raise")
    author: Mapped[User | None] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Prototype {self.id} {self.status}>"

    @property
    def is_draft(self):
        return self.status is PrototypeStatus.DRAFT

    @property
    def is_closed(self):
        return self.status is PrototypeStatus.CLOSED

    @property
    def is_listed(self):
        return not self.is_draft and not self.is_hidden

    @property
    def accepts_comments(self):
        return self.is_listed

    @property
    def is_collecting_feedback(self):
        return self.status is PrototypeStatus.OPEN and not self.is_hidden


class PrototypeVersion(db.Model):
    """One version of a prototype: what changed, its questions, images and feedback."""

    __tablename__ = "prototype_version"
    __table_args__ = (UniqueConstraint("prototype_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prototype_id: Mapped[int] = mapped_column(ForeignKey("prototype.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    changes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Stored so that lists show testers and the average without reading every feedback.
    feedbacks_count: Mapped[int] = mapped_column(default=0)
    rating_sum: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f"<PrototypeVersion {self.prototype_id} v{self.number}>"

    @property
    def average_rating(self):
        return self.rating_sum / self.feedbacks_count if self.feedbacks_count else None


class Question(db.Model):
    """Something the lab wants to learn from the testers of a version."""

    __tablename__ = "prototype_question"
    __table_args__ = (Index("ix_prototype_question_version_id_position", "version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("prototype_version.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind, "kind"))


class Feedback(db.Model):
    """One account's test of one version (at most one, by the database's own rule)."""

    __tablename__ = "prototype_feedback"
    __table_args__ = (
        UniqueConstraint("version_id", "user_id"),
        CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("prototype_version.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    rating: Mapped[int] = mapped_column()
    comment: Mapped[str] = mapped_column(Text, default="")
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise")


class Answer(db.Model):
    """A tester's answer to one question: free text or a point on the 1–5 scale."""

    __tablename__ = "prototype_answer"
    __table_args__ = (
        UniqueConstraint("feedback_id", "question_id"),
        CheckConstraint(
            "scale_value IS NULL OR (scale_value >= 1 AND scale_value <= 5)", name="scale_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("prototype_feedback.id", ondelete="CASCADE")
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("prototype_question.id", ondelete="CASCADE"), index=True
    )
    text_value: Mapped[str | None] = mapped_column(Text)
    scale_value: Mapped[int | None] = mapped_column()


class PrototypeImage(db.Model):
    """A picture of a version, stored re-encoded under a random name."""

    __tablename__ = "prototype_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("prototype_version.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(64), unique=True)
    alt_text: Mapped[str] = mapped_column(String(250))
    content_type: Mapped[str] = mapped_column(String(30))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


register_target(Prototype, "prototypes.show", "prototype_id")

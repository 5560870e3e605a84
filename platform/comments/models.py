"""Comments and their replies."""

from datetime import datetime

from flask import url_for
from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from platform.accounts.models import User
from platform.database import UTCDateTime, utcnow
from platform.extensions import db

MAX_DEPTH = 2  # a comment, its replies, and replies to those

# Each kind of target: its column on Comment -> (model, endpoint of its page, URL argument).
TARGETS = {}


def register_target(model, endpoint, argument):
    """Declare a commentable model and the page that shows its comments."""
    TARGETS[model.comment_target_key] = (model, endpoint, argument)


class Comment(db.Model):
    __tablename__ = "comment"
    __table_args__ = (
        # Exactly one target: a problem or a prototype.
        CheckConstraint(
            "(CASE WHEN idea_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN prototype_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        CheckConstraint(f"depth >= 0 AND depth <= {MAX_DEPTH}", name="depth_range"),
        # A page of a thread: a target's top-level comments (parent_id IS NULL) in order, read
        # from the index in keyset order; also serves every lookup by target alone.
        Index("ix_comment_idea_thread", "idea_id", "parent_id", "created_at", "id"),
        Index("ix_comment_prototype_thread", "prototype_id", "parent_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int | None] = mapped_column(
        "idea_id", ForeignKey("idea.id", ondelete="CASCADE")
    )
    prototype_id: Mapped[int | None] = mapped_column(ForeignKey("prototype.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    depth: Mapped[int] = mapped_column(default=0)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")

    author: Mapped[User | None] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Comment {self.id}>"

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def target_key(self):
        return next(key for key in TARGETS if getattr(self, key, None) is not None)

    def target(self):
        """The problem (or other target) this comment belongs to."""
        model = TARGETS[self.target_key][0]
        return db.session.get(model, getattr(self, self.target_key))

    def target_url(self):
        """The page of the thread that shows this comment, scrolled to it."""
        _model, endpoint, argument = TARGETS[self.target_key]
        page = url_for(endpoint, **{argument: getattr(self, self.target_key)}, comment=self.id)
        return f"{page}#c{self.id}"

"""Problems (ideas), their supports, followers and status history."""

import enum
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from platform.accounts.models import User
from platform.comments.models import register_target
from platform.database import UTCDateTime, enum_type, utcnow
from platform.extensions import db
from platform.search import attach_search_schema
from platform.taxonomy.models import District, Theme


class ProblemStatus(enum.StrEnum):
    """Where a problem stands in the lab's process (DESIGN.md §3)."""

    PENDING = "pending"
    PROPOSED = "proposed"
    SELECTED = "selected"
    PROTOTYPING = "prototyping"
    EXPERIMENTING = "experimenting"
    ADOPTED = "adopted"
    NOT_RETAINED = "not_retained"
    MERGED = "merged"
    WITHDRAWN = "withdrawn"

    @property
    def label(self):
        return STATUS_LABELS[self]

    @property
    def is_listed(self):
        """Shown in lists and open to supports and comments."""
        return self in LISTED_STATUSES


STATUS_LABELS = {
    ProblemStatus.PENDING: _l("Awaiting moderation"),
    ProblemStatus.PROPOSED: _l("Proposed"),
    ProblemStatus.SELECTED: _l("Selected by the lab"),
    ProblemStatus.PROTOTYPING: _l("Prototyping"),
    ProblemStatus.EXPERIMENTING: _l("Experimenting"),
    ProblemStatus.ADOPTED: _l("Adopted"),
    ProblemStatus.NOT_RETAINED: _l("Not retained"),
    ProblemStatus.MERGED: _l("Merged"),
    ProblemStatus.WITHDRAWN: _l("Withdrawn"),
}

LISTED_STATUSES = frozenset(
    {
        ProblemStatus.PROPOSED,
        ProblemStatus.SELECTED,
        ProblemStatus.PROTOTYPING,
        ProblemStatus.EXPERIMENTING,
        ProblemStatus.ADOPTED,
        ProblemStatus.NOT_RETAINED,
    }
)

# The lab's moves (agents and above). Withdrawal by the author, publication of a pending problem
# and merging are moves of their own, made by the services that own them.
LAB_TRANSITIONS = {
    ProblemStatus.PROPOSED: {ProblemStatus.SELECTED, ProblemStatus.NOT_RETAINED},
    ProblemStatus.SELECTED: {ProblemStatus.PROTOTYPING, ProblemStatus.NOT_RETAINED},
    ProblemStatus.PROTOTYPING: {ProblemStatus.EXPERIMENTING, ProblemStatus.NOT_RETAINED},
    ProblemStatus.EXPERIMENTING: {ProblemStatus.ADOPTED, ProblemStatus.NOT_RETAINED},
}
NOTE_REQUIRED = frozenset({ProblemStatus.NOT_RETAINED})


def allowed_transitions(problem):
    """The stages the lab may move this problem to, in the order of the process."""
    allowed = LAB_TRANSITIONS.get(problem.status, set())
    return [status for status in ProblemStatus if status in allowed]


def status_column(name, **kwargs):
    return mapped_column(enum_type(ProblemStatus, name), **kwargs)


SHUFFLE_KEY_MAX = 2**31 - 1
# The orders of `/ideas/` (sort=top, new, discussed, random): each is served by an index, alone or
# after an equality on the filter the visitor chose (stage, theme or district). The id breaks ties
# and makes every order total, which keyset pagination needs.
SORT_COLUMNS = ("supports_count", "created_at", "comments_count", "shuffle_key")
FILTER_COLUMNS = ("status", "theme_id", "district_id")


def list_indexes():
    indexes = [Index(f"ix_idea_{sort}_id", sort, "id") for sort in SORT_COLUMNS]
    indexes += [
        Index(f"ix_idea_{name}_{sort}_id", name, sort, "id")
        for name in FILTER_COLUMNS
        for sort in SORT_COLUMNS
    ]
    return tuple(indexes)


def random_shuffle_key():
    return secrets.randbelow(SHUFFLE_KEY_MAX)


class Problem(db.Model):
    """A problem someone proposed for the lab to work on."""

    __tablename__ = "idea"
    __table_args__ = list_indexes()
    comment_target_key = "problem_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text)
    # Title and description folded (lowercase, no accents). Search uses its own index
    # (platform/search.py); this copy remains for exports and scripts that read it.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The foreign keys are served by the composite list indexes that start with them.
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[ProblemStatus] = status_column("status", default=ProblemStatus.PROPOSED)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id"))
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    supports_count: Mapped[int] = mapped_column(default=0)
    comments_count: Mapped[int] = mapped_column(default=0)
    followers_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The problem's place in the one shuffled order that `sort=random` walks from a point of its
    # own per visitor: an indexed column, so a random page costs what a sorted page costs.
    shuffle_key: Mapped[int] = mapped_column(default=random_shuffle_key)

    theme: Mapped[Theme] = relationship(lazy="raise")
    district: Mapped[District | None] = relationship(lazy="raise")
    author: Mapped[User | None] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Problem {self.id} {self.status}>"

    @property
    def is_pending(self):
        return self.status is ProblemStatus.PENDING

    @property
    def is_withdrawn(self):
        return self.status is ProblemStatus.WITHDRAWN

    @property
    def is_merged(self):
        return self.status is ProblemStatus.MERGED

    @property
    def is_listed(self):
        return self.status.is_listed and not self.is_hidden

    @property
    def accepts_comments(self):
        return self.is_listed

    @property
    def accepts_supports(self):
        return self.is_listed and self.status not in {ProblemStatus.NOT_RETAINED}


class Support(db.Model):
    """One account's support of one problem (at most one, by the database's own rule)."""

    __tablename__ = "support"
    __table_args__ = (UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Follow(db.Model):
    """An account that wants to hear what happens to a problem."""

    __tablename__ = "follow"
    __table_args__ = (UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StatusChange(db.Model):
    """One step of a problem's public timeline."""

    __tablename__ = "status_change"
    __table_args__ = (Index("ix_status_change_idea_id_created_at", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    from_status: Mapped[ProblemStatus] = status_column("from_status")
    to_status: Mapped[ProblemStatus] = status_column("to_status")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="raise")


register_target(Problem, "ideas.show", "problem_id")
attach_search_schema(Problem.__table__)

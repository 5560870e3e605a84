"""Experiments citizens sign up for, with limited places and a waiting list (DESIGN.md §4)."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from platform.accounts.models import User
from platform.database import UTCDateTime, enum_type, utcnow
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus


class Method(enum.StrEnum):
    """The design-thinking method an experiment serves."""

    IMMERSION = "immersion"
    OBSERVATION = "observation"
    SURVEY = "survey"
    INTERVIEW = "interview"
    WORKSHOP = "workshop"
    PROTOTYPE_TEST = "prototype_test"
    FIELD_EXPERIMENT = "field_experiment"

    @property
    def label(self):
        return METHOD_LABELS[self]


METHOD_LABELS = {
    Method.IMMERSION: _l("Immersion"),
    Method.OBSERVATION: _l("Observation"),
    Method.SURVEY: _l("Survey"),
    Method.INTERVIEW: _l("Interview"),
    Method.WORKSHOP: _l("Workshop"),
    Method.PROTOTYPE_TEST: _l("Prototype test"),
    Method.FIELD_EXPERIMENT: _l("Field experiment"),
}
# Opening one of these for a problem that is prototyping moves it to experimenting.
FIELD_METHODS = frozenset({Method.PROTOTYPE_TEST, Method.FIELD_EXPERIMENT})
# Problems the lab is working on, for which it may run experiments.
EXPERIMENTABLE = frozenset(
    {ProblemStatus.SELECTED, ProblemStatus.PROTOTYPING, ProblemStatus.EXPERIMENTING}
)


class ExperimentStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    COMPLETED = "completed"

    @property
    def label(self):
        return {
            ExperimentStatus.DRAFT: _l("Draft"),
            ExperimentStatus.OPEN: _l("Open for sign-up"),
            ExperimentStatus.CLOSED: _l("Sign-up closed"),
            ExperimentStatus.COMPLETED: _l("Results published"),
        }[self]


class SignUpStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"


experiment_organiser = Table(
    "experiment_organiser",
    db.metadata,
    Column("experiment_id", ForeignKey("experiment.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
)


class Experiment(db.Model):
    """Something citizens sign up for: an interview, a workshop, a field test..."""

    __tablename__ = "experiment"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("participants_count >= 0 AND waiting_count >= 0", name="counts"),
        Index("ix_experiment_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column("idea_id", ForeignKey("idea.id"), index=True)
    prototype_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("prototype_version.id"), index=True
    )
    method: Mapped[Method] = mapped_column(enum_type(Method, "method"))
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text)
    involvement: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(300))
    is_online: Mapped[bool] = mapped_column(default=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int] = mapped_column()
    status: Mapped[ExperimentStatus] = mapped_column(
        enum_type(ExperimentStatus, "status"), default=ExperimentStatus.DRAFT
    )
    participants_count: Mapped[int] = mapped_column(default=0)
    waiting_count: Mapped[int] = mapped_column(default=0)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    results: Mapped[str] = mapped_column(Text, default="")
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    problem: Mapped[Problem] = relationship(lazy="raise")
    organisers: Mapped[list[User]] = relationship(secondary=experiment_organiser, lazy="raise")

    def __repr__(self):
        return f"<Experiment {self.id} {self.status}>"

    @property
    def places_left(self):
        return max(self.capacity - self.participants_count, 0)

    @property
    def is_listed(self):
        return self.status is not ExperimentStatus.DRAFT and not self.is_hidden

    @property
    def is_draft(self):
        return self.status is ExperimentStatus.DRAFT

    @property
    def is_open(self):
        return self.status is ExperimentStatus.OPEN

    @property
    def is_completed(self):
        """Its results are published: it can no longer change."""
        return self.status is ExperimentStatus.COMPLETED

    @property
    def is_over(self):
        return utcnow() >= self.ends_at

    @property
    def accepts_sign_ups(self):
        """Open, shown and not over: citizens can take a place or a turn on the waiting list."""
        return self.is_open and not self.is_hidden and not self.is_over

    @property
    def awaits_results(self):
        """It ran (sign-ups open or closed) and is over: the lab can publish what it taught."""
        return self.status in {ExperimentStatus.OPEN, ExperimentStatus.CLOSED} and self.is_over


class SignUp(db.Model):
    """An account's place in an experiment, or its turn on the waiting list."""

    __tablename__ = "sign_up"
    __table_args__ = (
        UniqueConstraint("experiment_id", "user_id"),
        Index("ix_sign_up_experiment_id_status_id", "experiment_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiment.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[SignUpStatus] = mapped_column(enum_type(SignUpStatus, "status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="raise")
    # Read from the session's identity map, where the experiment shown or locked already is.
    experiment: Mapped[Experiment] = relationship(lazy="raise_on_sql")

    @property
    def is_confirmed(self):
        return self.status is SignUpStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status is SignUpStatus.WAITING

    @property
    def can_be_given_up(self):
        """A turn on the waiting list can be given up at any time; a place, until the start."""
        return self.is_waiting or utcnow() < self.experiment.starts_at

"""Surveys, the lab's "enquête" stage: a questionnaire in sections, one response per account,
results computed in SQL and published with the quotations the organisers pick.

A survey is `draft → open → closed → published`. Its stored status says what the organisers
decided; the opening and closing times say when an open survey takes answers (`phase`).
"""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
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
from platform.ideas.models import Problem
from platform.prototypes.models import Prototype


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"

    @property
    def label(self):
        return {
            SurveyStatus.DRAFT: _l("Draft"),
            SurveyStatus.OPEN: _l("Open"),
            SurveyStatus.CLOSED: _l("Closed"),
            SurveyStatus.PUBLISHED: _l("Results published"),
        }[self]


class Phase(enum.StrEnum):
    """What a survey is doing now: its status read with its opening and closing times."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"  # open, before its opening time
    OPEN = "open"
    CLOSED = "closed"  # closed by an organiser, or open past its closing time
    PUBLISHED = "published"

    @property
    def label(self):
        return {
            Phase.DRAFT: _l("Draft"),
            Phase.SCHEDULED: _l("Opens soon"),
            Phase.OPEN: _l("Open"),
            Phase.CLOSED: _l("Closed"),
            Phase.PUBLISHED: _l("Results published"),
        }[self]


class QuestionKind(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    RANKING = "ranking"
    MATRIX = "matrix"
    NUMBER = "number"

    @property
    def label(self):
        return QUESTION_KIND_LABELS[self]

    @property
    def is_text(self):
        return self in {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}

    @property
    def is_choice(self):
        """Single or multiple choice: may offer "other", and may condition later questions."""
        return self in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}

    @property
    def has_options(self):
        return self in {
            QuestionKind.SINGLE_CHOICE,
            QuestionKind.MULTIPLE_CHOICE,
            QuestionKind.RANKING,
            QuestionKind.MATRIX,
        }


QUESTION_KIND_LABELS = {
    QuestionKind.SHORT_TEXT: _l("Short text"),
    QuestionKind.LONG_TEXT: _l("Long text"),
    QuestionKind.SINGLE_CHOICE: _l("Single choice"),
    QuestionKind.MULTIPLE_CHOICE: _l("Multiple choice"),
    QuestionKind.SCALE: _l("Scale"),
    QuestionKind.RANKING: _l("Ranking"),
    QuestionKind.MATRIX: _l("Matrix (one choice per row)"),
    QuestionKind.NUMBER: _l("Number"),
}


survey_organiser = Table(
    "survey_organiser",
    db.metadata,
    Column("survey_id", ForeignKey("survey.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
)

# A conditional question is shown when its source question was answered with one of these.
survey_condition_option = Table(
    "survey_condition_option",
    db.metadata,
    Column("question_id", ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True),
    Column("option_id", ForeignKey("survey_option.id", ondelete="CASCADE"), primary_key=True),
)


class Survey(db.Model):
    """A questionnaire the lab runs, for a problem or a prototype, or on its own."""

    __tablename__ = "survey"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("responses_count >= 0", name="responses_count_not_negative"),
        Index("ix_survey_status_closes_at", "status", "closes_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    introduction: Mapped[str] = mapped_column(Text, default="")
    problem_id: Mapped[int | None] = mapped_column("idea_id", ForeignKey("idea.id"), index=True)
    prototype_id: Mapped[int | None] = mapped_column(ForeignKey("prototype.id"), index=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[SurveyStatus] = mapped_column(
        enum_type(SurveyStatus, "status"), default=SurveyStatus.DRAFT
    )
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    responses_count: Mapped[int] = mapped_column(default=0)
    # Set by the first response (even a draft one): from then on, types and options are locked.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    results_note: Mapped[str] = mapped_column(Text, default="")  # the lab's reading, Markdown
    is_hidden: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    problem: Mapped[Problem | None] = relationship(lazy="raise")
    prototype: Mapped[Prototype | None] = relationship(lazy="raise")
    organisers: Mapped[list[User]] = relationship(secondary=survey_organiser, lazy="raise")
    sections: Mapped[list["SurveySection"]] = relationship(
        back_populates="survey", order_by="SurveySection.position", lazy="raise",
        cascade="all, delete-orphan",
    )  # fmt: skip

    def __repr__(self):
        return f"<Survey {self.id} {self.status}>"

    @property
    def phase(self):
        if self.status is SurveyStatus.OPEN:
            now = utcnow()
            if now < self.opens_at:
                return Phase.SCHEDULED
            return Phase.OPEN if now < self.closes_at else Phase.CLOSED
        return Phase(self.status.value)

    @property
    def is_draft(self):
        return self.status is SurveyStatus.DRAFT

    @property
    def is_published(self):
        return self.status is SurveyStatus.PUBLISHED

    @property
    def is_listed(self):
        return not self.is_draft and not self.is_hidden

    @property
    def accepts_responses(self):
        """Open, shown, and between its opening and closing times."""
        return self.phase is Phase.OPEN and not self.is_hidden

    @property
    def awaits_results(self):
        """Closed (by an organiser or by its closing time): its results can be published."""
        return self.phase is Phase.CLOSED

    @property
    def is_locked(self):
        """A response exists: question types and options can no longer change."""
        return self.locked_at is not None


class SurveySection(db.Model):
    """One page of a survey: conditions on earlier answers are evaluated between pages."""

    __tablename__ = "survey_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")

    survey: Mapped[Survey] = relationship(back_populates="sections", lazy="raise")
    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="section", order_by="SurveyQuestion.position", lazy="raise",
        cascade="all, delete-orphan",
    )  # fmt: skip


class SurveyQuestion(db.Model):
    __tablename__ = "survey_question"
    __table_args__ = (
        CheckConstraint(
            "min_choices IS NULL OR max_choices IS NULL OR min_choices <= max_choices",
            name="choices_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept beside the section so that results read one survey's questions in one query.
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("survey_section.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind, "kind"))
    prompt: Mapped[str] = mapped_column(String(300))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    has_other: Mapped[bool] = mapped_column(default=False)
    min_choices: Mapped[int | None] = mapped_column()
    max_choices: Mapped[int | None] = mapped_column()
    scale_min: Mapped[int | None] = mapped_column()
    scale_max: Mapped[int | None] = mapped_column()
    low_label: Mapped[str] = mapped_column(String(80), default="")
    high_label: Mapped[str] = mapped_column(String(80), default="")
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_question.id", ondelete="SET NULL")
    )

    section: Mapped[SurveySection] = relationship(back_populates="questions", lazy="raise")
    options: Mapped[list["SurveyOption"]] = relationship(
        primaryjoin="and_(SurveyOption.question_id == SurveyQuestion.id, SurveyOption.is_row == False)",  # noqa: E501
        order_by="SurveyOption.position", lazy="raise", viewonly=True,
    )  # fmt: skip
    rows: Mapped[list["SurveyOption"]] = relationship(
        primaryjoin="and_(SurveyOption.question_id == SurveyQuestion.id, SurveyOption.is_row == True)",  # noqa: E501
        order_by="SurveyOption.position", lazy="raise", viewonly=True,
    )  # fmt: skip
    condition_options: Mapped[list["SurveyOption"]] = relationship(
        secondary=survey_condition_option, lazy="raise"
    )

    @property
    def is_conditional(self):
        return self.condition_question_id is not None

    @property
    def scale_values(self):
        if self.kind is not QuestionKind.SCALE:
            return []
        return list(range(self.scale_min, self.scale_max + 1))


class SurveyOption(db.Model):
    """A choice of a question; for a matrix, `is_row` marks its rows (the others are columns)."""

    __tablename__ = "survey_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    label: Mapped[str] = mapped_column(String(200))
    is_row: Mapped[bool] = mapped_column(default=False)


class SurveyRevision(db.Model):
    """A wording corrected after the survey was locked: what it said, what it says, who, when."""

    __tablename__ = "survey_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_question.id", ondelete="SET NULL")
    )
    what: Mapped[str] = mapped_column(String(40))  # a stable code: prompt, option, section_title...
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    by: Mapped[User | None] = relationship(lazy="raise")


class SurveyResponse(db.Model):
    """One account's response: a draft while `submitted_at` is empty.

    `respondent_key` is a keyed hash of (survey, account): unique per survey, it keeps one
    response per account even when the survey is anonymous and `user_id` stays empty.
    """

    __tablename__ = "survey_response"
    __table_args__ = (
        UniqueConstraint("survey_id", "respondent_key"),
        Index("ix_survey_response_survey_id_submitted_at", "survey_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    respondent_key: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    # The furthest section reached, where "continue" takes the participant.
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_section.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise")

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class SurveyAnswer(db.Model):
    """One piece of a response: one row per chosen option (so that results count options, not
    combinations), per ranked option with its `rank`, per matrix row with its column, one for a
    number or a scale value, one for a text or an "other" text (`is_other`).

    A text can be picked by the organisers as a published quotation (`quoted_at`); moderators
    can hide a quotation that is reported.

    Results read the answers of a survey question by question (`results.py`): the respondents
    per question from `(question_id, response_id)`, the options' counts, ranks and matrix cells
    from `ix_survey_answer_options` (index only, in its order), the quotations from
    `(question_id, quoted_at)`.
    """

    __tablename__ = "survey_answer"
    __table_args__ = (
        Index("ix_survey_answer_question_id_option_id", "question_id", "option_id"),
        Index("ix_survey_answer_question_id_quoted_at", "question_id", "quoted_at"),
        Index("ix_survey_answer_question_id_response_id", "question_id", "response_id"),
        Index(
            "ix_survey_answer_options",
            "question_id",
            "row_option_id",
            "option_id",
            "rank",
            "response_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id", ondelete="CASCADE"))
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_option.id", ondelete="CASCADE")
    )
    row_option_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_option.id", ondelete="CASCADE")
    )
    rank: Mapped[int | None] = mapped_column()
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    is_other: Mapped[bool] = mapped_column(default=False)
    quoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[SurveyResponse] = relationship(lazy="raise")
    question: Mapped[SurveyQuestion] = relationship(lazy="raise")

    @property
    def is_quoted(self):
        return self.quoted_at is not None and not self.is_hidden

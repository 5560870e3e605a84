"""Surveys: sections, questions, options, responses, answers; notifications and reports of them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 01:45:27.375009

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

KINDS = [
    "comment",
    "reply",
    "status_changed",
    "prototype_published",
    "experiment_opened",
    "place_freed",
    "results_published",
    "content_hidden",
    "content_restored",
]
TARGETS = ["idea", "comment", "feedback", "account"]


def _in(column, values):
    return column + " IN (" + ", ".join(repr(v) for v in values) + ")"


def _replace_check(table, column, values):
    """A string enum's CHECK constraint, rewritten to admit `values`."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(column, type_="check")
        batch_op.create_check_constraint(column, sa.text(_in(column, values)))


def upgrade():
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("introduction", sa.Text(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("prototype_id", sa.Integer(), nullable=True),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "closed",
                "published",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("is_anonymous", sa.Boolean(), nullable=False),
        sa.Column("responses_count", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("results_published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("results_note", sa.Text(), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("closes_at > opens_at", name=op.f("ck_survey_closes_after_opening")),
        sa.CheckConstraint(
            "responses_count >= 0", name=op.f("ck_survey_responses_count_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_survey_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], name=op.f("fk_survey_idea_id_idea")),
        sa.ForeignKeyConstraint(
            ["prototype_id"], ["prototype.id"], name=op.f("fk_survey_prototype_id_prototype")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_prototype_id"), ["prototype_id"], unique=False)
        batch_op.create_index("ix_survey_status_closes_at", ["status", "closes_at"], unique=False)

    op.create_table(
        "survey_organiser",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_survey_organiser_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_survey_organiser_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("survey_id", "user_id", name=op.f("pk_survey_organiser")),
    )
    op.create_table(
        "survey_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_survey_section_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_section")),
    )
    with op.batch_alter_table("survey_section", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_section_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "short_text",
                "long_text",
                "single_choice",
                "multiple_choice",
                "scale",
                "ranking",
                "matrix",
                "number",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("prompt", sa.String(length=300), nullable=False),
        sa.Column("help_text", sa.String(length=500), nullable=False),
        sa.Column("is_required", sa.Boolean(), nullable=False),
        sa.Column("has_other", sa.Boolean(), nullable=False),
        sa.Column("min_choices", sa.Integer(), nullable=True),
        sa.Column("max_choices", sa.Integer(), nullable=True),
        sa.Column("scale_min", sa.Integer(), nullable=True),
        sa.Column("scale_max", sa.Integer(), nullable=True),
        sa.Column("low_label", sa.String(length=80), nullable=False),
        sa.Column("high_label", sa.String(length=80), nullable=False),
        sa.Column("condition_question_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "min_choices IS NULL OR max_choices IS NULL OR min_choices <= max_choices",
            name=op.f("ck_survey_question_choices_range"),
        ),
        sa.ForeignKeyConstraint(
            ["condition_question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_question_condition_question_id_survey_question"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["survey_section.id"],
            name=op.f("fk_survey_question_section_id_survey_section"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_survey_question_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
    )
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_question_section_id"), ["section_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_question_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("respondent_key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["survey_section.id"],
            name=op.f("fk_survey_response_section_id_survey_section"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_survey_response_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_survey_response_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint(
            "survey_id", "respondent_key", name=op.f("uq_survey_response_survey_id_respondent_key")
        ),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_response_survey_id_submitted_at", ["survey_id", "submitted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_response_user_id"), ["user_id"], unique=False)

    op.create_table(
        "survey_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("is_row", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_option_question_id_survey_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_option")),
    )
    with op.batch_alter_table("survey_option", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_option_question_id"), ["question_id"], unique=False
        )

    op.create_table(
        "survey_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"], ["user_account.id"], name=op.f("fk_survey_revision_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_revision_question_id_survey_question"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
            name=op.f("fk_survey_revision_survey_id_survey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_revision")),
    )
    with op.batch_alter_table("survey_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_revision_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=True),
        sa.Column("row_option_id", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("is_other", sa.Boolean(), nullable=False),
        sa.Column("quoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("hidden_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["survey_option.id"],
            name=op.f("fk_survey_answer_option_id_survey_option"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_answer_question_id_survey_question"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_answer_response_id_survey_response"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["row_option_id"],
            ["survey_option.id"],
            name=op.f("fk_survey_answer_row_option_id_survey_option"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_answer_question_id_option_id", ["question_id", "option_id"], unique=False
        )
        batch_op.create_index(
            "ix_survey_answer_question_id_quoted_at", ["question_id", "quoted_at"], unique=False
        )
        batch_op.create_index(
            "ix_survey_answer_question_id_response_id", ["question_id", "response_id"], unique=False
        )
        batch_op.create_index(
            "ix_survey_answer_options",
            ["question_id", "row_option_id", "option_id", "rank", "response_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_survey_answer_response_id"), ["response_id"], unique=False
        )

    op.create_table(
        "survey_condition_option",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["survey_option.id"],
            name=op.f("fk_survey_condition_option_option_id_survey_option"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_condition_option_question_id_survey_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "question_id", "option_id", name=op.f("pk_survey_condition_option")
        ),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("survey_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_survey_id_survey"),
            "survey",
            ["survey_id"],
            ["id"],
            ondelete="CASCADE",
        )
    _replace_check("notification", "kind", [*KINDS, "survey_results"])
    for table in ("report", "moderation_action"):
        _replace_check(table, "target_type", [*TARGETS, "survey_answer"])


def downgrade():
    op.execute("DELETE FROM notification WHERE kind = 'survey_results'")
    _replace_check("notification", "kind", KINDS)
    for table in ("report", "moderation_action"):
        op.execute(f"DELETE FROM {table} WHERE target_type = 'survey_answer'")
        _replace_check(table, "target_type", TARGETS)
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_notification_survey_id_survey"), type_="foreignkey")
        batch_op.drop_column("survey_id")

    op.drop_table("survey_condition_option")
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answer_response_id"))
        batch_op.drop_index("ix_survey_answer_options")
        batch_op.drop_index("ix_survey_answer_question_id_response_id")
        batch_op.drop_index("ix_survey_answer_question_id_quoted_at")
        batch_op.drop_index("ix_survey_answer_question_id_option_id")

    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_revision_survey_id"))

    op.drop_table("survey_revision")
    with op.batch_alter_table("survey_option", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_option_question_id"))

    op.drop_table("survey_option")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_user_id"))
        batch_op.drop_index("ix_survey_response_survey_id_submitted_at")

    op.drop_table("survey_response")
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_question_survey_id"))
        batch_op.drop_index(batch_op.f("ix_survey_question_section_id"))

    op.drop_table("survey_question")
    with op.batch_alter_table("survey_section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_section_survey_id"))

    op.drop_table("survey_section")
    op.drop_table("survey_organiser")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_status_closes_at")
        batch_op.drop_index(batch_op.f("ix_survey_prototype_id"))
        batch_op.drop_index(batch_op.f("ix_survey_idea_id"))

    op.drop_table("survey")

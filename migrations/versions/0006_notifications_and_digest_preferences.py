"""Notifications and e-mail digest preferences

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 00:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

PENDING = 'emailed_at IS NULL AND read_at IS NULL'


def upgrade():
    op.create_table('notification_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email_frequency', sa.Enum('daily', 'immediate', 'none', name='email_frequency', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('last_emailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_settings_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_settings'))
    )
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('comment', 'reply', 'status_changed', 'prototype_published', 'experiment_opened', 'place_freed', 'results_published', 'content_hidden', 'content_restored', name='kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('prototype_id', sa.Integer(), nullable=True),
    sa.Column('experiment_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('status_change_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('emailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_notification_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_notification_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['experiment_id'], ['experiment.id'], name=op.f('fk_notification_experiment_id_experiment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['feedback_id'], ['prototype_feedback.id'], name=op.f('fk_notification_feedback_id_prototype_feedback'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_notification_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototype.id'], name=op.f('fk_notification_prototype_id_prototype'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['user_account.id'], name=op.f('fk_notification_recipient_id_user_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['status_change_id'], ['status_change.id'], name=op.f('fk_notification_status_change_id_status_change'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index('ix_notification_pending', ['recipient_id'], unique=False, sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))
        batch_op.create_index('ix_notification_recipient_id_created_at', ['recipient_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notification_recipient_id_read_at', ['recipient_id', 'read_at'], unique=False)


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_recipient_id_read_at')
        batch_op.drop_index('ix_notification_recipient_id_created_at')
        batch_op.drop_index('ix_notification_pending')
        batch_op.drop_index(batch_op.f('ix_notification_comment_id'))
        batch_op.drop_index(batch_op.f('ix_notification_actor_id'))

    op.drop_table('notification')
    op.drop_table('notification_settings')

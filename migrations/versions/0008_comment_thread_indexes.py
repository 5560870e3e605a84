"""Indexes for paged comment threads

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 00:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    # A page of a thread reads a target's top-level comments (parent_id IS NULL) in keyset order
    # straight from these indexes; they also serve every lookup by target alone, so they
    # replace the (target, created_at) ones.
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_idea_thread', ['idea_id', 'parent_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comment_prototype_thread', ['prototype_id', 'parent_id', 'created_at', 'id'], unique=False)
        batch_op.drop_index('ix_comment_idea_id_created_at')
        batch_op.drop_index('ix_comment_prototype_id_created_at')


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_prototype_id_created_at', ['prototype_id', 'created_at'], unique=False)
        batch_op.create_index('ix_comment_idea_id_created_at', ['idea_id', 'created_at'], unique=False)
        batch_op.drop_index('ix_comment_prototype_thread')
        batch_op.drop_index('ix_comment_idea_thread')

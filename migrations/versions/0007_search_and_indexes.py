"""Full-text search and indexes for city scale

- `idea.shuffle_key`: each problem's place in the shuffled order of `sort=random` (existing rows
  get a pseudo-random value computed from their id; new rows a random one from the model).
- One index per order of `/ideas/` (supports, date, comments, shuffle), alone and after each
  filter (stage, theme, district), the id last: every list and deep page is an index range.
  They replace the (status, x) indexes and the single-column theme and district indexes.
- `ix_user_account_created_at_id`: the admin's list of accounts, newest first.
- Full-text search (platform/search.py): on SQLite an FTS5 table over the problems' title and
  description, kept in step by triggers; on PostgreSQL a generated tsvector column (French,
  English and Spanish stemming, accents folded) with a GIN index. The statements are copied
  here from platform/search.py as they were at this revision.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 00:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


SORT_COLUMNS = ("supports_count", "created_at", "comments_count", "shuffle_key")
FILTER_COLUMNS = ("status", "theme_id", "district_id")
OLD_INDEXES = {
    "ix_idea_status_created_at": ["status", "created_at"],
    "ix_idea_status_supports_count": ["status", "supports_count"],
    "ix_idea_status_comments_count": ["status", "comments_count"],
    "ix_idea_theme_id": ["theme_id"],
    "ix_idea_district_id": ["district_id"],
}

SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS idea_fts USING fts5("
    "title, description, content='idea', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS idea_fts_insert AFTER INSERT ON idea BEGIN "
    "INSERT INTO idea_fts (rowid, title, description) "
    "VALUES (new.id, new.title, new.description); END",
    "CREATE TRIGGER IF NOT EXISTS idea_fts_delete AFTER DELETE ON idea BEGIN "
    "INSERT INTO idea_fts (idea_fts, rowid, title, description) "
    "VALUES ('delete', old.id, old.title, old.description); END",
    "CREATE TRIGGER IF NOT EXISTS idea_fts_update AFTER UPDATE OF title, description ON idea "
    "BEGIN INSERT INTO idea_fts (idea_fts, rowid, title, description) "
    "VALUES ('delete', old.id, old.title, old.description); "
    "INSERT INTO idea_fts (rowid, title, description) "
    "VALUES (new.id, new.title, new.description); END",
    "INSERT INTO idea_fts (idea_fts) VALUES ('rebuild')",
)

ACCENTED = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ"
PLAIN = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy"


def pg_vector(name, weight):
    folded = f"translate({name}, '{ACCENTED}', '{PLAIN}')"
    return " || ".join(
        f"setweight(to_tsvector('{config}', {folded}), '{weight}')"
        for config in ("french", "english", "spanish")
    )


POSTGRESQL_SEARCH = (
    "ALTER TABLE idea ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"{pg_vector('title', 'A')} || {pg_vector('description', 'B')}) STORED",
    "CREATE INDEX ix_idea_search_vector ON idea USING gin (search_vector)",
)


def list_indexes():
    yield from ((f"ix_idea_{sort}_id", [sort, "id"]) for sort in SORT_COLUMNS)
    for name in FILTER_COLUMNS:
        yield from ((f"ix_idea_{name}_{sort}_id", [name, sort, "id"]) for sort in SORT_COLUMNS)


def upgrade():
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shuffle_key', sa.Integer(), nullable=False, server_default='0'))
    # A multiplicative permutation of the ids (MINSTD), computed in 64 bits.
    op.execute(
        "UPDATE idea SET shuffle_key = CAST(CAST(id AS BIGINT) * 48271 % 2147483647 AS INTEGER)"
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.alter_column('shuffle_key', server_default=None)
        for name in OLD_INDEXES:
            batch_op.drop_index(name)
        for name, columns in list_indexes():
            batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index('ix_user_account_created_at_id', ['created_at', 'id'], unique=False)
    # After the batch operations: rebuilding the table on SQLite would drop the triggers.
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRESQL_SEARCH:
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("idea_fts_insert", "idea_fts_delete", "idea_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS idea_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_idea_search_vector")
        op.execute("ALTER TABLE idea DROP COLUMN IF EXISTS search_vector")
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index('ix_user_account_created_at_id')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        for name, _columns in list_indexes():
            batch_op.drop_index(name)
        for name, columns in OLD_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        batch_op.drop_column('shuffle_key')

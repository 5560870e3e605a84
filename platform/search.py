"""Full-text search of problems, on each database's own engine.

SQLite: an FTS5 table (`idea_fts`) whose content is the `idea` table (the problems; see
docs/architecture.md for the names), kept in step by triggers.
Its tokenizer folds case and accents and stems English (Porter), which also folds the plural -s
of French and Spanish; SQLite has no French or Spanish stemmer. Ranked with bm25, the title
weighing ten times the description.

PostgreSQL: a stored generated column (`idea.search_vector`) that the database recomputes
whenever the title or the description changes, with French, English and Spanish stemming (the
problems carry no language, and the city's users write in all three), the title weighted A and the
description B, and a GIN index. Accents are folded with `translate()` on both sides of the match,
because `unaccent` is neither always installable nor immutable. Ranked with ts_rank_cd.

Either way the index follows every write to `idea`, whoever makes it (services, moderation,
bulk loads, tests); visibility is not indexed but checked on the row at query time, so hiding,
merging or withdrawing a problem takes it out of results at once.

What the user types is never search syntax: it is cut into words, each quoted (FTS5) or passed
as a bound parameter (PostgreSQL), and all words must match.

A later migration that rebuilds the `idea` table on SQLite (batch mode) drops its triggers: it
must run `SQLITE_DDL` again (the `CREATE ... IF NOT EXISTS` statements are safe to repeat).
"""

import re

from sqlalchemy import (
    DDL,
    Float,
    bindparam,
    cast,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY

from platform.extensions import db
from platform.text import STOP_WORDS, fold

MAX_WORDS = 16
TITLE_WEIGHT = 10.0  # bm25 weight of the title; the description weighs 1

# Accented letters of French, Spanish and other Latin-script languages, and their plain form.
ACCENTED = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ"
PLAIN = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy"
PG_CONFIGS = ("french", "english", "spanish")

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS idea_fts USING fts5("
    "title, description, content='idea', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS idea_fts_insert AFTER INSERT ON idea BEGIN "
    "INSERT INTO idea_fts (rowid, title, description) "
    "VALUES (new.id, new.title, new.description); END",
    "CREATE TRIGGER IF NOT EXISTS idea_fts_delete AFTER DELETE ON idea BEGIN "
    "INSERT INTO idea_fts (idea_fts, rowid, title, description) "
    "VALUES ('delete', old.id, old.title, old.description); END",
    # Only a change of text reindexes: counters change far more often.
    "CREATE TRIGGER IF NOT EXISTS idea_fts_update AFTER UPDATE OF title, description ON idea "
    "BEGIN INSERT INTO idea_fts (idea_fts, rowid, title, description) "
    "VALUES ('delete', old.id, old.title, old.description); "
    "INSERT INTO idea_fts (rowid, title, description) "
    "VALUES (new.id, new.title, new.description); END",
)


def _pg_vector(name, weight):
    folded = f"translate({name}, '{ACCENTED}', '{PLAIN}')"
    return " || ".join(
        f"setweight(to_tsvector('{config}', {folded}), '{weight}')" for config in PG_CONFIGS
    )


POSTGRESQL_DDL = (
    "ALTER TABLE idea ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"{_pg_vector('title', 'A')} || {_pg_vector('description', 'B')}) STORED",
    "CREATE INDEX ix_idea_search_vector ON idea USING gin (search_vector)",
)

# What the models do not declare, so that schema comparisons leave it alone.
SEARCH_SCHEMA_NAMES = frozenset({"idea_fts", "search_vector", "ix_idea_search_vector"})


def include_object(_object, name, _type, _reflected, _compare_to):
    """Alembic's filter: leave the search schema, which the models do not declare, alone."""
    return name not in SEARCH_SCHEMA_NAMES and not (name or "").startswith("idea_fts_")


def attach_search_schema(problem_table):
    """Create the search index with the `idea` table (create_all); the migration does the same."""
    for statement in SQLITE_DDL:
        event.listen(problem_table, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in POSTGRESQL_DDL:
        event.listen(problem_table, "after_create", DDL(statement).execute_if(dialect="postgresql"))
    event.listen(
        problem_table,
        "before_drop",
        DDL("DROP TABLE IF EXISTS idea_fts").execute_if(dialect="sqlite"),
    )


def search_words(q, limit=MAX_WORDS):
    """The words of a user's query, folded, without the common words (unless it has only those)."""
    words = re.findall(r"[^\W_]+", fold(q or ""))
    meaningful = [word for word in words if word not in STOP_WORDS]
    return list(dict.fromkeys(meaningful or words))[:limit]


def fts5_query(words, any_word=False, title_only=False):
    """An FTS5 MATCH expression where every word is a quoted string, never an operator."""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    expression = (" OR " if any_word else " AND ").join(quoted)
    return f"title : ({expression})" if title_only else expression


def _tsquery_literal(lexemes):
    return "'" + lexemes.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_tsquery(words, any_word=False, title_only=False):
    """The tsquery of `words` on PostgreSQL: each word's stems in French, English and Spanish.

    The stems are asked of the database first, then written once each into a literal tsquery:
    the planner estimates how many problems match from that literal, while the same stem
    repeated three times by `plainto_tsquery(...) || ...` would triple its estimate and make it
    read the whole table instead of the index.
    """

    def stems(word):
        folded = func.translate(word, ACCENTED, PLAIN)
        arrays = [
            func.tsvector_to_array(func.to_tsvector(literal_column(f"'{c}'"), folded))
            for c in PG_CONFIGS
        ]
        return func.array_cat(func.array_cat(arrays[0], arrays[1]), arrays[2])

    row = db.session.execute(select(*(stems(word) for word in words))).one()
    weight = ":A" if title_only else ""
    groups = [
        "(" + " | ".join(_tsquery_literal(stem) + weight for stem in dict.fromkeys(found)) + ")"
        for found in row
        if found
    ]
    return cast(" | ".join(groups) if any_word else " & ".join(groups), TSQUERY)


_fts_table = table("idea_fts", column("rowid"))
_problem_table = table("idea", column("id"), column("search_vector"))


def is_sqlite():
    return db.session.get_bind().dialect.name == "sqlite"


class Match:
    """A search for problems by words, as the current database runs it.

    Every word must match, or any of them (`any_word`), in the title and description or in the
    title only (`title_only`).
    """

    def __init__(self, words, any_word=False, title_only=False):
        self.sqlite = is_sqlite()
        if self.sqlite:
            self.fts_query = fts5_query(words, any_word, title_only)
        else:
            self.tsquery = pg_tsquery(words, any_word, title_only)

    def _fts_match(self):
        return text("idea_fts MATCH :fts_query").bindparams(
            bindparam("fts_query", self.fts_query, unique=True)
        )

    def condition(self, id_column, dense=False):
        """A WHERE clause keeping the matching problems.

        On SQLite, the matches are listed once, unless they are `dense` (a large share of the
        problems): then each row the query reads is looked up in the index.
        """
        if not self.sqlite:
            # Named, not a column of `_problem_table`: the condition joins the caller's own
            # `idea` table.
            return literal_column("idea.search_vector").op("@@")(self.tsquery)
        matches = select(_fts_table.c.rowid).where(self._fts_match())
        if dense:
            return matches.where(_fts_table.c.rowid == id_column).exists()
        return id_column.in_(matches)

    def restrict(self, query, id_column):
        """A select() over `idea` restricted to the matching problems, so that `position` can
        be used in it."""
        if self.sqlite:
            return query.join(_fts_table, _fts_table.c.rowid == id_column).where(self._fts_match())
        return query.where(self.condition(id_column))

    def position(self, id_column, dense=False):
        """The id of a match, to order matches newest first.

        PostgreSQL: when matches are `dense`, walking the primary key backwards finds the newest
        quickly; otherwise an expression, not the column, so that the planner reads the GIN index
        and sorts the few ids, instead of testing every row's vector (stored compressed, this
        costs far more than the planner thinks).
        """
        if self.sqlite:
            return _fts_table.c.rowid
        return id_column if dense else id_column + 0

    def ranked(self, candidates):
        """select(id, key) of the matches among `candidates` (a subquery of ids), with the key
        lower for better matches: bm25, title ten times the description; or minus ts_rank_cd."""
        ids = select(candidates.c.id)
        if self.sqlite:
            oldest = select(func.min(candidates.c.id)).scalar_subquery()
            rank = func.bm25(literal_column("idea_fts"), TITLE_WEIGHT, 1.0)
            # FTS5 reads the matches from the oldest candidate on, once; `+ 0` keeps it from
            # running the search again for each candidate id instead.
            return select(_fts_table.c.rowid.label("id"), rank.label("key")).where(
                self._fts_match(), _fts_table.c.rowid >= oldest, (_fts_table.c.rowid + 0).in_(ids)
            )
        rank = -func.ts_rank_cd(_problem_table.c.search_vector, self.tsquery, type_=Float)
        return select(_problem_table.c.id, rank.label("key")).where(_problem_table.c.id.in_(ids))


def rebuild_search_index():
    """Reindex every problem and refresh the planner's statistics (after a bulk load).

    On PostgreSQL the vector is a generated column and is never stale; statistics still matter.
    """
    if is_sqlite():
        db.session.execute(text("INSERT INTO idea_fts (idea_fts) VALUES ('rebuild')"))
    db.session.execute(text("ANALYZE idea"))
    db.session.flush()

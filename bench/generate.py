"""Generate a city-scale dataset for the benchmarks, with bulk inserts.

    DATABASE_URL=sqlite:////tmp/bench.db .venv/bin/python -m bench.generate --scale 1

At scale 1: 200,000 accounts, 100,000 problems, 1,000,000 supports, 300,000 comments (one problem
with 2,000), 2,000 prototypes with 50,000 feedbacks, 5,000 experiments with 100,000 sign-ups,
40 surveys with 50,000 submitted responses (about half a million answer rows).
The database must have been migrated (`flask --app app db upgrade`). The same seed gives the
same data. Every account has the demo password, hashed once.

Supports and comments follow a power law (a few problems gather most of them); statuses follow
the lab's process (most problems are proposed); the stored counters are written from the very
rows generated, and `bench.counters.counter_drift` checks them afterwards.

This module runs the parts of `bench.city` in order and loads the database; each part writes
its own tables.
"""

import json
import time

import click
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

import app as entry_point  # the project's `platform` package, not the standard module (§5.1)
from bench.city.accounts import write_accounts, write_taxonomy
from bench.city.base import AT_SCALE_1, City, allocate, sizes_for
from bench.city.comments import write_moderation, write_problem_comments
from bench.city.experiments import write_experiments
from bench.city.problems import write_problems, write_supports_and_follows, write_timelines
from bench.city.prototypes import write_prototypes
from bench.city.surveys import write_surveys
from bench.counters import counter_drift
from platform.accounts.models import User
from platform.comments.models import Comment
from platform.experiments.models import Experiment, SignUp
from platform.extensions import db
from platform.ideas.models import Follow, Problem, StatusChange, Support
from platform.moderation.models import ModerationAction, Report
from platform.prototypes.models import Answer, Feedback, Prototype, PrototypeVersion, Question
from platform.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)

__all__ = ["AT_SCALE_1", "City", "allocate", "generate", "main", "sizes_for"]

# In this order: each part reads what the earlier ones left on the city.
STEPS = (
    write_taxonomy,
    write_accounts,
    write_problems,
    write_supports_and_follows,
    write_timelines,
    write_problem_comments,
    write_prototypes,
    write_experiments,
    write_moderation,
    write_surveys,  # last: the parts before it draw the same data as before surveys existed
)
WITH_IDS = (
    User, Problem, Support, Follow, StatusChange, Comment, Prototype, PrototypeVersion, Question,
    Feedback, Answer, Experiment, SignUp, Survey, SurveySection, SurveyQuestion, SurveyOption,
    SurveyResponse, SurveyAnswer, ModerationAction, Report,
)  # fmt: skip


def generate_city(city):
    """Write every part of `city`; return its manifest."""
    for step in STEPS:
        step(city)
    city.writer.reset_sequences(model.__table__ for model in WITH_IDS)
    city.manifest["rows"] = dict(city.writer.counts)
    city.manifest["seconds"] = {k: round(v, 1) for k, v in city.writer.seconds.items()}
    return city.manifest


def rebuild_search_index(session):
    """Fill the full-text index when the platform has one (`platform/search.py`); return what
    happened, for the report (a schema without its index yet is said, not fatal)."""
    try:
        from platform.search import rebuild_search_index as rebuild
    except ImportError:
        return "none"
    try:
        with session.begin_nested():
            rebuild()
    except DBAPIError as error:
        return f"not rebuilt: {str(error.orig).splitlines()[0]}"
    return "rebuilt"


def generate(session, scale=1.0, seed=2026, now=None):
    """Add a city's worth of data through `session` (not committed); return the manifest:
    rows written per table, and the pages worth measuring."""
    manifest = generate_city(City(session, scale=scale, seed=seed, now=now))
    manifest["search_index"] = rebuild_search_index(session)
    return manifest


def prepare_sqlite_for_load(engine):
    """Durability is not needed while loading a throw-away database: skip the fsyncs.

    The pragma cannot change inside a transaction, so it is set on every new connection.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def no_fsync(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    engine.dispose()


def analyse(session):
    """Give the query planner statistics about the new rows."""
    engine = session.get_bind()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        session.execute(text("ANALYZE"))
        session.commit()


@click.command()
@click.option("--scale", default=1.0, show_default=True, help="1 = the city-scale dataset.")
@click.option("--seed", default=2026, show_default=True, help="Same seed, same data.")
@click.option("--manifest", type=click.Path(dir_okay=False), help="Write the manifest here.")
def main(scale, seed, manifest):
    """Fill the database named by DATABASE_URL (already migrated) with a city's data."""
    with entry_point.app.app_context():
        started = time.monotonic()
        prepare_sqlite_for_load(db.engine)
        result = generate(db.session, scale=scale, seed=seed)
        db.session.commit()
        loaded = time.monotonic() - started
        analyse(db.session)
        drift = counter_drift(db.session)
        result["load_seconds"] = round(loaded, 1)
        result["analyse_seconds"] = round(time.monotonic() - started - loaded, 1)
        result["counter_drift"] = drift
    for table, count in sorted(result["rows"].items()):
        click.echo(f"{table:<22} {count:>10,}", err=True)
    click.echo(
        f"Loaded in {result['load_seconds']} s, analysed in {result['analyse_seconds']} s;"
        f" counters that differ from their rows: {sum(drift.values())}",
        err=True,
    )
    if manifest:
        with open(manifest, "w") as f:
            json.dump(result, f, indent=2)
    if any(drift.values()):
        raise SystemExit(f"stored counters differ from their rows: {drift}")


if __name__ == "__main__":
    main()

"""The migrations build exactly the models' schema, and undo it."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from platform import create_app
from platform.extensions import db
from platform.search import include_object
from tests.support.databases import temporary_database


def test_upgrade_on_an_empty_database_gives_the_models_schema(tmp_path):
    with temporary_database(tmp_path) as url:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)}
        )
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection,
                    opts={
                        "compare_type": True,
                        "compare_server_default": True,
                        "include_object": include_object,
                    },
                )
                differences = compare_metadata(context, db.metadata)
            assert differences == []

            downgrade(revision="base")
            with db.engine.connect() as connection:
                assert set(inspect(connection).get_table_names()) == {"alembic_version"}
            db.engine.dispose()


def test_upgrading_a_database_that_holds_data_keeps_it(tmp_path):
    """Migrations that rebuild tables (SQLite) or add required columns must not fail on rows."""
    from sqlalchemy import text

    with temporary_database(tmp_path) as url:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)}
        )
        with app.app_context():
            upgrade(revision="0004")
            rows = {
                "theme": "INSERT INTO theme (slug, name_fr, name_en, name_es, position)"
                " VALUES ('t', 'T', 'T', 'T', 0)",
                "user": "INSERT INTO user_account (email, display_name, password_hash, role,"
                " session_token, accepted_terms_at, created_at) VALUES ('a@example.org', 'A',"
                " 'x', 'citizen', 't', :now, :now)",
                "idea": "INSERT INTO idea (title, description, search_text, theme_id, author_id,"
                " status, is_hidden, supports_count, comments_count, followers_count, created_at,"
                " updated_at) SELECT 'T', 'D', '', theme.id, user_account.id, 'proposed', :no, 0,"
                " 0, 0, :now, :now FROM theme, user_account",
                "comment": "INSERT INTO comment (idea_id, author_id, depth, body, created_at)"
                " SELECT idea.id, idea.author_id, 0, 'Bonjour', :now FROM idea",
            }
            from platform.database import utcnow

            with db.engine.begin() as connection:
                for statement in rows.values():
                    connection.execute(text(statement), {"now": utcnow(), "no": False})
            upgrade()
            with db.engine.connect() as connection:
                comment = connection.execute(
                    text("SELECT body, is_hidden, hidden_reason FROM comment")
                ).one()
                reason = connection.execute(text("SELECT suspension_reason FROM user_account"))
                assert (comment.body, bool(comment.is_hidden), comment.hidden_reason) == (
                    "Bonjour",
                    False,
                    "",
                )
                assert reason.scalar_one() == ""
            db.engine.dispose()

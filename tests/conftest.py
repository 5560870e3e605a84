"""Fixtures: an app per test on a shared schema, each test inside a transaction rolled back
at its end; a client that sends the CSRF token like a browser; an `auth` helper; account
factories for every role. The suite runs on SQLite, or on PostgreSQL when TEST_DATABASE_URL is set
(in a database made for the run and dropped after it)."""

import itertools
import os
import re
import shutil
import tempfile
import uuid
from datetime import timedelta
from functools import cache

import pytest
from flask.testing import FlaskClient
from flask_sqlalchemy.session import Session
from sqlalchemy import create_engine, event
from werkzeug.security import generate_password_hash

# Keep what importing the entry point writes (instance/secret_key) out of the checkout.
_INSTANCE = tempfile.mkdtemp(prefix="platform-tests-")
os.environ["INSTANCE_PATH"] = _INSTANCE
os.environ.pop("DATABASE_URL", None)
import app as entry_point  # noqa: E402,F401  (drops the standard `platform`, DESIGN.md §5.1)
from platform import create_app  # noqa: E402
from platform.accounts.models import User  # noqa: E402
from platform.comments.models import Comment  # noqa: E402
from platform.database import configure_sqlite, utcnow  # noqa: E402
from platform.extensions import db  # noqa: E402
from platform.ideas.models import Problem, ProblemStatus, Support  # noqa: E402
from platform.roles import Role  # noqa: E402
from platform.taxonomy.models import District, Theme  # noqa: E402
from platform.text import fold  # noqa: E402
from tests.support.databases import temporary_database  # noqa: E402

PASSWORD = "correct horse battery"


class ConnectionBoundSession(Session):
    """Flask-SQLAlchemy's session, bound to the test's connection instead of the engine."""

    def get_bind(self, *args, **kwargs):
        return self.bind


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_INSTANCE, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database for the run, with the models' schema."""
    with temporary_database(tmp_path_factory.mktemp("db")) as url:
        engine = create_engine(url)
        configure_sqlite(engine)
        db.metadata.create_all(engine)
        engine.dispose()
        yield url


def make_app(database_url, tmp_path, **overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": uuid.uuid4().hex,
        "INSTANCE_PATH": str(tmp_path / "instance"),
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app_config():
    """Settings a test module can override for its app."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, app_config):
    """The application, its database work inside a transaction undone after the test."""
    app = make_app(database_url, tmp_path, **app_config)
    with app.app_context():
        engine = db.engine
        connection = engine.connect()
        transaction = connection.begin()
    regular_session = db.session
    db.session = db._make_scoped_session(
        {
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
            "class_": ConnectionBoundSession,
        }
    )
    try:
        yield app
    finally:
        # Every app context removed its own session when it ended.
        db.session = regular_session
        transaction.rollback()
        connection.close()
        engine.dispose()


@pytest.fixture
def new_app(database_url, tmp_path):
    """Build more apps on the test database (as more processes would be), cleaned up after."""
    made = []

    def build(**overrides):
        app = make_app(database_url, tmp_path / f"app-{len(made)}", **overrides)
        app.test_client_class = Client
        made.append(app)
        return app

    yield build
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_app(tmp_path):
    """An app on its own database, where every request really commits."""
    with temporary_database(tmp_path) as url:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "concurrency",
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "RATELIMIT_ENABLED": False,
                "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 20, "max_overflow": 40},
            }
        )
        app.test_client_class = Client
        with app.app_context():
            db.create_all()
        try:
            yield app
        finally:
            with app.app_context():
                db.engine.dispose()


class Client(FlaskClient):
    """A test client that, like a browser, sends the CSRF token of the page it has seen."""

    def csrf_token(self):
        page = super().get("/")
        return CSRF_META.search(page.get_data(as_text=True)).group(1)

    def post(self, *args, csrf=True, **kwargs):
        if csrf and isinstance(kwargs.get("data", {}), dict):
            kwargs["data"] = {"csrf_token": self.csrf_token(), **kwargs.get("data", {})}
        return super().post(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = Client
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@cache
def _password_hash():
    # Factory accounts get a cheap hash so that signing in costs little; what the platform itself
    # stores (scrypt) is checked by the registration and password tests.
    return generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture
def make_user(app):
    """Create an account (with the password PASSWORD) and return it, detached and loaded."""
    counter = iter(range(1, 10_000))

    def make(role=Role.CITIZEN, email=None, display_name=None, **fields):
        n = next(counter)
        with app.app_context():
            user = User(
                email=email or f"{Role(role).value}{n}-{uuid.uuid4().hex[:6]}@example.org",
                display_name=display_name or f"{Role(role).value.title()} {n}",
                role=Role(role),
                password_hash=_password_hash(),
                accepted_terms_at=utcnow(),
                **fields,
            )
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            return user

    return make


@pytest.fixture
def citizen(make_user):
    return make_user(Role.CITIZEN)


@pytest.fixture
def agent(make_user):
    return make_user(Role.AGENT)


@pytest.fixture
def moderator(make_user):
    return make_user(Role.MODERATOR)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, user_or_email, password=PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def fetch(app):
    """Run a query in a fresh app context and return its result (to check what was stored)."""

    def run(query_function):
        with app.app_context():
            return query_function(db.session)

    return run


# Problems and their reference data ---------------------------------------------------------

_numbers = itertools.count(1)


def named(model, slug, fr):
    return model(slug=slug, name_fr=fr, name_en=f"{fr} (en)", name_es=f"{fr} (es)")


@pytest.fixture
def theme(app):
    with app.app_context():
        theme = named(Theme, "mobilite", "Mobilité")
        db.session.add(theme)
        db.session.commit()
        db.session.refresh(theme)
        return theme


@pytest.fixture
def other_theme(app):
    with app.app_context():
        theme = named(Theme, "proprete", "Propreté")
        db.session.add(theme)
        db.session.commit()
        db.session.refresh(theme)
        return theme


@pytest.fixture
def district(app):
    with app.app_context():
        district = named(District, "port", "Le Port")
        db.session.add(district)
        db.session.commit()
        db.session.refresh(district)
        return district


@pytest.fixture
def make_problem(app, theme, make_user):
    """Create a problem directly (no service), with the given status and counters."""

    def make(author=None, status=ProblemStatus.PROPOSED, title=None, description=None, **fields):
        author = author or make_user()
        n = next(_numbers)
        title = title or f"Problème numéro {n}"
        description = description or f"Description du problème {n}."
        with app.app_context():
            problem = Problem(
                title=title,
                description=description,
                search_text=fold(f"{title}\n{description}"),
                theme_id=fields.pop("theme_id", theme.id),
                author_id=author.id,
                status=status,
                **fields,
            )
            db.session.add(problem)
            db.session.commit()
            db.session.refresh(problem)
            return problem

    return make


@pytest.fixture
def add_supports(app):
    def add(problem, users):
        with app.app_context():
            for user in users:
                db.session.add(Support(problem_id=problem.id, user_id=user.id))
            db.session.get(Problem, problem.id).supports_count += len(users)
            db.session.commit()

    return add


@pytest.fixture
def add_comments(app):
    """Add `n` comments to a problem directly, one reply in three, by the given authors."""

    def add(problem, authors, n, minutes_ago=0):
        with app.app_context():
            created = utcnow() - timedelta(minutes=minutes_ago)
            parents = []
            for i in range(n):
                parent = parents[-1] if i % 3 == 2 and parents else None
                comment = Comment(
                    problem_id=problem.id,
                    author_id=authors[i % len(authors)].id,
                    body=f"Commentaire {i}",
                    depth=1 if parent else 0,
                    parent_id=parent.id if parent else None,
                    created_at=created + timedelta(seconds=i),
                )
                db.session.add(comment)
                db.session.flush()
                if not parent:
                    parents.append(comment)
            db.session.get(Problem, problem.id).comments_count += n
            db.session.commit()

    return add


class QueryCounter:
    def __init__(self):
        self.statements = []

    def __call__(self, conn, cursor, statement, *args):
        self.statements.append(statement)

    @property
    def count(self):
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Count the SQL statements run while a block executes."""

    class Block:
        def __enter__(self):
            with app.app_context():
                self.engine = db.engine
            self.counter = QueryCounter()
            event.listen(self.engine, "before_cursor_execute", self.counter)
            return self.counter

        def __exit__(self, *exc):
            event.remove(self.engine, "before_cursor_execute", self.counter)

    return Block


@pytest.fixture
def get_problem(fetch):
    return lambda problem: fetch(lambda s: s.get(Problem, problem.id))

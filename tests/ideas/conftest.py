"""Factories for problems and their reference data."""

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import event

from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Idea, IdeaStatus, Support
from platform.taxonomy.models import District, Theme
from platform.text import fold

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
def make_idea(app, theme, make_user):
    """Create a problem directly (no service), with the given status and counters."""

    def make(author=None, status=IdeaStatus.PROPOSED, title=None, description=None, **fields):
        author = author or make_user()
        n = next(_numbers)
        title = title or f"Problème numéro {n}"
        description = description or f"Description du problème {n}."
        with app.app_context():
            idea = Idea(
                title=title,
                description=description,
                search_text=fold(f"{title}\n{description}"),
                theme_id=fields.pop("theme_id", theme.id),
                author_id=author.id,
                status=status,
                **fields,
            )
            db.session.add(idea)
            db.session.commit()
            db.session.refresh(idea)
            return idea

    return make


@pytest.fixture
def add_supports(app):
    def add(idea, users):
        with app.app_context():
            for user in users:
                db.session.add(Support(idea_id=idea.id, user_id=user.id))
            db.session.get(Idea, idea.id).supports_count += len(users)
            db.session.commit()

    return add


@pytest.fixture
def add_comments(app):
    """Add `n` comments to a problem directly, one reply in three, by the given authors."""

    def add(idea, authors, n, minutes_ago=0):
        with app.app_context():
            created = utcnow() - timedelta(minutes=minutes_ago)
            parents = []
            for i in range(n):
                parent = parents[-1] if i % 3 == 2 and parents else None
                comment = Comment(
                    idea_id=idea.id,
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
            db.session.get(Idea, idea.id).comments_count += n
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
def get_idea(fetch):
    return lambda idea: fetch(lambda s: s.get(Idea, idea.id))

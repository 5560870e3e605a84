"""Helpers for notification tests: following, reading what was notified, catching e-mails; the
experiments' factories."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import Problem
from platform.notifications.mail import send_digests
from platform.notifications.models import Kind, Notification
from tests.experiments.conftest import join_as, lab_problem, make_experiment  # noqa: F401


@pytest.fixture
def follow(app):
    def make(user, problem):
        with app.app_context():
            problems.follow_problem(user, db.session.get(Problem, problem.id))
            db.session.commit()

    return make


@pytest.fixture
def notified(fetch):
    """[(recipient_id, kind value)] of every notification, in creation order."""

    def get(**where):
        query = select(Notification).filter_by(**where).order_by(Notification.id)
        return [(n.recipient_id, n.kind.value) for n in fetch(lambda s: s.scalars(query).all())]

    return get


@pytest.fixture
def notifications(fetch):
    """The notifications of one account, oldest first."""

    def get(user):
        query = (
            select(Notification)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.id)
        )
        return fetch(lambda s: s.scalars(query).all())

    return get


@pytest.fixture
def mails(caplog):
    """The e-mails written to the log (no MAIL_SERVER in tests): real EmailMessage objects."""
    caplog.set_level(logging.INFO, logger="platform.notifications.mail")

    def get():
        return [record.email for record in caplog.records if hasattr(record, "email")]

    return get


@pytest.fixture
def digests(app):
    """Run `send_digests` as cron would, optionally at another moment."""

    def run(now=None):
        with app.app_context():
            return send_digests(now)

    return run


@pytest.fixture
def add_notifications(app):
    """Store notifications directly (no signal), as if they had happened."""

    def add(recipient, problem, n, actor=None, read=False):
        """`n` comment notifications about `problem`, a minute apart, the last one newest."""
        with app.app_context():
            now = utcnow()
            rows = [
                Notification(
                    recipient_id=recipient.id,
                    kind=Kind.COMMENT,
                    problem_id=problem.id,
                    actor_id=actor.id if actor else None,
                    created_at=now - timedelta(minutes=n - i),
                    read_at=now if read else None,
                )  # fmt: skip
                for i in range(n)
            ]
            db.session.add_all(rows)
            db.session.commit()
            return [row.id for row in rows]

    return add

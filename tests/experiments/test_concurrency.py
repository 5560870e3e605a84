"""30 citizens join an experiment with 10 places at the same moment, through real requests."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from platform.accounts.models import User
from platform.database import utcnow
from platform.experiments.models import Experiment, ExperimentStatus, Method, SignUp
from platform.extensions import db
from platform.ideas.models import Problem, ProblemStatus
from platform.roles import Role
from platform.taxonomy.models import Theme
from tests.conftest import PASSWORD


def setup(app, n):
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    with app.app_context():
        theme = Theme(slug="t", name_fr="T", name_en="T", name_es="T")
        people = [
            User(email=f"p{i}@example.org", display_name=f"P {i}", password_hash=cheap,
                 accepted_terms_at=utcnow(), role=Role.CITIZEN)
            for i in range(n)
        ]  # fmt: skip
        db.session.add_all([theme, *people])
        db.session.flush()
        problem = Problem(title="I", description="x", theme_id=theme.id, author_id=people[0].id,
                    status=ProblemStatus.SELECTED)  # fmt: skip
        db.session.add(problem)
        db.session.flush()
        start = utcnow() + timedelta(days=2)
        experiment = Experiment(
            problem_id=problem.id, method=Method.WORKSHOP, title="E", description="d",
            involvement="i", location="l", starts_at=start, ends_at=start + timedelta(hours=2),
            capacity=10, status=ExperimentStatus.OPEN,
        )  # fmt: skip
        db.session.add(experiment)
        db.session.commit()
        return [p.email for p in people], experiment.id


def sign_ups(app, experiment_id):
    with app.app_context():
        rows = db.session.scalars(
            select(SignUp).where(SignUp.experiment_id == experiment_id).order_by(SignUp.id)
        ).all()
        experiment = db.session.get(Experiment, experiment_id)
        return (
            [(s.user_id, s.status.value) for s in rows],
            (experiment.participants_count, experiment.waiting_count),
        )


def browsers_for(app, emails):
    browsers = []
    for email in emails:
        client = app.test_client()
        client.post("/auth/login", data={"email": email, "password": PASSWORD})
        browsers.append((client, client.csrf_token()))
    return browsers


def all_at_once(browsers, path):
    start = threading.Barrier(len(browsers))

    def post(browser):
        client, token = browser
        start.wait(timeout=30)
        return client.post(path, data={"csrf_token": token}, csrf=False).status_code

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        return list(pool.map(post, browsers))


def test_capacity_holds_and_the_waiting_list_keeps_arrival_order(live_app):
    emails, experiment_id = setup(live_app, 30)
    browsers = browsers_for(live_app, emails)
    statuses = all_at_once(browsers, f"/experiments/{experiment_id}/join")
    assert statuses == [302] * 30

    rows, counters = sign_ups(live_app, experiment_id)
    assert counters == (10, 20)
    # Arrival order is the order in which the database granted the lock: the first ten
    # sign-ups got the places, the next twenty queue behind them in that same order.
    assert [status for _user, status in rows] == ["confirmed"] * 10 + ["waiting"] * 20
    waiting_users = [user for user, status in rows if status == "waiting"]

    # Three participants leave at the same time: the first three waiting move up, in order.
    leavers = [row[0] for row in rows[:3]]
    with live_app.app_context():
        leaver_emails = [db.session.get(User, user_id).email for user_id in leavers]
    leaving = [b for b, email in zip(browsers, emails, strict=True) if email in leaver_emails]
    assert all_at_once(leaving, f"/experiments/{experiment_id}/leave") == [302] * 3

    rows, counters = sign_ups(live_app, experiment_id)
    assert counters == (10, 17)
    confirmed = {user for user, status in rows if status == "confirmed"}
    assert set(waiting_users[:3]) <= confirmed
    assert [user for user, status in rows if status == "waiting"] == waiting_users[3:]

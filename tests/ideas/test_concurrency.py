"""Concurrent supports through real requests on a real database (committed, not rolled back).

Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set (CI does both).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from platform.accounts.models import User
from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem, Support
from platform.taxonomy.models import Theme
from tests.conftest import PASSWORD


def make_people_and_problem(app, n):
    # A cheap hash keeps 50 sign-ins fast; the strength of scrypt is not what is tested here.
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    with app.app_context():
        theme = Theme(slug="t", name_fr="T", name_en="T", name_es="T")
        people = [
            User(
                email=f"p{i}@example.org",
                display_name=f"P {i}",
                password_hash=cheap,
                accepted_terms_at=utcnow(),
            )  # fmt: skip
            for i in range(n)
        ]
        db.session.add_all([theme, *people])
        db.session.flush()
        problem = Problem(
            title="Concurrent", description="x", theme_id=theme.id, author_id=people[0].id
        )
        db.session.add(problem)
        db.session.commit()
        return [p.email for p in people], problem.id


def test_concurrent_support_toggles_keep_the_counter_exact(live_app):
    emails, problem_id = make_people_and_problem(live_app, 25)
    # Two browsers per account, 50 in all, each toggling once, all at the same moment.
    browsers = []
    for email in emails * 2:
        client = live_app.test_client()
        client.post("/auth/login", data={"email": email, "password": PASSWORD})
        browsers.append((client, client.csrf_token()))
    start = threading.Barrier(len(browsers))

    def toggle(browser):
        client, token = browser
        start.wait(timeout=30)
        return client.post(
            f"/ideas/{problem_id}/support", data={"csrf_token": token}, csrf=False
        ).status_code

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        statuses = list(pool.map(toggle, browsers))

    assert statuses == [302] * len(browsers)
    with live_app.app_context():
        rows = db.session.scalar(
            select(func.count()).select_from(Support).where(Support.problem_id == problem_id)
        )
        counter = db.session.get(Problem, problem_id).supports_count
        most_per_account = db.session.scalar(
            select(func.count()).select_from(Support).group_by(Support.user_id)
            .order_by(func.count().desc()).limit(1)
        )  # fmt: skip
    assert counter == rows
    assert most_per_account in (None, 1)

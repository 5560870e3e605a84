"""The demo's supports are spread over the weeks after their problem was proposed."""

from datetime import timedelta

from sqlalchemy import select

from platform.database import utcnow
from platform.demo.history import SUPPORT_WEEKS, spread_supports
from platform.extensions import db
from platform.ideas.models import Problem, Support


def test_supports_are_dated_after_their_problem_and_not_in_the_future(
    app, make_problem, make_user, add_supports
):
    old = make_problem(created_at=utcnow() - timedelta(days=300))
    new = make_problem(created_at=utcnow() - timedelta(days=3))
    add_supports(old, [make_user() for _ in range(5)])
    add_supports(new, [make_user() for _ in range(5)])
    with app.app_context():
        spread_supports()
        rows = db.session.execute(
            select(Support.created_at, Problem.created_at).join(
                Problem, Problem.id == Support.problem_id
            )
        ).all()
        now = utcnow()
    assert len(rows) == 10
    for supported, proposed in rows:
        assert proposed <= supported <= min(now, proposed + timedelta(weeks=SUPPORT_WEEKS))

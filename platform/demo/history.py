"""Demo history for the statistics: the supports dated as on a live platform.

The demo gives every support at the moment it is seeded, which would show a year of
participation as one month of supports. Each one gets a date in the weeks after its problem was
proposed instead, as happens on a live platform.
"""

import random
from datetime import timedelta

from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import Problem, Support

SUPPORT_WEEKS = 8


def spread_supports():
    """Date each support within SUPPORT_WEEKS of its problem's proposal, most of them early."""
    now = utcnow()
    rng = random.Random(2026)
    rows = db.session.execute(
        select(Support, Problem.created_at)
        .join(Problem, Problem.id == Support.problem_id)
        .order_by(Support.id)
    )
    for support, proposed in rows:
        latest = min(now, proposed + timedelta(weeks=SUPPORT_WEEKS))
        # Squaring a uniform draw puts more supports in the first days, when a problem is new.
        support.created_at = proposed + (latest - proposed) * rng.random() ** 2
    db.session.flush()

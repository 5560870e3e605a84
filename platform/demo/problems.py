"""Demo problems with their supports, comments and lab decisions, for `seed-demo`.

The texts are in `problems_text` (the problems as proposed) and `discussions_text` (what
followed); this module gives them their authors, supporters and dates.
"""

import random
from datetime import timedelta

from sqlalchemy import func, select

from platform.comments.services import post_comment
from platform.database import utcnow
from platform.demo.accounts import handle, seed_citizens
from platform.demo.discussions_text import COMMENTS, DECISIONS
from platform.demo.problems_text import PROBLEMS
from platform.extensions import db
from platform.ideas import services
from platform.ideas.models import Problem, ProblemStatus
from platform.roles import Role

# The signed-in demo citizen supports these, so that her "supported" marks show.
CAMILLE_SUPPORTS = {"cni", "bus-horaires", "banc-tram", "cantine", "bruit-nuit", "trottinettes"}


def find_problem(status, words):
    """Return the first visible problem at `status` whose title contains `words`, or None."""
    return db.session.scalar(
        select(Problem)
        .where(Problem.status == status, Problem.title.contains(words), ~Problem.is_hidden)
        .order_by(Problem.id)
        .limit(1)
    )


def seed_problems(accounts, themes, districts):
    """Add the demo problems and their life on the platform, unless problems exist already."""
    if db.session.scalar(select(func.count()).select_from(Problem)):
        return
    now = utcnow()
    people = {handle(user): user for user in accounts + seed_citizens(districts, now)}
    for user in accounts:  # the demo accounts were there before their oldest problem
        user.created_at = min(user.created_at, now - timedelta(days=470))
    citizens = [user for user in people.values() if user.role is Role.CITIZEN]
    themes = {theme.slug: theme for theme in themes}
    districts = {district.slug: district for district in districts}
    rng = random.Random(2026)  # varied but identical from one run to the next
    for position, row in enumerate(PROBLEMS):
        key, author, theme, district, days_ago, supports, title, description = row
        author = people[author]
        problem = services.create_problem(
            author, title=title, description=description, theme_id=themes[theme].id,
            district_id=districts[district].id if district else None,
        )  # fmt: skip
        # With pre-moderation on, the demo publishes its problems as a moderator would.
        problem.status = ProblemStatus.PROPOSED
        # Different times of day, so that lists sorted by date look lived in.
        born = now - timedelta(days=days_ago, minutes=47 * position)
        problem.created_at = problem.updated_at = born
        fans = [people["camille"]] if key in CAMILLE_SUPPORTS else []
        others = [user for user in citizens if user not in fans and user is not author]
        for user in fans + rng.sample(others, supports - len(fans)):
            services.set_support(user, problem, True)
        # Comments come before decisions: a withdrawn problem no longer accepts them.
        _seed_comments(problem, COMMENTS.get(key, []), people, born)
        _seed_decisions(problem, DECISIONS.get(key, []), author, people, born)
    db.session.flush()


def _seed_comments(problem, comments, people, born):
    """Post the problem's discussion, each comment on its day after the proposal."""
    posted = []
    for commenter, days, reply_to, body in comments:
        parent_id = posted[reply_to].id if reply_to is not None else None
        comment = post_comment(people[commenter], problem, body, parent_id=parent_id)
        comment.created_at = born + timedelta(days=days)
        posted.append(comment)


def _seed_decisions(problem, decisions, author, people, born):
    """Move the problem through the lab's decisions, each on its day after the proposal."""
    for status, days, actor, note in decisions:
        if status is ProblemStatus.WITHDRAWN:
            change = services.withdraw_problem(author, problem)
        else:
            change = services.change_status(people[actor], problem, status, note)
        change.created_at = problem.updated_at = born + timedelta(days=days)

"""The ceiling the list page is compared with: a bare Flask app that renders the same 20 cards,
held in memory, with the list's own card macro (`ideas/_macros.html`).

No database, no session, no translations catalog, no security headers: what is left is Flask,
Jinja and the cards, served by the same gunicorn settings as the platform in the same run.
The runner writes the cards beforehand from the platform's database (`write_ceiling_cards`).

    BENCH_CEILING_CARDS=cards.json .venv/bin/gunicorn -w 2 bench.ceiling:app
"""

import json
import os
from pathlib import Path
from types import SimpleNamespace

from flask import Flask, render_template
from jinja2 import ChoiceLoader, FileSystemLoader

ROOT = Path(__file__).resolve().parent.parent


def card(row):
    """A stand-in for a `Problem` with just what the card macro reads."""
    named = lambda name: SimpleNamespace(name=name) if name else None  # noqa: E731
    return SimpleNamespace(
        id=row["id"],
        title=row["title"],
        status=SimpleNamespace(value=row["status"], label=row["status_label"]),
        theme=named(row["theme"]),
        district=named(row["district"]),
        supports_count=row["supports_count"],
        comments_count=row["comments_count"],
        accepts_supports=True,
    )


def create_app(cards_path=None):
    app = Flask(__name__)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(ROOT / "bench" / "templates"),
            FileSystemLoader(ROOT / "platform" / "ideas" / "templates"),
            FileSystemLoader(ROOT / "platform" / "templates"),  # the shared macros it imports
        ]
    )
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_null_translations(newstyle=True)
    cards_path = cards_path or os.environ["BENCH_CEILING_CARDS"]
    data = json.loads(Path(cards_path).read_text())
    problems = [card(row) for row in data["cards"]]
    visitor = SimpleNamespace(is_authenticated=False)

    # The endpoints the macro links to, so that url_for builds the same URLs.
    for rule, endpoint in [
        ("/ideas/<int:problem_id>", "ideas.show"),
        ("/ideas/<int:problem_id>/support", "ideas.support"),
        ("/auth/login", "accounts.login"),
    ]:
        app.add_url_rule(rule, endpoint, lambda **_: "")

    @app.route("/")
    def cards():
        return render_template(
            "ceiling.html",
            problems=problems,
            total=data["total"],
            current_user=visitor,
            can_support_problem=lambda user, problem: False,
            csrf_token=lambda: "",
        )

    return app


def write_ceiling_cards(path):
    """The first 20 cards of the newest problems, as the ceiling app renders them."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import joinedload

    from platform.extensions import db
    from platform.ideas.models import Problem, ProblemStatus

    listed = (
        Problem.status.in_([s.value for s in ProblemStatus if s.is_listed]) & ~Problem.is_hidden
    )
    problems = db.session.scalars(
        select(Problem)
        .where(listed)
        .order_by(Problem.created_at.desc(), Problem.id.desc())
        .limit(20)
        .options(joinedload(Problem.theme), joinedload(Problem.district))
    ).all()
    total = db.session.scalar(select(func.count()).select_from(Problem).where(listed))
    cards = [
        {
            "id": problem.id,
            "title": problem.title,
            "status": problem.status.value,
            "status_label": str(problem.status.label),
            "theme": problem.theme.name_fr,
            "district": problem.district.name_fr if problem.district else None,
            "supports_count": problem.supports_count,
            "comments_count": problem.comments_count,
        }
        for problem in problems
    ]
    path.write_text(json.dumps({"total": total, "cards": cards}))


app = create_app() if os.environ.get("BENCH_CEILING_CARDS") else None

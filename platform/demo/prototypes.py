"""Demo prototypes with their versions, feedback, images and comments, for `seed-demo`.

The texts are in `prototypes_text`; this module gives them testers, ratings, pictures and dates.
"""

import io
import random
import unicodedata
from datetime import timedelta

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from platform.accounts.models import User
from platform.comments.services import post_comment
from platform.database import utcnow
from platform.demo.accounts import handle
from platform.demo.problems import find_problem
from platform.demo.prototypes_text import DRAFT, PROTOTYPES
from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.images import save_image
from platform.prototypes import services
from platform.prototypes.models import Prototype, QuestionKind
from platform.roles import Role


def _unaccented(text):
    """Return the text without its accents, for a font that has none."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _sheet(heading, lines, size):
    """A white sheet with a large heading and lines of text, as PNG bytes."""
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", size)
        big = ImageFont.truetype("DejaVuSans-Bold.ttf", size * 3 // 2)
    except OSError:  # Pillow's own font has no accented letters: write without accents
        font, big = ImageFont.load_default(size=size), ImageFont.load_default(size=size * 3 // 2)
        heading, *lines = [_unaccented(text) for text in (heading, *lines)]
    width = int(max([big.getlength(heading)] + [font.getlength(line) for line in lines])) + 120
    height = 140 + size * 3 // 2 + len(lines) * size * 3 // 2
    image = Image.new("RGB", (width, height), "#d8dde3")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, width - 20, height - 20), fill="white", outline="black", width=3)
    draw.text((60, 50), heading, font=big, fill="black")
    for row, line in enumerate(lines):
        draw.text((60, 90 + size * 3 // 2 * (row + 1)), line, font=font, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _attach(agent, prototype, heading, lines, size, alt_text):
    """Draw a sheet and add it to the prototype's latest version as an image."""
    data = _sheet(heading, lines, size)
    upload = FileStorage(stream=io.BytesIO(data), filename="fiche.png", content_type="image/png")
    return services.add_image(agent, prototype, save_image(upload), alt_text)


def _near(rating, rng):
    """A scale answer in line with the overall rating."""
    return min(5, max(1, rating + rng.choice((-1, 0, 0, 0, 1))))


def _spread(rng, count, texts):
    """{tester index: text} for some of `count` testers sorted by rating, lowest first."""
    # Texts are written from the most critical: they go to the lowest ratings first.
    return dict(zip(sorted(rng.sample(range(count), len(texts))), texts, strict=True))


def _seed_feedback(prototype, version, data, citizens, rng, start, end):
    """Give the version its testers, ratings around its target, and their answers."""
    questions = services.questions_of(version)
    count = data["testers"]
    testers = rng.sample(citizens, count)
    ratings = sorted(min(5, max(1, round(rng.gauss(data["target"], 0.7)))) for _ in testers)
    texts = [{} for _ in testers]
    for position, answers in data["answers"].items():
        for index, text in _spread(rng, count, answers).items():
            texts[index][questions[position].id] = text
    notes = _spread(rng, count, data["comments"])
    for index, (user, rating) in enumerate(zip(testers, ratings, strict=True)):
        answers = {q.id: _near(rating, rng) for q in questions if q.kind is QuestionKind.SCALE}
        answers.update(texts[index])
        feedback = services.give_feedback(
            user, prototype, rating=rating, answers=answers, comment=notes.get(index, "")
        )
        feedback.created_at = feedback.updated_at = start + (end - start) * rng.uniform(0.02, 1)


def _seed_discussion(prototype, discussion, people, now):
    """Post the comments on the prototype, each on its day."""
    posted = []
    for commenter, days_ago, reply_to, body in discussion:
        parent_id = posted[reply_to].id if reply_to is not None else None
        comment = post_comment(people[commenter], prototype, body, parent_id=parent_id)
        comment.created_at = now - timedelta(days=days_ago)
        posted.append(comment)


def _seed_prototype(agent, problem, data, people, citizens, rng, now):
    """Create, publish, version, discuss and maybe close one prototype."""
    status = problem.status
    # The service refuses an adopted problem: create its prototype as when it was tested.
    if status is ProblemStatus.ADOPTED:
        problem.status = ProblemStatus.EXPERIMENTING
    prototype = services.create_prototype(
        agent, problem, title=data["title"], summary=data["summary"],
        description=data["description"], questions=data["versions"][0]["questions"],
    )  # fmt: skip
    problem.status = status
    services.publish_prototype(agent, prototype)
    starts = [now - timedelta(days=spec["days_ago"]) for spec in data["versions"]]
    closed = now - timedelta(days=data["closed"]) if "closed" in data else None
    ends = [*starts[1:], closed or now]
    versions = [services.latest_version(prototype)]
    for number, (spec, start, end) in enumerate(zip(data["versions"], starts, ends, strict=True)):
        if number:
            versions.append(
                services.add_version(
                    agent, prototype, changes=spec["changes"], questions=spec["questions"]
                )
            )
        for heading, lines, size, alt_text in spec.get("images", []):
            _attach(agent, prototype, heading, lines, size, alt_text).created_at = start
        # Testers answer in the weeks after a version comes out.
        end = min(end, start + timedelta(days=30))
        _seed_feedback(prototype, versions[-1], spec, citizens, rng, start, end)
    _seed_discussion(prototype, data.get("discussion", []), people, now)
    if closed:
        services.close_prototype(agent, prototype)
    # The services stamp everything with the current time: move each step to its place.
    prototype.created_at = versions[0].created_at = starts[0] - timedelta(days=2)
    prototype.published_at = starts[0]
    prototype.updated_at = closed or starts[-1]
    prototype.closed_at = closed
    for version, start, end in zip(versions, starts, [*starts[1:], closed], strict=True):
        version.closed_at = end
        if version.number > 1:
            version.created_at = start


def _seed_draft(agent, now):
    """Write the lab's unpublished prototype, if its problem is there."""
    problem = find_problem(*DRAFT["problem"])
    if problem is None:
        return
    prototype = services.create_prototype(
        agent, problem, title=DRAFT["title"], summary=DRAFT["summary"],
        description=DRAFT["description"], questions=DRAFT["questions"],
    )  # fmt: skip
    written = now - timedelta(days=DRAFT["days_ago"])
    prototype.created_at = prototype.updated_at = written
    services.latest_version(prototype).created_at = written


def seed_prototypes(accounts):
    """Add the demo prototypes and their feedback, unless prototypes exist already."""
    if db.session.scalar(select(Prototype.id).limit(1)) is not None:
        return
    now, agent = utcnow(), accounts[3]
    # Camille, the demo citizen people sign in as, is left free to test the open versions.
    citizens = db.session.scalars(
        select(User).where(User.role == Role.CITIZEN, User.id != accounts[0].id).order_by(User.id)
    ).all()
    people = {handle(user): user for user in [*accounts, *citizens]}
    rng = random.Random(2026)  # varied but identical from one run to the next
    for data in PROTOTYPES:
        problem = find_problem(*data["problem"])
        if problem is not None:  # a database seeded before may lack this problem
            _seed_prototype(agent, problem, data, people, citizens, rng, now)
    _seed_draft(agent, now)
    db.session.flush()

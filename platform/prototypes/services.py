"""The rules of prototypes: publish, version, close, collect feedback, compute the results.

Services take the acting user, flush and never commit; a refused action raises
`PrototypeError`.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.ideas import services as problems
from platform.ideas.models import Problem, ProblemStatus
from platform.prototypes.models import (
    Answer,
    Feedback,
    Prototype,
    PrototypeImage,
    PrototypeStatus,
    PrototypeVersion,
    Question,
    QuestionKind,
)
from platform.prototypes.permissions import can_see_drafts
from platform.rules import RuleError
from platform.signals import prototype_published

TITLE_MAX = 150
SUMMARY_MAX = 300
DESCRIPTION_MAX = 10_000
QUESTION_MAX = 300
QUESTIONS_MAX = 5
ANSWER_MAX = 2_000
IMAGES_MAX = 6
# Problems for which the lab may prototype a solution.
PROTOTYPABLE = frozenset(
    {ProblemStatus.SELECTED, ProblemStatus.PROTOTYPING, ProblemStatus.EXPERIMENTING}
)


NOT_COLLECTING = _l("This prototype is not collecting feedback.")


class PrototypeError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def _text(value, maximum, field, empty_message, long_message):
    value = (value or "").strip()
    if not value:
        raise PrototypeError(empty_message, field)
    if len(value) > maximum:
        raise PrototypeError(long_message, field)
    return value


def _clean(title, summary, description):
    return (
        _text(title, TITLE_MAX, "title", _l("Give the prototype a title."),
              _l("A title has at most %(n)s characters.", n=TITLE_MAX)),
        _text(summary, SUMMARY_MAX, "summary", _l("Summarise the prototype in a sentence."),
              _l("A summary has at most %(n)s characters.", n=SUMMARY_MAX)),
        _text(description, DESCRIPTION_MAX, "description", _l("Describe the prototype."),
              _l("A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX))),
    )  # fmt: skip


def _clean_questions(questions):
    """Keep the questions that have a text; there must be one to five."""
    cleaned = []
    for text, kind in questions:
        text = (text or "").strip()
        if not text:
            continue
        if len(text) > QUESTION_MAX:
            raise PrototypeError(
                _l("A question has at most %(n)s characters.", n=QUESTION_MAX), "questions"
            )
        try:
            cleaned.append((text, QuestionKind(kind)))
        except ValueError:
            raise PrototypeError(
                _l("Choose a kind of answer for each question."), "questions"
            ) from None
    if not 1 <= len(cleaned) <= QUESTIONS_MAX:
        raise PrototypeError(
            _l("Ask between 1 and %(n)s things you want to learn.", n=QUESTIONS_MAX), "questions"
        )
    return cleaned


def _add_questions(version, questions):
    for position, (text, kind) in enumerate(questions):
        db.session.add(Question(version_id=version.id, position=position, text=text, kind=kind))


def create_prototype(author, problem, *, title, summary, description, questions):
    """Start a prototype for a problem, as a draft with its first version."""
    if problem.status not in PROTOTYPABLE or problem.is_hidden:
        raise PrototypeError(_l("Only a problem selected by the lab can get a prototype."))
    title, summary, description = _clean(title, summary, description)
    questions = _clean_questions(questions)
    prototype = Prototype(
        problem_id=problem.id, author_id=author.id, title=title, summary=summary,
        description=description, status=PrototypeStatus.DRAFT,
    )  # fmt: skip
    db.session.add(prototype)
    db.session.flush()
    version = PrototypeVersion(prototype_id=prototype.id, number=1)
    db.session.add(version)
    db.session.flush()
    _add_questions(version, questions)
    db.session.flush()
    return prototype


def update_prototype(actor, prototype, *, title, summary, description):
    if prototype.status is PrototypeStatus.CLOSED:
        raise PrototypeError(_l("A closed prototype can no longer be changed."))
    prototype.title, prototype.summary, prototype.description = _clean(title, summary, description)
    prototype.updated_at = utcnow()
    db.session.flush()


def publish_prototype(actor, prototype):
    """Open a draft to testers; the first prototype of a selected problem moves it along."""
    if prototype.status is not PrototypeStatus.DRAFT:
        raise PrototypeError(_l("This prototype is already published."))
    prototype.status = PrototypeStatus.OPEN
    prototype.published_at = prototype.updated_at = utcnow()
    db.session.flush()
    problem = db.session.get(Problem, prototype.problem_id)
    if problem.status is ProblemStatus.SELECTED:
        problems.change_status(actor, problem, ProblemStatus.PROTOTYPING)
    prototype_published.send(
        current_app._get_current_object(), prototype=prototype, problem=problem, actor=actor
    )
    return prototype


def latest_version(prototype):
    return db.session.scalar(
        select(PrototypeVersion)
        .where(PrototypeVersion.prototype_id == prototype.id)
        .order_by(PrototypeVersion.number.desc())
        .limit(1)
    )


def add_version(actor, prototype, *, changes, questions):
    """Publish a better version; the previous one stops collecting feedback but stays readable."""
    if prototype.status is not PrototypeStatus.OPEN:
        raise PrototypeError(_l("A new version can only follow a published, open prototype."))
    changes = _text(
        changes, DESCRIPTION_MAX, "changes", _l("Say what changed in this version."),
        _l("A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX)),
    )  # fmt: skip
    questions = _clean_questions(questions)
    previous = latest_version(prototype)
    previous.closed_at = utcnow()
    version = PrototypeVersion(
        prototype_id=prototype.id, number=previous.number + 1, changes=changes
    )
    db.session.add(version)
    db.session.flush()
    _add_questions(version, questions)
    prototype.versions_count = version.number
    prototype.updated_at = utcnow()
    db.session.flush()
    return version


def close_prototype(actor, prototype):
    if prototype.status is not PrototypeStatus.OPEN:
        raise PrototypeError(_l("Only an open prototype can be closed."))
    now = utcnow()
    prototype.status = PrototypeStatus.CLOSED
    prototype.closed_at = prototype.updated_at = now
    version = latest_version(prototype)
    version.closed_at = version.closed_at or now
    db.session.flush()


def questions_of(version):
    return db.session.scalars(
        select(Question).where(Question.version_id == version.id).order_by(Question.position)
    ).all()


def _clean_answers(version, answers):
    """Check answers against the version's own questions: {question_id: value} → rows."""
    questions = {q.id: q for q in questions_of(version)}
    cleaned = {}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise PrototypeError(
                _l("One of the answers is to a question this version does not ask.")
            )
        value = (value or "").strip() if isinstance(value, str) else value
        if value in ("", None):
            continue
        if question.kind is QuestionKind.SCALE:
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = 0
            if not 1 <= number <= 5:
                raise PrototypeError(_l("Answers on a scale go from 1 to 5."), f"q-{question_id}")
            cleaned[question_id] = (None, number)
        else:
            if len(value) > ANSWER_MAX:
                raise PrototypeError(
                    _l("An answer has at most %(n)s characters.", n=local_number(ANSWER_MAX)),
                    f"q-{question_id}",
                )
            cleaned[question_id] = (value, None)
    return cleaned


def _rating(value):
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise PrototypeError(_l("Give an overall rating from 1 to 5."), "rating")
    return rating


def give_feedback(user, prototype, *, rating, answers, comment=""):
    """Record (or update) the account's feedback on the version now being tested."""
    if not prototype.is_collecting_feedback:
        raise PrototypeError(NOT_COLLECTING)
    version = latest_version(prototype)
    if version.closed_at is not None:
        raise PrototypeError(_l("This version no longer collects feedback."))
    rating = _rating(rating)
    cleaned = _clean_answers(version, answers)
    comment = (comment or "").strip()
    if len(comment) > ANSWER_MAX:
        raise PrototypeError(
            _l("A comment has at most %(n)s characters.", n=local_number(ANSWER_MAX)), "comment"
        )
    feedback = db.session.scalar(
        select(Feedback).where(Feedback.version_id == version.id, Feedback.user_id == user.id)
    )
    if feedback is None:
        feedback = Feedback(version_id=version.id, user_id=user.id, rating=rating, comment=comment)
        try:
            with db.session.begin_nested():
                db.session.add(feedback)
        except IntegrityError:
            raise PrototypeError(_l("Your feedback on this version is already recorded.")) from None
        delta_count, delta_sum = 1, rating
    else:
        delta_count, delta_sum = 0, rating - feedback.rating
        feedback.rating, feedback.comment, feedback.updated_at = rating, comment, utcnow()
        for answer in db.session.scalars(select(Answer).where(Answer.feedback_id == feedback.id)):
            db.session.delete(answer)
        db.session.flush()
    for question_id, (text_value, scale_value) in cleaned.items():
        db.session.add(
            Answer(feedback_id=feedback.id, question_id=question_id, text_value=text_value,
                   scale_value=scale_value)
        )  # fmt: skip
    db.session.execute(
        update(PrototypeVersion)
        .where(PrototypeVersion.id == version.id)
        .values(
            feedbacks_count=PrototypeVersion.feedbacks_count + delta_count,
            rating_sum=PrototypeVersion.rating_sum + delta_sum,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return feedback


def feedback_of(user, version):
    """The account's feedback on a version with its answers as {question_id: value}, or None."""
    if not user.is_authenticated:
        return None
    feedback = db.session.scalar(
        select(Feedback).where(Feedback.version_id == version.id, Feedback.user_id == user.id)
    )
    if feedback is None:
        return None
    feedback.answers = {
        a.question_id: a.text_value if a.scale_value is None else a.scale_value
        for a in db.session.scalars(select(Answer).where(Answer.feedback_id == feedback.id))
    }
    return feedback


def add_image(actor, prototype, stored, alt_text):
    """Attach a stored image (see platform.images) to the version being worked on."""
    alt_text = _text(
        alt_text, 250, "alt_text", _l("Describe the image for people who cannot see it."),
        _l("A description has at most %(n)s characters.", n=250),
    )  # fmt: skip
    version = latest_version(prototype)
    count = db.session.scalar(select(func.count()).where(PrototypeImage.version_id == version.id))
    if count >= IMAGES_MAX:
        raise PrototypeError(_l("A version has at most %(n)s images.", n=IMAGES_MAX), "image")
    image = PrototypeImage(
        version_id=version.id, filename=stored.filename, alt_text=alt_text,
        content_type=stored.content_type, width=stored.width, height=stored.height,
        position=count,
    )  # fmt: skip
    db.session.add(image)
    db.session.flush()
    return image


# Reading -----------------------------------------------------------------------------------


@dataclass
class VersionResults:
    """What the testers of one version said."""

    version: PrototypeVersion
    questions: list = field(default_factory=list)
    images: list = field(default_factory=list)
    distribution: dict = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    question_averages: dict = field(default_factory=dict)
    text_answers: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def testers(self):
        return self.version.feedbacks_count

    @property
    def average(self):
        return self.version.average_rating


def results_of(prototype):
    """Every version of a prototype with its results, newest first, in a fixed number of queries."""
    versions = db.session.scalars(
        select(PrototypeVersion)
        .where(PrototypeVersion.prototype_id == prototype.id)
        .order_by(PrototypeVersion.number.desc())
    ).all()
    results = {v.id: VersionResults(v) for v in versions}
    ids = list(results)
    for question in db.session.scalars(
        select(Question).where(Question.version_id.in_(ids)).order_by(Question.position)
    ):
        results[question.version_id].questions.append(question)
    for image in db.session.scalars(
        select(PrototypeImage)
        .where(PrototypeImage.version_id.in_(ids))
        .order_by(PrototypeImage.position, PrototypeImage.id)
    ):
        results[image.version_id].images.append(image)
    for version_id, rating, count in db.session.execute(
        select(Feedback.version_id, Feedback.rating, func.count())
        .where(Feedback.version_id.in_(ids))
        .group_by(Feedback.version_id, Feedback.rating)
    ):
        results[version_id].distribution[rating] = count
    for version_id, question_id, average in db.session.execute(
        select(Question.version_id, Answer.question_id, func.avg(Answer.scale_value))
        .join(Question, Question.id == Answer.question_id)
        .where(Question.version_id.in_(ids), Answer.scale_value.is_not(None))
        .group_by(Question.version_id, Answer.question_id)
    ):
        results[version_id].question_averages[question_id] = float(average)
    # Free answers are public text: those of feedback hidden by moderation are left out.
    for version_id, question_id, feedback_id, text in db.session.execute(
        select(Question.version_id, Answer.question_id, Answer.feedback_id, Answer.text_value)
        .join(Question, Question.id == Answer.question_id)
        .join(Feedback, Feedback.id == Answer.feedback_id)
        .where(Question.version_id.in_(ids), Answer.text_value.is_not(None), ~Feedback.is_hidden)
        .order_by(Answer.id)
    ):
        results[version_id].text_answers[question_id].append((feedback_id, text))
    return [results[v.id] for v in versions]


def comparison(results):
    """Figures to compare versions, oldest first: average rating, then each scale question
    asked in several versions (matched by its wording)."""
    ordered = list(reversed(results))
    labels = [f"v{r.version.number}" for r in ordered]
    groups = [(None, [r.average for r in ordered])]
    wordings = []
    for r in ordered:
        for q in r.questions:
            if q.kind is QuestionKind.SCALE and q.text not in wordings:
                wordings.append(q.text)
    for wording in wordings[:5]:
        values = []
        for r in ordered:
            match = next((q for q in r.questions if q.text == wording), None)
            values.append(r.question_averages.get(match.id) if match else None)
        groups.append((wording, values))
    return labels, groups


def list_query(user):
    """Prototypes for `/prototypes/`: open ones first, then closed; drafts for agents only."""
    query = select(Prototype).where(~Prototype.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Prototype.status != PrototypeStatus.DRAFT)
    open_first = case((Prototype.status == PrototypeStatus.OPEN, 0), else_=1)
    return query.order_by(open_first, Prototype.updated_at.desc(), Prototype.id.desc()).options(
        joinedload(Prototype.problem)
    )


def prototypes_of_problem(problem, user):
    """The prototypes shown on a problem's page (drafts for agents only)."""
    query = select(Prototype).where(Prototype.problem_id == problem.id, ~Prototype.is_hidden)
    if not can_see_drafts(user):
        query = query.where(Prototype.status != PrototypeStatus.DRAFT)
    return db.session.scalars(query.order_by(Prototype.created_at)).all()


def versions_of_prototypes(prototypes):
    """{prototype_id: [versions]} for a problem's timeline, in one query."""
    ids = [p.id for p in prototypes]
    found = defaultdict(list)
    if ids:
        for version in db.session.scalars(
            select(PrototypeVersion)
            .where(PrototypeVersion.prototype_id.in_(ids))
            .order_by(PrototypeVersion.number)
        ):
            found[version.prototype_id].append(version)
    return found


def load_prototype(prototype_id):
    return db.session.scalar(
        select(Prototype)
        .where(Prototype.id == prototype_id)
        .options(joinedload(Prototype.problem), joinedload(Prototype.author))
    )

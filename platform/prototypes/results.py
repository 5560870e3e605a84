"""What the testers of each version said: ratings, answers and the figures that compare
versions. Read in a fixed number of queries, whatever the number of versions and testers."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from platform.extensions import db
from platform.prototypes.models import (
    Answer,
    Feedback,
    PrototypeImage,
    PrototypeVersion,
    Question,
    QuestionKind,
)


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

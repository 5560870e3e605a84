"""Demo surveys for `seed-demo`: one open for the canteen problem (with conditional questions and
a dozen responses; the demo citizens have not answered yet), one closed with about 200 generated
responses and published results (anonymous, with the quotations the lab picked), and a draft.

The texts are in `surveys_text`. Surveys go through their life's services (create, open,
publish); their questions are laid out directly, as the builder would store them, and the
generated responses are written as rows: the demo has a few dozen accounts, so most responses
of the anonymous survey stand for people without an account here (their keys are made up, which
an anonymous response allows: nothing in it names an account).
"""

import random
from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import selectinload

from platform.accounts.models import User
from platform.database import utcnow
from platform.demo.problems import find_problem
from platform.demo.surveys_text import ANSWERS, CANTEEN, ELEVATOR, ID_CARD, QUOTED
from platform.extensions import db
from platform.notifications.models import Notification
from platform.roles import Role
from platform.surveys import services
from platform.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    survey_condition_option,
)


def seed_surveys(accounts):
    """Add the demo surveys, unless surveys exist already."""
    if db.session.scalar(select(Survey.id).limit(1)) is not None:
        return
    now, agent = utcnow(), accounts[3]
    # The demo citizens people sign in as (Camille, Yanis, Lucía) have not answered yet.
    demo_ids = [account.id for account in accounts[:3]]
    citizens = db.session.scalars(
        select(User).where(User.role == Role.CITIZEN, User.id.not_in(demo_ids)).order_by(User.id)
    ).all()
    rng = random.Random(2027)  # varied but identical from one run to the next
    canteen = _create(agent, CANTEEN, now - timedelta(days=6), now + timedelta(days=21))
    if canteen is not None:
        services.open_survey(agent, canteen)
        canteen.opened_at = canteen.opens_at
        _respond(canteen, [services.respondent_key(canteen.id, c.id) for c in citizens[:14]],
                 citizens[:14], rng, now - timedelta(days=5))  # fmt: skip
    id_card = _create(agent, ID_CARD, now + timedelta(days=1), now + timedelta(days=2))
    if id_card is not None:
        services.open_survey(agent, id_card)
        id_card.opens_at, id_card.closes_at = now - timedelta(days=60), now - timedelta(days=20)
        id_card.opened_at = id_card.opens_at
        keys = [services.respondent_key(id_card.id, c.id) for c in citizens]
        keys += [services.respondent_key(id_card.id, f"demo-{n}") for n in range(210 - len(keys))]
        _respond(id_card, keys, [None] * len(keys), rng, id_card.opens_at)
        _quote(id_card, now - timedelta(days=12))
        services.publish_results(agent, id_card, ID_CARD["results_note"])
        id_card.closed_at = id_card.closes_at
        id_card.results_published_at = id_card.updated_at = now - timedelta(days=10)
        db.session.execute(
            update(Notification)
            .where(Notification.survey_id == id_card.id)
            .values(created_at=id_card.results_published_at)
        )
    _create(agent, ELEVATOR, now + timedelta(days=10), now + timedelta(days=40))
    db.session.flush()


def _create(agent, data, opens_at, closes_at):
    problem = find_problem(*data["problem"])
    if problem is None:  # a database seeded before may lack this problem
        return None
    survey = services.create_survey(
        agent, title=data["title"], introduction=data["introduction"], opens_at=opens_at,
        closes_at=closes_at, problem_id=problem.id, is_anonymous=data["anonymous"],
    )  # fmt: skip
    for section in survey.sections:
        db.session.delete(section)
    db.session.flush()
    questions = []
    for position, (title, description, items) in enumerate(data["sections"], start=1):
        section = SurveySection(survey_id=survey.id, position=position, title=title,
                                description=description)  # fmt: skip
        db.session.add(section)
        db.session.flush()
        for number, item in enumerate(items, start=1):
            questions.append(_question(survey, section, number, item, questions))
    db.session.flush()
    survey.created_at = opens_at - timedelta(days=8)
    return survey


def _question(survey, section, position, item, earlier):
    kind, prompt, labels, extra = item
    low, high = extra.get("scale", (None, None))
    question = SurveyQuestion(
        survey_id=survey.id, section_id=section.id, position=position, kind=QuestionKind(kind),
        prompt=prompt, help_text=extra.get("help_text", ""),
        is_required=extra.get("is_required", False), has_other=extra.get("has_other", False),
        max_choices=extra.get("max_choices"), scale_min=low, scale_max=high,
        low_label=extra.get("low_label", ""), high_label=extra.get("high_label", ""),
    )  # fmt: skip
    db.session.add(question)
    db.session.flush()
    for is_row, names in ((False, labels), (True, extra.get("rows", []))):
        for number, label in enumerate(names, start=1):
            db.session.add(SurveyOption(question_id=question.id, position=number, label=label,
                                        is_row=is_row))  # fmt: skip
    db.session.flush()
    db.session.refresh(question, ["options", "rows"])
    if "condition" in extra:
        index, chosen = extra["condition"]
        source = earlier[index]
        question.condition_question_id = source.id
        db.session.execute(
            insert(survey_condition_option),
            [{"question_id": question.id, "option_id": o.id}
             for o in source.options if o.label in chosen],
        )  # fmt: skip
    return question


def _respond(survey, keys, users, rng, since):
    """One sent response per key, each answering the questions its answers make visible."""
    questions = db.session.scalars(
        select(SurveyQuestion)
        .join(SurveySection, SurveySection.id == SurveyQuestion.section_id)
        .where(SurveyQuestion.survey_id == survey.id)
        .order_by(SurveySection.position, SurveyQuestion.position)
        .options(
            selectinload(SurveyQuestion.options), selectinload(SurveyQuestion.rows),
            selectinload(SurveyQuestion.condition_options),
        )
    ).all()  # fmt: skip
    span = max((min(utcnow(), survey.closes_at) - since).total_seconds(), 3600)
    for key, user in zip(keys, users, strict=True):
        at = since + timedelta(seconds=rng.uniform(0, span))
        response = SurveyResponse(
            survey_id=survey.id, respondent_key=key,
            user_id=None if survey.is_anonymous or user is None else user.id,
            submitted_at=at, created_at=at, updated_at=at,
        )  # fmt: skip
        db.session.add(response)
        db.session.flush()
        chosen = {}
        for question in questions:
            if question.condition_question_id is not None:
                wanted = {o.id for o in question.condition_options}
                if not wanted & chosen.get(question.condition_question_id, set()):
                    continue
            rows = _answers(question, rng)
            chosen[question.id] = {row["option_id"] for row in rows if row.get("option_id")}
            db.session.add_all(SurveyAnswer(response_id=response.id, question_id=question.id,
                                            **row) for row in rows)  # fmt: skip
    survey.responses_count = len(keys)
    survey.locked_at = since
    db.session.flush()


def _answers(question, rng):
    """The answer rows of one generated respondent to `question` (maybe none)."""
    options, kind = question.options, question.kind
    if kind is QuestionKind.SINGLE_CHOICE:
        if question.has_other and rng.random() < 0.06:
            return [{"is_other": True, "text": rng.choice(ANSWERS["other"])}]
        weights = [len(options) - i + 1 for i in range(len(options))]
        return [{"option_id": rng.choices(options, weights=weights)[0].id}]
    if kind is QuestionKind.MULTIPLE_CHOICE:
        most = question.max_choices or 3
        picked = rng.sample(options, rng.randint(1, min(most, len(options))))
        return [{"option_id": o.id} for o in picked]
    if kind is QuestionKind.SCALE:
        values = question.scale_values
        return [{"number": rng.choices(values, weights=range(1, len(values) + 1))[0]}]
    if kind is QuestionKind.RANKING:
        order = rng.sample(options, len(options))
        return [{"option_id": o.id, "rank": rank} for rank, o in enumerate(order, start=1)]
    if kind is QuestionKind.MATRIX:
        return [
            {"row_option_id": row.id, "option_id": rng.choices(options, weights=(1, 2, 4, 3))[0].id}
            for row in question.rows
        ]
    if kind is QuestionKind.NUMBER:
        return [{"number": rng.choice([3, 7, 12, 20, 30, 35, 45, 60, 75, 90, 110])}]
    texts = ANSWERS.get(question.prompt)
    if texts and rng.random() < 0.35:
        return [{"text": rng.choice(texts)}]
    return []


def _quote(survey, at):
    """Publish one answer of each quotation the lab picked."""
    for text in QUOTED:
        answer = db.session.scalar(
            select(SurveyAnswer)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == survey.id, SurveyAnswer.text == text)
            .order_by(SurveyAnswer.id)
            .limit(1)
        )
        if answer is not None:
            answer.quoted_at = at

"""The rules a generated city's surveys keep, read back from the database: `violations(session)`
lists every response, answer or survey that breaks one (empty when all is well).

Also runnable on a loaded benchmark database:

    DATABASE_URL=sqlite:////tmp/bench.db .venv/bin/python -m tests.bench.survey_rules
"""

from collections import defaultdict

from sqlalchemy import select

from platform.database import utcnow
from platform.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
    survey_condition_option,
)

K = QuestionKind


def survey_violations(survey, responses):
    """What is wrong with a survey's state, dates and counters."""
    found = []
    submitted = [r for r in responses if r.submitted_at is not None]

    def wrong(message):
        found.append(f"survey {survey.id} ({survey.status}): {message}")

    if survey.responses_count != len(submitted):
        wrong(f"responses_count {survey.responses_count} for {len(submitted)} submitted")
    if (survey.locked_at is not None) != bool(responses):
        wrong("locked_at set without responses, or missing with some")
    if responses and survey.locked_at != min(r.created_at for r in responses):
        wrong("locked_at is not when the first response was started")
    if survey.closes_at <= survey.opens_at:
        wrong("closes before it opens")
    status = survey.status
    if status is SurveyStatus.DRAFT and (responses or survey.opened_at):
        wrong("a draft with responses or an opening")
    if status is not SurveyStatus.DRAFT and survey.opened_at is None:
        wrong("opened_at missing")
    if (survey.closed_at is not None) != (status in (SurveyStatus.CLOSED, SurveyStatus.PUBLISHED)):
        wrong("closed_at does not match the status")
    if (survey.results_published_at is not None) != (status is SurveyStatus.PUBLISHED):
        wrong("results_published_at does not match the status")
    if status is SurveyStatus.PUBLISHED and survey.results_published_at <= survey.closed_at:
        wrong("results published before the survey closed")
    if status is not SurveyStatus.OPEN and any(r.submitted_at is None for r in responses):
        wrong("drafts of responses outside an open survey")
    end = min(survey.closed_at or survey.closes_at, utcnow())
    for r in submitted:
        if not survey.opens_at <= r.submitted_at <= end or r.created_at > r.submitted_at:
            wrong(f"response {r.id} sent outside the survey's opening")
    users = [r.user_id for r in responses]
    if survey.is_anonymous and any(u is not None for u in users):
        wrong("an anonymous survey's response names its account")
    if not survey.is_anonymous and (None in users or len(set(users)) != len(users)):
        wrong("responses without an account, or two from one account")
    return found


def response_violations(response, questions, options_of, conditions, answers):
    """What is wrong with one response's answers (`answers`: its rows by question id)."""
    found = []

    def wrong(question, message):
        found.append(f"response {response.id}, question {question.id} ({question.kind}): {message}")

    picked = {}
    for question in questions:
        rows = answers.get(question.id, [])
        choices = {a.option_id for a in rows if a.option_id is not None}
        picked[question.id] = choices
        source = question.condition_question_id
        visible = source is None or bool(picked.get(source, set()) & conditions[question.id])
        if not visible:
            if rows:
                wrong(question, "answered while hidden")
            continue
        if not rows:
            if question.is_required and response.submitted_at is not None:
                wrong(question, "required, not answered")
            continue
        options, matrix_rows = options_of[question.id]
        others = [a for a in rows if a.is_other]
        if others and (not question.has_other or any(a.option_id or not a.text for a in others)):
            wrong(question, "a wrong 'other' answer")
        if not choices <= options:
            wrong(question, "an option of another question")
        if any(a.quoted_at is not None for a in rows) and question.kind is not K.LONG_TEXT:
            wrong(question, "a quotation that is not a long text")
        kind = question.kind
        if kind is K.SINGLE_CHOICE and len(rows) != 1:
            wrong(question, f"{len(rows)} answers to a single choice")
        elif kind is K.MULTIPLE_CHOICE:
            n = len(rows)
            if len(choices) != len(rows) - len(others) or len(others) > 1:
                wrong(question, "an option chosen twice")
            if question.min_choices is not None and len(choices) < question.min_choices:
                wrong(question, f"{n} choices, fewer than {question.min_choices}")
            if question.max_choices is not None and n > question.max_choices:
                wrong(question, f"{n} choices, more than {question.max_choices}")
        elif kind is K.RANKING:
            ranks = sorted(a.rank for a in rows)
            if choices != options or ranks != list(range(1, len(options) + 1)):
                wrong(question, f"ranks {ranks} are not a permutation of the options")
        elif kind is K.MATRIX:
            answered_rows = [a.row_option_id for a in rows]
            if len(set(answered_rows)) != len(rows) or not set(answered_rows) <= matrix_rows:
                wrong(question, "a matrix row answered twice, or a row of another question")
            if question.is_required and set(answered_rows) != matrix_rows:
                wrong(question, "a required matrix with rows left blank")
        elif kind in (K.SCALE, K.NUMBER):
            if len(rows) != 1 or rows[0].number is None:
                wrong(question, "not one number")
            elif kind is K.SCALE and not question.scale_min <= rows[0].number <= question.scale_max:
                wrong(question, f"{rows[0].number} outside the scale")
        elif kind.is_text and (len(rows) != 1 or not rows[0].text):
            wrong(question, "not one text")
    return found


def violations(session):
    """Every broken rule of the surveys in the database, as sentences."""
    found = []
    sections = {s.id: s.position for s in session.scalars(select(SurveySection))}
    questions = defaultdict(list)
    for q in session.scalars(select(SurveyQuestion)):
        questions[q.survey_id].append(q)
    for survey_questions in questions.values():
        survey_questions.sort(key=lambda q: (sections[q.section_id], q.position))
    options_of = defaultdict(lambda: (set(), set()))
    for option in session.scalars(select(SurveyOption)):
        options_of[option.question_id][1 if option.is_row else 0].add(option.id)
    conditions = defaultdict(set)
    for question_id, option_id in session.execute(select(survey_condition_option)):
        conditions[question_id].add(option_id)
    question_of = {q.id: q for qs in questions.values() for q in qs}
    for question_id, option_ids in conditions.items():
        question = question_of[question_id]
        source = question_of.get(question.condition_question_id)
        if (
            source is None
            or not source.kind.is_choice
            or sections[source.section_id] >= sections[question.section_id]
            or not option_ids <= options_of[source.id][0]
        ):
            found.append(f"question {question_id}: a condition not on an earlier choice question")
    responses = defaultdict(list)
    for response in session.scalars(select(SurveyResponse)):
        responses[response.survey_id].append(response)
    answers = defaultdict(lambda: defaultdict(list))
    for answer in session.scalars(select(SurveyAnswer)):
        answers[answer.response_id][answer.question_id].append(answer)
    for survey in session.scalars(select(Survey).order_by(Survey.id)):
        found += survey_violations(survey, responses[survey.id])
        reached = [r for r in responses[survey.id]]
        for response in reached:
            found += response_violations(
                response, questions[survey.id], options_of, conditions, answers[response.id]
            )
        quoted = any(
            a.quoted_at is not None
            for r in reached
            for rows in answers[r.id].values()
            for a in rows
        )
        if quoted and survey.status is not SurveyStatus.PUBLISHED:
            found.append(f"survey {survey.id}: quotations before its results are published")
    return found


if __name__ == "__main__":
    import app as entry_point
    from platform.extensions import db

    with entry_point.app.app_context():
        broken = violations(db.session)
    print("\n".join(broken[:50]) or "every survey keeps its rules")
    print(f"{len(broken)} broken rules")

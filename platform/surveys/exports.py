"""The organisers' CSV of a survey's sent responses: one row per response, one column per
question, or per option (multiple choice: 1 or empty; ranking: its rank), per row (matrix: the
column chosen), and the "other" text in a column of its own. Texts as typed, every cell safe to
open in a spreadsheet.

A named survey starts each row with the respondent's name, e-mail address and sending time. An
anonymous one holds no identity at all: no name, address, account or response number, only the
sending date, and rows in the order of the respondents' keyed hashes, which says nothing of
when they answered.

The file is streamed from one query (responses, their accounts and their answers joined),
whatever the number of responses.
"""

import csv
import io
from dataclasses import dataclass
from itertools import groupby

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy import select

from platform.accounts.models import DELETED_ACCOUNT, User
from platform.extensions import db
from platform.surveys.models import QuestionKind, SurveyAnswer, SurveyResponse
from platform.surveys.services import load_structure
from platform.text import spreadsheet_safe

# Spreadsheet programs read UTF-8 without a byte-order mark as their local encoding.
BYTE_ORDER_MARK = "\ufeff"


@dataclass
class Column:
    """One column: its header, and how to read its cell from a response's answers to its
    question (a list of `SurveyAnswer`-shaped rows)."""

    header: str
    question_id: int
    read: object


def cell(value):
    """A value as a CSV cell; text that a spreadsheet would run as a formula is made inert."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return spreadsheet_safe(value) if isinstance(value, str) else value


def filename(survey):
    return f"survey-{survey.id}-responses.csv"


# Columns -----------------------------------------------------------------------------------


def _chosen(answers):
    return [a for a in answers if a.option_id is not None and not a.is_other]


def _other_text(answers):
    return next((a.text for a in answers if a.is_other), None)


def _single(labels):
    return lambda answers: next((labels.get(a.option_id) for a in _chosen(answers)), None)


def _ticked(option_id):
    return lambda answers: 1 if any(a.option_id == option_id for a in _chosen(answers)) else None


def _rank(option_id):
    return lambda answers: next((a.rank for a in answers if a.option_id == option_id), None)


def _matrix_cell(row_id, labels):
    return lambda answers: next(
        (labels.get(a.option_id) for a in answers if a.row_option_id == row_id), None
    )


def _number(answers):
    return next((a.number for a in answers if a.number is not None), None)


def _text(answers):
    return next((a.text for a in answers if a.text is not None and not a.is_other), None)


def _question_columns(number, question):
    """The columns of one question, headed by its number and prompt."""
    title = f"{number}. {question.prompt}"
    labels = {o.id: o.label for o in question.options}
    kind = question.kind
    if kind is QuestionKind.SINGLE_CHOICE:
        columns = [Column(title, question.id, _single(labels))]
    elif kind is QuestionKind.MULTIPLE_CHOICE:
        columns = [
            Column(f"{title} – {o.label}", question.id, _ticked(o.id)) for o in question.options
        ]
    elif kind is QuestionKind.RANKING:
        columns = [
            Column(f"{title} – {o.label}", question.id, _rank(o.id)) for o in question.options
        ]
    elif kind is QuestionKind.MATRIX:
        columns = [
            Column(f"{title} – {row.label}", question.id, _matrix_cell(row.id, labels))
            for row in question.rows
        ]
    elif kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        columns = [Column(title, question.id, _number)]
    else:
        columns = [Column(title, question.id, _text)]
    if kind.is_choice and question.has_other:
        columns.append(Column(f"{title} – {_('Other (please specify)')}", question.id, _other_text))
    return columns


def columns_of(survey):
    """Every question's columns, in the survey's order (the structure's queries)."""
    questions = [q for section in load_structure(survey) for q in section.questions]
    return [c for n, q in enumerate(questions, start=1) for c in _question_columns(n, q)]


# Rows --------------------------------------------------------------------------------------


def _identity_headers(anonymous):
    if anonymous:
        return [_("Sent on")]
    return [_("Name"), _("E-mail address"), _("Sent at")]


def _identity(anonymous, response):
    sent = to_user_timezone(response.submitted_at)
    if anonymous:
        return [sent.date().isoformat()]
    if response.user_id is None or response.deleted_at is not None:
        return [str(DELETED_ACCOUNT), None, sent.isoformat(timespec="seconds")]
    return [response.display_name, response.email, sent.isoformat(timespec="seconds")]


def _rows_query(survey_id, anonymous):
    """Sent responses with their answers, one row per answer (or one for a response without
    any), grouped by response; for a named survey, with the account's name and address."""
    query = select(
        SurveyResponse.id.label("response_id"), SurveyResponse.submitted_at,
        SurveyAnswer.question_id, SurveyAnswer.option_id, SurveyAnswer.row_option_id,
        SurveyAnswer.rank, SurveyAnswer.number, SurveyAnswer.text, SurveyAnswer.is_other,
    ).outerjoin(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)  # fmt: skip
    query = query.where(
        SurveyResponse.survey_id == survey_id, SurveyResponse.submitted_at.is_not(None)
    )
    if anonymous:
        order = (SurveyResponse.respondent_key,)
    else:
        query = query.add_columns(
            SurveyResponse.user_id, User.display_name, User.email, User.deleted_at
        ).outerjoin(User, User.id == SurveyResponse.user_id)
        order = (SurveyResponse.submitted_at,)
    return query.order_by(*order, SurveyResponse.id, SurveyAnswer.id)


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def responses_csv(survey):
    """The file's name and its chunks: everything about the survey is read now, since the
    chunks are written after the view has returned (and the session let go of `survey`)."""
    columns = columns_of(survey)
    headers = _identity_headers(survey.is_anonymous) + [c.header for c in columns]
    query = _rows_query(survey.id, survey.is_anonymous)
    return filename(survey), _chunks(headers, columns, query, survey.is_anonymous)


def _chunks(headers, columns, query, anonymous):
    """The header row, then the rows of the sent responses, a chunk every hundred."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell(h) for h in headers])
    yield BYTE_ORDER_MARK + _drain(buffer)
    rows = db.session.execute(query)
    for count, (_response_id, answers) in enumerate(groupby(rows, key=lambda r: r.response_id)):
        answers = list(answers)
        by_question = {}
        for answer in answers:
            by_question.setdefault(answer.question_id, []).append(answer)
        writer.writerow(
            [cell(v) for v in _identity(anonymous, answers[0])]
            + [cell(c.read(by_question.get(c.question_id, []))) for c in columns]
        )
        if count % 100 == 99:
            yield _drain(buffer)
    yield _drain(buffer)

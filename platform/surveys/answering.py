"""Answering a survey: one response per account, saved section by section, sent once.

The first section saved creates the response (a draft); the review page sends it. The person
may change answers until the survey closes: a sent response keeps counting once.

Conditions are evaluated here, on the server, from the answers already saved: a question whose
condition is not met is neither shown nor accepted, and an answer that changes forgets the
answers to the questions it hides. A section with no question left to show is skipped.

Answers are read straight from the sent form, question by question (no WTForms class: the
questions are data). Field names: `q<id>` (the choice, value, number or text), `q<id>-other`
(the "other" text), `q<id>-rank-<option id>` (a ranking), `q<id>-row-<row id>` (a matrix row).

Concurrency: the unique key (survey, respondent_key) keeps one response per account, the
account's response row is locked while its answers are replaced or sent, and the counter
moves in SQL only when the conditional UPDATE really sent the response.
"""

import re
from collections import Counter, defaultdict
from decimal import Decimal
from typing import NamedTuple

from babel.numbers import get_decimal_symbol
from flask_babel import format_datetime, format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.surveys.models import Phase, QuestionKind, Survey, SurveyAnswer, SurveyResponse
from platform.surveys.services import SurveyError, load_structure, respondent_key

SHORT_MAX = 300
LONG_MAX = 5_000
NUMBER_LIMIT = 1e12
OTHER = "other"

# q<id>, q<id>-other, q<id>-rank-<option id>, q<id>-row-<row id>
FIELD = re.compile(r"q([0-9]{1,18})(?:-(other)|-(rank|row)-([0-9]{1,18}))?")
ID = re.compile(r"[0-9]{1,18}")
WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")

REQUIRED = _l("Answer this question: it is required.")
NOT_APPLICABLE = _l("This question does not apply to your answers.")
SECTION_NOT_APPLICABLE = _l("This part of the survey does not apply to your answers.")
NO_SUCH_SECTION = _l("This part of the survey does not exist.")
NOTHING_TO_SEND = _l("Answer the questions before sending your answers.")
ONE_ANSWER = _l("Give only one answer.")
UNKNOWN_OPTION = _l("Choose one of the options offered.")
SAME_OPTION_TWICE = _l("Choose each option only once.")
OTHER_MISSING = _l("Say what your other answer is, in the box “Other (please specify)”.")
NOT_A_ROW = _l("Answer only the rows of this question.")
EVERY_ROW = _l("Answer every row.")
CLOSED = _l("This survey is closed: it no longer takes answers.")


class InvalidAnswers(SurveyError):
    """Answers were refused and nothing was saved: `errors` maps a question's id (None for the
    whole form) to its message; `sheet` is the response as it still stands, to show again."""

    def __init__(self, errors, sheet):
        super().__init__(_l("Some answers need your attention."))
        self.errors = errors
        self.sheet = sheet


class NoSuchSection(SurveyError):
    """The survey has no section at that position (the route answers 404)."""


class _Invalid(Exception):
    """One question's answer is refused; collected into InvalidAnswers."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class _local_moment:  # noqa: N801 - used like a function inside messages
    """A date and time written the reader's way when the message is shown."""

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return format_datetime(self.value, "d MMMM y, HH:mm")


# Whether the survey takes answers --------------------------------------------------------------


def answering_refusal(survey):
    """Why `survey` takes no answers now, in words; None while it takes them."""
    if survey.accepts_responses:
        return None
    phase = survey.phase
    if phase is Phase.DRAFT:
        return _l("This survey is still being prepared: it does not take answers yet.")
    if phase is Phase.SCHEDULED:
        return _l(
            "This survey opens on %(date)s: come back then.", date=_local_moment(survey.opens_at)
        )
    if phase is Phase.PUBLISHED:
        return _l("This survey is closed and its results are published: it takes no answers.")
    if phase is Phase.CLOSED:
        return CLOSED
    return _l("This survey is not shown at the moment: it takes no answers.")


def _ensure_open(survey):
    refusal = answering_refusal(survey)
    if refusal is not None:
        raise SurveyError(refusal)


# What the person sees and has answered ---------------------------------------------------------


class Sheet:
    """A survey's structure with one account's response and its saved answers: which questions
    and sections are shown, which are answered, where to continue."""

    def __init__(self, survey, sections, response, answers):
        self.survey = survey
        self.sections = sections
        self.response = response
        self.answers = answers  # question id -> [SurveyAnswer]
        self.questions = {q.id: q for s in sections for q in s.questions}
        self.order = {question_id: n for n, question_id in enumerate(self.questions)}
        self.section_of = {q.id: s for s in sections for q in s.questions}

    def is_visible(self, question):
        """Shown unless it has a condition its (shown) source question's saved answer does not
        meet. A condition on a later question, which the builder never makes, is ignored."""
        source = self.questions.get(question.condition_question_id)
        if source is None or self.order[source.id] >= self.order[question.id]:
            return True
        if not self.is_visible(source):
            return False
        chosen = {answer.option_id for answer in self.answers.get(source.id, ())}
        return any(option.id in chosen for option in question.condition_options)

    def visible_questions(self, section):
        return [question for question in section.questions if self.is_visible(question)]

    def shown_sections(self):
        """The sections with at least one question to show, in order."""
        return [section for section in self.sections if self.visible_questions(section)]

    def section_at(self, position):
        return next((s for s in self.sections if s.position == position), None)

    def next_after(self, position):
        """The first shown section after `position`, or None (then comes the review)."""
        return next((s for s in self.shown_sections() if s.position > position), None)

    def previous_before(self, position):
        return next((s for s in reversed(self.shown_sections()) if s.position < position), None)

    def progress(self, section):
        """(n, total): "Part n of total", counting the shown sections only."""
        shown = self.shown_sections()
        return shown.index(section) + 1, len(shown)

    def is_answered(self, question):
        return bool(self.answers.get(question.id))

    def missing(self):
        """The shown required questions not answered yet, in order."""
        return [
            question
            for section in self.sections
            for question in self.visible_questions(section)
            if question.is_required and not self.is_answered(question)
        ]

    def continue_position(self):
        """Where "continue" goes: the shown section after the furthest one saved (the first
        shown section for a new response), or None for the review once all were saved."""
        furthest = next(
            (s for s in self.sections if self.response and s.id == self.response.section_id),
            None,
        )
        if furthest is None:
            shown = self.shown_sections()
            return shown[0].position if shown else None
        following = self.next_after(furthest.position)
        return following.position if following else None


def sheet_of(user, survey, lock=False):
    """The account's sheet for `survey`: the structure (load_structure) and the response with
    its answers (one query). `lock` holds the response row until the transaction ends, so that
    two requests of the same account replace or send its answers one after the other."""
    query = (
        select(SurveyResponse, SurveyAnswer)
        .outerjoin(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
        .where(
            SurveyResponse.survey_id == survey.id,
            SurveyResponse.respondent_key == respondent_key(survey.id, user.id),
        )
        .order_by(SurveyAnswer.id)
    )
    if lock:
        query = query.with_for_update(of=SurveyResponse).execution_options(populate_existing=True)
    rows = db.session.execute(query).all()
    answers = defaultdict(list)
    for _response, answer in rows:
        if answer is not None:
            answers[answer.question_id].append(answer)
    response = rows[0][0] if rows else None
    return Sheet(survey, load_structure(survey), response, dict(answers))


def section_to_show(sheet, position):
    """The section at `position`; NoSuchSection if there is none."""
    section = sheet.section_at(position)
    if section is None:
        raise NoSuchSection(NO_SUCH_SECTION)
    return section


# Saving a section ------------------------------------------------------------------------------


def save_section(user, survey, position, values):
    """Check and keep the answers `values` (the sent form) to the section at `position`; return
    the position of the next section to show, or None when the review comes next.

    Nothing is written when any answer is refused (InvalidAnswers). The first section saved
    creates the response; answers replace the earlier answers to the same questions, and
    answers to questions the new answers hide are forgotten.
    """
    _ensure_open(survey)
    sheet = sheet_of(user, survey, lock=True)
    section = section_to_show(sheet, position)
    pieces = _read_section(sheet, section, values)
    if sheet.response is None:
        sheet.response = _start_response(user, survey, section)
        if sheet.response is None:  # another request of this account created it just before
            sheet = sheet_of(user, survey, lock=True)
            pieces = _read_section(sheet, section, values)
    _keep(sheet, pieces)
    _reach(sheet, section)
    sheet.response.updated_at = utcnow()
    db.session.flush()
    following = sheet.next_after(position)
    return following.position if following else None


def _start_response(user, survey, section):
    """The account's new response, a draft; None when the unique key refused it because another
    request of the same account created it first. The first response locks the structure."""
    response = SurveyResponse(
        survey_id=survey.id,
        respondent_key=respondent_key(survey.id, user.id),
        # An anonymous survey keeps only the keyed hash: nothing else links it to the account.
        user_id=None if survey.is_anonymous else user.id,
        section_id=section.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(response)
    except IntegrityError:
        return None
    db.session.execute(
        update(Survey)
        .where(Survey.id == survey.id, Survey.locked_at.is_(None))
        .values(locked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return response


def _keep(sheet, pieces):
    """Replace the saved answers by `pieces` (question id -> rows' values), then forget the
    answers to questions that are hidden now: one DELETE, then the new rows."""
    cleared, added = [], []
    for question_id, new in pieces.items():
        if _same(sheet.answers.get(question_id, []), new):
            continue  # unchanged: its rows stay, with a quotation the organisers picked
        rows = [
            SurveyAnswer(response_id=sheet.response.id, question_id=question_id, **piece)
            for piece in new
        ]
        cleared.append(question_id)
        added.extend(rows)
        sheet.answers[question_id] = rows
    for question in sheet.questions.values():  # in order: a hidden source hides what follows
        if sheet.answers.get(question.id) and not sheet.is_visible(question):
            cleared.append(question.id)
            added = [row for row in added if row.question_id != question.id]
            sheet.answers[question.id] = []
    if cleared:
        db.session.execute(
            delete(SurveyAnswer).where(
                SurveyAnswer.response_id == sheet.response.id,
                SurveyAnswer.question_id.in_(cleared),
            )
        )
    db.session.add_all(added)


PIECE_FIELDS = ("option_id", "row_option_id", "rank", "number", "text", "is_other")


def _signature(value_of):
    return tuple(bool(value_of(name)) if name == "is_other" else value_of(name)
                 for name in PIECE_FIELDS)  # fmt: skip


def _same(saved, new):
    """Whether the saved rows say exactly what the new pieces say."""
    before = Counter(_signature(lambda name, row=row: getattr(row, name)) for row in saved)
    after = Counter(_signature(piece.get) for piece in new)
    return before == after


def _reach(sheet, section):
    """Remember the furthest section saved, where "continue" resumes."""
    furthest = next((s for s in sheet.sections if s.id == sheet.response.section_id), None)
    if furthest is None or furthest.position < section.position:
        sheet.response.section_id = section.id


# Sending ---------------------------------------------------------------------------------------


def submit_response(user, survey):
    """Send the account's response once every shown required question is answered; return
    True when it was sent now (and counted), False when it had been sent before (changes).

    The conditional UPDATE decides between concurrent sendings: only the one that changed
    the row moves the counter, in SQL.
    """
    _ensure_open(survey)
    sheet = sheet_of(user, survey, lock=True)
    if sheet.response is None:
        raise SurveyError(NOTHING_TO_SEND)
    missing = sheet.missing()
    if missing:
        raise InvalidAnswers({question.id: REQUIRED for question in missing}, sheet)
    now = utcnow()
    sent = db.session.execute(
        update(SurveyResponse)
        .where(SurveyResponse.id == sheet.response.id, SurveyResponse.submitted_at.is_(None))
        .values(submitted_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if sent:
        db.session.execute(
            update(Survey)
            .where(Survey.id == survey.id)
            .values(responses_count=Survey.responses_count + 1)
            .execution_options(synchronize_session=False)
        )
    else:
        sheet.response.updated_at = now
    db.session.flush()
    return bool(sent)


# Reading the sent form -------------------------------------------------------------------------


def _fields(values):
    """The sent fields that name a question: question id -> {part: [values]}, where part is
    None (the answer), OTHER, or ("rank" | "row", id)."""
    fields = defaultdict(dict)
    for name in values:
        match = FIELD.fullmatch(name)
        if match is None:
            continue
        question_id, other, part, part_id = match.groups()
        key = OTHER if other else (part, int(part_id)) if part else None
        # PostgreSQL refuses NUL characters in text: they never mean anything in an answer.
        fields[int(question_id)][key] = [v.replace("\x00", "") for v in values.getlist(name)]
    return fields


def _filled(parts):
    return any(value.strip() for values in parts.values() for value in values)


def _read_section(sheet, section, values):
    """question id -> the rows' values for each shown question of `section`; InvalidAnswers
    with every refusal, or when the form answers a question that is not shown here."""
    questions = sheet.visible_questions(section)
    if not questions:
        raise SurveyError(SECTION_NOT_APPLICABLE)
    fields = _fields(values)
    shown = {question.id for question in questions}
    if any(qid not in shown and _filled(parts) for qid, parts in fields.items()):
        raise InvalidAnswers({None: NOT_APPLICABLE}, sheet)
    pieces, errors = {}, {}
    for question in questions:
        try:
            pieces[question.id] = _read(question, fields.get(question.id, {}))
        except _Invalid as refused:
            errors[question.id] = refused.message
    if errors:
        raise InvalidAnswers(errors, sheet)
    return pieces


def _read(question, parts):
    pieces = READERS[question.kind](question, parts)
    if not pieces and question.is_required:
        raise _Invalid(REQUIRED)
    return pieces


def _one(values):
    """The one value given (stripped, "" if none); two values for one answer are refused."""
    filled = [value.strip() for value in values if value.strip()]
    if len(filled) > 1:
        raise _Invalid(ONE_ANSWER)
    return filled[0] if filled else ""


def _limited(text, maximum):
    text = text.replace("\r\n", "\n").strip()
    if len(text) > maximum:
        raise _Invalid(_l("At most %(n)s characters.", n=local_number(maximum)))
    return text


def _choices(parts):
    return [value.strip() for value in parts.get(None, []) if value.strip()]


def _option_id(options, value):
    if ID.fullmatch(value) and int(value) in {option.id for option in options}:
        return int(value)
    raise _Invalid(UNKNOWN_OPTION)


def _choice(question, value, other_text):
    if value == OTHER and question.has_other:
        if not other_text:
            raise _Invalid(OTHER_MISSING)
        return {"is_other": True, "text": _limited(other_text, SHORT_MAX)}
    return {"option_id": _option_id(question.options, value)}


def _read_single(question, parts):
    chosen = _choices(parts)
    other_text = _one(parts.get(OTHER, []))
    if not chosen and other_text and question.has_other:
        chosen = [OTHER]  # typed an other answer without ticking "Other": what was meant
    if len(chosen) > 1:
        raise _Invalid(ONE_ANSWER)
    return [_choice(question, value, other_text) for value in chosen]


def _read_multiple(question, parts):
    chosen = _choices(parts)
    other_text = _one(parts.get(OTHER, []))
    if other_text and question.has_other and OTHER not in chosen:
        chosen.append(OTHER)  # typed an other answer without ticking "Other": what was meant
    if len(set(chosen)) < len(chosen):
        raise _Invalid(SAME_OPTION_TWICE)
    pieces = [_choice(question, value, other_text) for value in chosen]
    if pieces:
        _check_count(question, len(pieces))
    return pieces


def _check_count(question, count):
    """min_choices and max_choices, an "other" answer counting as one choice."""
    low, high = question.min_choices, question.max_choices
    if low and count < low:
        raise _Invalid(_nl("Choose at least %(num)s option.", "Choose at least %(num)s options.",
                           low))  # fmt: skip
    if high and count > high:
        raise _Invalid(_nl("Choose at most %(num)s option.", "Choose at most %(num)s options.",
                           high))  # fmt: skip


def _read_scale(question, parts):
    value = _one(parts.get(None, []))
    if not value:
        return []
    if not WHOLE.fullmatch(value) or not question.scale_min <= int(value) <= question.scale_max:
        raise _Invalid(
            _l("Choose a value from %(low)s to %(high)s.", low=question.scale_min,
               high=question.scale_max)
        )  # fmt: skip
    return [{"number": int(value)}]


def read_number(text):
    """A number typed the reader's way: "12", "12.5", "12,5", "1 000"; None if it is not one."""
    compact = re.sub(r"\s", "", text)
    if not DECIMAL.fullmatch(compact):
        return None
    return float(compact.replace(",", "."))


def _read_number(question, parts):
    value = _one(parts.get(None, []))
    if not value:
        return []
    number = read_number(value)
    if number is None:
        raise _Invalid(_l("Enter a number, like %(example)s.", example=local_number(12.5)))
    if abs(number) > NUMBER_LIMIT:
        raise _Invalid(
            _l("Enter a number between %(low)s and %(high)s.", low=local_number(-NUMBER_LIMIT),
               high=local_number(NUMBER_LIMIT))
        )  # fmt: skip
    return [{"number": number}]


def _text_reader(maximum):
    def read(question, parts):
        text = _limited(_one(parts.get(None, [])), maximum)
        return [{"text": text}] if text else []

    return read


def _parts(parts, kind):
    """{id: the one value given} for the fields `q<id>-<kind>-<id>` that were filled."""
    given = {}
    for key, values in parts.items():
        if isinstance(key, tuple) and key[0] == kind and (value := _one(values)):
            given[key[1]] = value
    return given


def _read_ranking(question, parts):
    ranks = _parts(parts, "rank")
    if not ranks:
        return []
    options = {option.id for option in question.options}
    if not set(ranks) <= options:
        raise _Invalid(_l("Rank only the options of this question."))
    wanted = {str(n) for n in range(1, len(options) + 1)}
    if set(ranks) != options or set(ranks.values()) != wanted:
        raise _Invalid(_ranks(len(options)))
    return [{"option_id": option_id, "rank": int(rank)} for option_id, rank in ranks.items()]


def _read_matrix(question, parts):
    cells = _parts(parts, "row")
    rows = {row.id for row in question.rows}
    if not set(cells) <= rows:
        raise _Invalid(NOT_A_ROW)
    pieces = [
        {"row_option_id": row_id, "option_id": _option_id(question.options, value)}
        for row_id, value in cells.items()
    ]
    if pieces and question.is_required and len(pieces) < len(rows):
        raise _Invalid(EVERY_ROW)
    return pieces


READERS = {
    QuestionKind.SINGLE_CHOICE: _read_single,
    QuestionKind.MULTIPLE_CHOICE: _read_multiple,
    QuestionKind.SCALE: _read_scale,
    QuestionKind.NUMBER: _read_number,
    QuestionKind.SHORT_TEXT: _text_reader(SHORT_MAX),
    QuestionKind.LONG_TEXT: _text_reader(LONG_MAX),
    QuestionKind.RANKING: _read_ranking,
    QuestionKind.MATRIX: _read_matrix,
}


# Showing answers -------------------------------------------------------------------------------


def form_values(sheet, section):
    """The saved answers to `section` as the form's fields, to fill the form with them."""
    values = MultiDict()
    for question in sheet.visible_questions(section):
        name = f"q{question.id}"
        for answer in sheet.answers.get(question.id, ()):
            if answer.is_other:
                values.add(name, OTHER)
                values.add(f"{name}-other", answer.text)
            elif question.kind is QuestionKind.RANKING:
                values.add(f"{name}-rank-{answer.option_id}", str(answer.rank))
            elif question.kind is QuestionKind.MATRIX:
                values.add(f"{name}-row-{answer.row_option_id}", str(answer.option_id))
            elif question.kind.is_choice:
                values.add(name, str(answer.option_id))
            elif question.kind is QuestionKind.SCALE:
                values.add(name, str(int(answer.number)))
            elif question.kind is QuestionKind.NUMBER:
                values.add(name, plain_number(answer.number))
            else:
                values.add(name, answer.text)
    return values


def plain_number(number):
    """A stored number as a person types it again: no grouping, the locale's decimal mark."""
    written = format(Decimal(repr(number)), "f")
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return written.replace(".", get_decimal_symbol(get_locale()))


def instructions(question):
    """What the form asks beyond the prompt, in words ("Choose up to 3 options."), or ""."""
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        return _choice_count(question.min_choices, question.max_choices)
    if question.kind is QuestionKind.RANKING:
        return _ranks(len(question.options))
    if question.kind is QuestionKind.LONG_TEXT:
        return _l("At most %(n)s characters.", n=local_number(LONG_MAX))
    return ""


def _choice_count(low, high):
    if low and high and low == high:
        return _nl("Choose %(num)s option.", "Choose %(num)s options.", low)
    if low and high:
        return _l("Choose from %(low)s to %(high)s options.", low=low, high=high)
    if high:
        return _nl("Choose up to %(num)s option.", "Choose up to %(num)s options.", high)
    if low:
        return _nl("Choose at least %(num)s option.", "Choose at least %(num)s options.", low)
    return _l("Choose all the options that apply.")


def _ranks(n):
    return _l("Give each option a different rank, from 1 to %(n)s.", n=n)


class Described(NamedTuple):
    """A saved answer in words: its lines, and whether their order is the answer (ranking)."""

    lines: list
    ordered: bool = False


def describe(sheet, question):
    """The saved answer to `question` in words, for the review page (empty: not answered)."""
    answers = sheet.answers.get(question.id, [])
    kind = question.kind
    labels = {option.id: option.label for option in question.options}
    if kind is QuestionKind.RANKING:
        ranked = sorted(answers, key=lambda a: a.rank)
        return Described([labels.get(a.option_id, "") for a in ranked], ordered=True)
    if kind is QuestionKind.MATRIX:
        chosen = {a.row_option_id: labels.get(a.option_id, "") for a in answers}
        return Described(
            [f"{row.label} – {chosen[row.id]}" for row in question.rows if row.id in chosen]
        )
    if kind is QuestionKind.SCALE:
        return Described([
            str(_l("%(value)s on a scale from %(low)s to %(high)s", value=int(a.number),
                   low=question.scale_min, high=question.scale_max))
            for a in answers
        ])  # fmt: skip
    if kind is QuestionKind.NUMBER:
        return Described([format_decimal(a.number) for a in answers])
    if kind.is_text:
        return Described([a.text for a in answers])
    position = {option.id: n for n, option in enumerate(question.options)}
    ordered = sorted(answers, key=lambda a: (a.is_other, position.get(a.option_id, 0)))
    return Described([
        str(_l("Other: %(text)s", text=a.text)) if a.is_other else labels.get(a.option_id, "")
        for a in ordered
    ])  # fmt: skip

"""The builder's rules: a survey's sections, questions, options and conditions, and the record of
wording corrected once it is locked.

Every function takes (actor, survey, object, values). It checks the survey's state first (a
published survey changes no more; a locked one, which has a response, only has its wording
corrected, each correction recorded as a `SurveyRevision`), then checks every value before it
changes anything, so that a refusal (`SurveyError` naming its form field) leaves the survey as
it was. It flushes, never commits. Positions stay 1..n without gaps, and a conditional question
always sits in a later section than the question it depends on, because conditions are
evaluated on the server between pages.
"""

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import joinedload

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.surveys.models import (
    QuestionKind,
    SurveyOption,
    SurveyQuestion,
    SurveyRevision,
    SurveySection,
    survey_condition_option,
)
from platform.surveys.services import LOCKED, PUBLISHED_CLOSED, SurveyError, load_structure, text

SECTION_TITLE_MAX = 150
SECTION_DESCRIPTION_MAX = 2_000
PROMPT_MAX = 300
HELP_MAX = 500
END_LABEL_MAX = 80
OPTION_MAX = 200
OPTIONS_TEXT_MAX = 20_000  # a textarea of options, one per line
SCALES = ((1, 5), (0, 10))
DIRECTIONS = ("up", "down")

# What a correction changed: the stable code stored in SurveyRevision.what, and how it reads.
REVISION_LABELS = {
    "prompt": _l("Question"),
    "help_text": _l("Hint"),
    "low_label": _l("Label of the lowest value"),
    "high_label": _l("Label of the highest value"),
    "option": _l("Option"),
    "section_title": _l("Section title"),
    "section_description": _l("Section description"),
}


# State ---------------------------------------------------------------------------------------


def _check_editable(survey):
    """Wording may change until the results are published."""
    if survey.is_published:
        raise SurveyError(PUBLISHED_CLOSED)


def _check_structure(survey):
    """Sections, questions, options and conditions may change until the first response: the
    answers already given must keep meaning what they meant."""
    _check_editable(survey)
    if survey.is_locked:
        raise SurveyError(LOCKED)


def _touch(survey):
    survey.updated_at = utcnow()
    db.session.flush()


def _correct(actor, survey, item, attribute, value, what, question_id=None):
    """Set a wording; once the survey is locked, record what it said, so that readers of the
    results know which words the respondents read."""
    before = getattr(item, attribute) or ""
    if before == value:
        return
    if survey.is_locked:
        db.session.add(
            SurveyRevision(
                survey_id=survey.id, question_id=question_id, what=what, before=before,
                after=value, by_id=actor.id,
            )
        )  # fmt: skip
    setattr(item, attribute, value)


# Reading -------------------------------------------------------------------------------------


def revisions(survey):
    """The wording corrected since the first response, oldest first, with who corrected it
    (one query), for the builder's page and the results."""
    return db.session.scalars(
        select(SurveyRevision)
        .where(SurveyRevision.survey_id == survey.id)
        .options(joinedload(SurveyRevision.by))
        .order_by(SurveyRevision.at, SurveyRevision.id)
    ).all()


def revision_label(code):
    """How a revision's stable code reads (the code itself if it is unknown)."""
    return REVISION_LABELS.get(code, code)


def section_in(sections, section_id):
    """The section of that id among a survey's loaded `sections`, or None (not this survey's)."""
    return next((s for s in sections if s.id == section_id), None)


def question_in(sections, question_id):
    return next((q for s in sections for q in s.questions if q.id == question_id), None)


def option_in(sections, option_id):
    """The option or matrix row of that id among the survey's loaded structure, or None."""
    return next(
        (o for s in sections for q in s.questions for o in (*q.options, *q.rows)
         if o.id == option_id),
        None,
    )  # fmt: skip


def condition_sources(sections, section):
    """The questions a question of `section` may depend on: single or multiple choice questions
    of the sections before it (their answers are known when its page is shown)."""
    return [
        q for s in sections if s.position < section.position for q in s.questions
        if q.kind.is_choice
    ]  # fmt: skip


def condition_text(question, prompts):
    """“Shown if «question» is «a» or «b»”, `prompts` mapping question ids to their prompt."""
    chosen = sorted(question.condition_options, key=lambda o: o.position)
    labels = [_("«%(label)s»", label=o.label) for o in chosen]
    return _(
        "Shown if «%(question)s» is %(options)s",
        question=prompts.get(question.condition_question_id, ""),
        options=format_list(labels, style="or", locale=get_locale()) if labels else "",
    )


def _section_of(sections, question):
    return section_in(sections, question.section_id)


def _question_of(sections, option):
    return question_in(sections, option.question_id)


def _dependents(sections, question):
    """The questions shown depending on `question`'s answer."""
    return [q for s in sections for q in s.questions if q.condition_question_id == question.id]


def _option_dependents(sections, option):
    return [
        q for s in sections for q in s.questions
        if any(o.id == option.id for o in q.condition_options)
    ]  # fmt: skip


# Order ---------------------------------------------------------------------------------------


def _direction(value):
    if value not in DIRECTIONS:
        raise SurveyError(_l("Choose whether to move it up or down."))
    return value


def _renumber(items):
    for position, item in enumerate(items, start=1):
        item.position = position


def _swapped(items, item, direction):
    """`items` (a copy: changing a relationship's list would delete orphans) with `item` one
    place up or down; the first stays first and the last stays last."""
    items = list(items)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    return items


def _check_pages(pages):
    """Refuse an order in which a conditional question would no longer come in a later page
    than the question it depends on; `pages` lists the questions of each section, in order."""
    page_of = {q.id: n for n, questions in enumerate(pages) for q in questions}
    for questions in pages:
        for q in questions:
            source = page_of.get(q.condition_question_id)
            if source is not None and source >= page_of[q.id]:
                raise SurveyError(
                    _l(
                        "This would put «%(question)s» on the same page as the question it "
                        "depends on, or before it: change its condition first.",
                        question=q.prompt,
                    )
                )


def _refuse_dependents(dependents, message):
    """Refuse when a question depends on what is changing; `message(prompt)` names it."""
    if dependents:
        raise SurveyError(message(dependents[0].prompt))


# Sections ------------------------------------------------------------------------------------


def _section_fields(values):
    return {
        "title": text(values.get("title"), SECTION_TITLE_MAX, "title",
                      _l("Give the section a title.")),
        "description": text(values.get("description"), SECTION_DESCRIPTION_MAX, "description",
                            "", required=False),
    }  # fmt: skip


def add_section(actor, survey, **values):
    """A new section (a new page for respondents), after the others."""
    _check_structure(survey)
    fields = _section_fields(values)
    sections = load_structure(survey)
    section = SurveySection(survey_id=survey.id, position=len(sections) + 1, **fields)
    db.session.add(section)
    _touch(survey)
    return section


def update_section(actor, survey, section, **values):
    """Rename a section or change its description: wording, so possible once locked too."""
    _check_editable(survey)
    fields = _section_fields(values)
    _correct(actor, survey, section, "title", fields["title"], "section_title")
    _correct(actor, survey, section, "description", fields["description"], "section_description")
    _touch(survey)
    return section


def move_section(actor, survey, section, direction):
    """Move a section one place up or down, unless a conditional question would then come on
    the page of, or before, the question it depends on."""
    _check_structure(survey)
    order = _swapped(load_structure(survey), section, _direction(direction))
    _check_pages([s.questions for s in order])
    _renumber(order)
    _touch(survey)
    return section


def delete_section(actor, survey, section):
    """Delete a section with its questions; a survey keeps one, and a later question may not
    lose the question it depends on."""
    _check_structure(survey)
    sections = load_structure(survey)
    if len(sections) <= 1:
        raise SurveyError(_l("A survey keeps at least one section."))
    ids = {q.id for q in section.questions}
    _refuse_dependents(
        [q for s in sections if s is not section for q in s.questions
         if q.condition_question_id in ids],
        lambda prompt: _l("«%(question)s» is shown depending on a question of this section: "
                          "change its condition first.", question=prompt),
    )  # fmt: skip
    _delete_questions(ids)
    db.session.execute(
        delete(SurveySection).where(SurveySection.id == section.id),
        execution_options={"synchronize_session": False},
    )
    _renumber([s for s in sections if s is not section])
    _touch(survey)


def _delete_questions(ids):
    """Delete questions with their options and condition links, in SQL (the ORM would load
    every relationship first)."""
    if not ids:
        return
    options = select(SurveyOption.id).where(SurveyOption.question_id.in_(ids))
    link = survey_condition_option.c
    db.session.execute(
        delete(survey_condition_option).where(
            or_(link.question_id.in_(ids), link.option_id.in_(options))
        )
    )
    db.session.execute(
        delete(SurveyOption).where(SurveyOption.question_id.in_(ids)),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        delete(SurveyQuestion).where(SurveyQuestion.id.in_(ids)),
        execution_options={"synchronize_session": False},
    )


def _delete_options(ids):
    if not ids:
        return
    db.session.execute(
        delete(survey_condition_option).where(survey_condition_option.c.option_id.in_(ids))
    )
    db.session.execute(
        delete(SurveyOption).where(SurveyOption.id.in_(ids)),
        execution_options={"synchronize_session": False},
    )


# Questions: checking what was sent -----------------------------------------------------------


def _kind(value):
    try:
        return QuestionKind(value)
    except ValueError:
        raise SurveyError(_l("Choose the kind of question."), "kind") from None


def _labels(value, field, existing=()):
    """The options typed one per line: blank lines ignored, each at most OPTION_MAX characters,
    none twice (ignoring case), nor one that `existing` already holds."""
    labels = [line.strip() for line in (value or "").splitlines() if line.strip()]
    seen = {label.casefold() for label in existing}
    for label in labels:
        if len(label) > OPTION_MAX:
            raise SurveyError(
                _l("An option has at most %(n)s characters: shorten «%(label)s…».",
                   n=local_number(OPTION_MAX), label=label[:40]),
                field,
            )  # fmt: skip
        if label.casefold() in seen:
            raise SurveyError(
                _l("«%(label)s» is listed twice: each option must be different.", label=label),
                field,
            )
        seen.add(label.casefold())
    return labels


def _wording(kind, values):
    """The question's words, which may be corrected once the survey is locked."""
    fields = {
        "prompt": text(values.get("prompt"), PROMPT_MAX, "prompt", _l("Write the question.")),
        "help_text": text(values.get("help_text"), HELP_MAX, "help_text", "", required=False),
    }
    for name in ("low_label", "high_label"):
        value = text(values.get(name), END_LABEL_MAX, name, "", required=False)
        if value and kind is not QuestionKind.SCALE:
            raise SurveyError(_l("Only a scale has labels at its ends: leave this empty."), name)
        fields[name] = value
    return fields


def _check_options(kind, options, rows):
    """`options`, `rows`: how many the question will have, and the newly typed ones."""
    (option_count, new_options), (row_count, new_rows) = options, rows
    if not kind.has_options and new_options:
        raise SurveyError(
            _l("A question of this kind has no options: leave this field empty."), "options"
        )
    if kind is not QuestionKind.MATRIX and new_rows:
        raise SurveyError(_l("Only a matrix has rows: leave this field empty."), "rows")
    if kind is QuestionKind.MATRIX:
        if option_count < 2:
            raise SurveyError(_l("Give at least two columns, one per line."), "options")
        if row_count < 1:
            raise SurveyError(_l("Give at least one row."), "rows")
    elif kind.has_options and option_count < 2:
        raise SurveyError(_l("Give at least two options, one per line."), "options")


def _choices_range(kind, values, option_count, has_other):
    """1 ≤ minimum ≤ maximum ≤ the options there are (one more when "other" is offered)."""
    low, high = values.get("min_choices"), values.get("max_choices")
    if low is None and high is None:
        return None, None
    if kind is not QuestionKind.MULTIPLE_CHOICE:
        field = "min_choices" if low is not None else "max_choices"
        raise SurveyError(
            _l("Only a multiple choice question takes a number of choices: leave this empty."),
            field,
        )
    available = option_count + (1 if has_other else 0)
    for value, field in ((low, "min_choices"), (high, "max_choices")):
        if value is None:
            continue
        if value < 1:
            raise SurveyError(_l("Enter a number of choices of at least 1."), field)
        if value > available:
            raise SurveyError(
                _l("There are only %(n)s choices to pick from.", n=local_number(available)),
                field,
            )
    if low is not None and high is not None and low > high:
        raise SurveyError(_l("The maximum cannot be below the minimum."), "max_choices")
    return low, high


def _scale(kind, value):
    if kind is not QuestionKind.SCALE:
        return None, None
    if value not in SCALES:
        raise SurveyError(_l("A scale goes from 1 to 5 or from 0 to 10."), "scale")
    return value


def _columns(kind, values, option_count):
    """The question's settings (its structure), checked together."""
    has_other = bool(values.get("has_other"))
    if has_other and not kind.is_choice:
        raise SurveyError(
            _l("Only a single or multiple choice question can offer “other”."), "has_other"
        )
    low, high = _choices_range(kind, values, option_count, has_other)
    scale_min, scale_max = _scale(kind, values.get("scale"))
    return {
        "kind": kind, "is_required": bool(values.get("is_required")), "has_other": has_other,
        "min_choices": low, "max_choices": high, "scale_min": scale_min, "scale_max": scale_max,
    }  # fmt: skip


def _condition(sections, section, option_ids):
    """(source question, its chosen options) for the ticked option ids, or (None, [])."""
    ids = {int(i) for i in option_ids or ()}
    if not ids:
        return None, []
    owner = {o.id: q for q in condition_sources(sections, section) for o in q.options}
    if not ids <= owner.keys():
        raise SurveyError(
            _l("Choose options of a single or multiple choice question of an earlier section."),
            "condition",
        )
    if len({owner[i].id for i in ids}) > 1:
        raise SurveyError(
            _l("Tick the options of one question only: a question depends on one earlier "
               "question."),
            "condition",
        )  # fmt: skip
    source = owner[next(iter(ids))]
    return source, [o for o in source.options if o.id in ids]


def _add_options(question_id, labels, is_row, start=0):
    for position, label in enumerate(labels, start=start + 1):
        db.session.add(
            SurveyOption(question_id=question_id, position=position, label=label, is_row=is_row)
        )


# Questions -----------------------------------------------------------------------------------


def add_question(actor, survey, section, **values):
    """A question at the end of `section`, with its options (and matrix rows) typed one per line
    and, optionally, the options of an earlier choice question it is shown for."""
    _check_structure(survey)
    sections = load_structure(survey)
    kind = _kind(values.get("kind"))
    wording = _wording(kind, values)
    options = _labels(values.get("options"), "options")
    rows = _labels(values.get("rows"), "rows")
    _check_options(kind, (len(options), options), (len(rows), rows))
    columns = _columns(kind, values, len(options))
    source, chosen = _condition(sections, section, values.get("condition"))
    question = SurveyQuestion(
        survey_id=survey.id, section_id=section.id, position=len(section.questions) + 1,
        condition_question_id=source.id if source else None, **columns, **wording,
    )  # fmt: skip
    question.condition_options = chosen
    db.session.add(question)
    db.session.flush()
    _add_options(question.id, options, is_row=False)
    _add_options(question.id, rows, is_row=True)
    _touch(survey)
    return question


def update_question(actor, survey, question, structure=None, **values):
    """Correct a question's wording (`values`: prompt, help_text, low_label, high_label) and,
    when `structure` is given (kind, is_required, has_other, min_choices, max_choices, scale,
    options and rows to add, condition), change its settings too.

    Once the survey is locked, a structure that differs from the stored one is refused, and
    each wording changed is recorded.
    """
    _check_editable(survey)
    sections = load_structure(survey)
    kind = question.kind if structure is None else _kind(structure.get("kind"))
    wording = _wording(kind, values)
    change = None if structure is None else _structure_change(sections, question, kind, structure)
    if change is not None and survey.is_locked and change.differs(question):
        raise SurveyError(LOCKED)
    for name in ("prompt", "help_text", "low_label", "high_label"):
        _correct(actor, survey, question, name, wording[name], name, question.id)
    if change is not None and not survey.is_locked:
        change.apply(question)
    _touch(survey)
    return question


class _Change:
    """A question's checked new structure, compared with or applied to the stored one."""

    def __init__(self, question, kind, columns, options, rows, condition):
        self.columns, self.options, self.rows = columns, options, rows
        self.source, self.chosen = condition
        # What a new kind leaves behind: all options without options, rows outside a matrix.
        self.dropped = []
        if not kind.has_options:
            self.dropped += [o.id for o in question.options]
        if kind is not QuestionKind.MATRIX:
            self.dropped += [o.id for o in question.rows]

    def differs(self, question):
        return (
            any(getattr(question, name) != value for name, value in self.columns.items())
            or bool(self.options or self.rows or self.dropped)
            or {o.id for o in question.condition_options} != {o.id for o in self.chosen}
        )

    def apply(self, question):
        for name, value in self.columns.items():
            setattr(question, name, value)
        _delete_options(self.dropped)
        _add_options(question.id, self.options, is_row=False, start=len(question.options))
        _add_options(question.id, self.rows, is_row=True, start=len(question.rows))
        question.condition_question_id = self.source.id if self.source else None
        question.condition_options = self.chosen


def _structure_change(sections, question, kind, structure):
    dependents = _dependents(sections, question)
    if dependents and not kind.is_choice:
        raise SurveyError(
            _l("«%(question)s» is shown depending on this question's answer: it stays a single "
               "or multiple choice question.", question=dependents[0].prompt),
            "kind",
        )  # fmt: skip
    kept_options = question.options if kind.has_options else []
    kept_rows = question.rows if kind is QuestionKind.MATRIX else []
    options = _labels(structure.get("options"), "options", [o.label for o in kept_options])
    rows = _labels(structure.get("rows"), "rows", [o.label for o in kept_rows])
    option_count = len(kept_options) + len(options)
    _check_options(kind, (option_count, options), (len(kept_rows) + len(rows), rows))
    columns = _columns(kind, structure, option_count)
    condition = _condition(sections, _section_of(sections, question), structure.get("condition"))
    return _Change(question, kind, columns, options, rows, condition)


def move_question(actor, survey, question, direction):
    """One place up or down within its section (conditions concern other sections only)."""
    _check_structure(survey)
    section = _section_of(load_structure(survey), question)
    _renumber(_swapped(section.questions, question, _direction(direction)))
    _touch(survey)
    return question


def move_question_to_section(actor, survey, question, target):
    """Move a question to the end of another section, unless it would then come on the page
    of, or before, the question it depends on, or a question depending on it would."""
    _check_structure(survey)
    sections = load_structure(survey)
    origin = _section_of(sections, question)
    if target.id == origin.id:
        return question
    pages = [
        [q for q in s.questions if q is not question] + ([question] if s is target else [])
        for s in sections
    ]
    _check_pages(pages)
    _renumber([q for q in origin.questions if q is not question])
    question.section_id = target.id
    question.position = len(target.questions) + 1
    _touch(survey)
    return question


def delete_question(actor, survey, question):
    """Delete a question with its options, unless a later question depends on its answer."""
    _check_structure(survey)
    sections = load_structure(survey)
    _refuse_dependents(
        _dependents(sections, question),
        lambda prompt: _l("«%(question)s» is shown depending on this question's answer: "
                          "change its condition first.", question=prompt),
    )  # fmt: skip
    _delete_questions({question.id})
    section = _section_of(sections, question)
    _renumber([q for q in section.questions if q is not question])
    _touch(survey)


# Options -------------------------------------------------------------------------------------


def _siblings(question, option):
    return question.rows if option.is_row else question.options


def rename_option(actor, survey, option, label):
    """Correct an option's label: wording, so possible once locked (and recorded then)."""
    _check_editable(survey)
    label = text(label, OPTION_MAX, "label", _l("Write the option."))
    question = _question_of(load_structure(survey), option)
    if any(o.label.casefold() == label.casefold() for o in _siblings(question, option)
           if o is not option):  # fmt: skip
        raise SurveyError(_l("Another option already says «%(label)s».", label=label), "label")
    _correct(actor, survey, option, "label", label, "option", question.id)
    _touch(survey)
    return option


def move_option(actor, survey, option, direction):
    _check_structure(survey)
    question = _question_of(load_structure(survey), option)
    _renumber(_swapped(_siblings(question, option), option, _direction(direction)))
    _touch(survey)
    return option


def delete_option(actor, survey, option):
    """Delete an option (or a matrix row), keeping what the question needs: two options or
    columns, one row, enough choices for its minimum and maximum, and the options a later
    question's condition uses."""
    _check_structure(survey)
    sections = load_structure(survey)
    question = _question_of(sections, option)
    siblings = _siblings(question, option)
    if option.is_row and len(siblings) <= 1:
        raise SurveyError(_l("A matrix keeps at least one row."))
    if not option.is_row and len(siblings) <= 2:
        raise SurveyError(
            _l("A matrix keeps at least two columns.")
            if question.kind is QuestionKind.MATRIX
            else _l("A question of this kind keeps at least two options.")
        )
    _refuse_dependents(
        _option_dependents(sections, option),
        lambda prompt: _l("«%(question)s» is shown depending on this option: change its "
                          "condition first.", question=prompt),
    )  # fmt: skip
    if not option.is_row:
        available = len(siblings) - 1 + (1 if question.has_other else 0)
        if max(question.min_choices or 0, question.max_choices or 0) > available:
            raise SurveyError(
                _l("The question asks for more choices than would remain: lower its minimum "
                   "or maximum first.")
            )  # fmt: skip
    _delete_options({option.id})
    _renumber([o for o in siblings if o is not option])
    _touch(survey)

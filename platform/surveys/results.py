"""A survey's results, computed by the database: counts and means grouped by question and
option in a fixed number of queries, whatever the number of responses. Only sent responses
count (`submitted_at` set); drafts never do.

Answers are stored one row per chosen option (models.SurveyAnswer), so a multiple choice counts
each option once per response that chose it: {A, B}, {A}, {B, C} give A 2, B 2, C 1, and the
percentages (of the question's respondents) may add up to more than 100 %. Counting the
combinations instead, as Decidim did (bug #16421), would hide that A and B are each chosen by
two people out of three.

Free texts are never part of the results: only how many there are, and the quotations the
organisers picked (`quoted_at`) that moderators have not hidden.

Each query reads the answers of the survey's questions (`question_id IN …`, through the answers'
indexes) and leaves out those of unsent responses (`response_id NOT IN` the survey's few drafts)
rather than joining every answer to its response. A published survey takes no more responses:
its figures, and the HTML of its charts in each language, are kept by the process (`cache.py`)
as plain data, and a request then reads only its quotations. The organisers' live results of
an open or closed survey are computed by each request.

`open_data(results)` is what the public API shows of published results, as JSON:

    respondents           number of sent responses
    sections              list, in order, of:
      title               the section's title
      questions           list, in order, of:
        id, position, prompt, kind   (kind: a QuestionKind value)
        respondents       sent responses that answered the question
        options           single_choice, multiple_choice: [{id, label, count, percent}]
        other             single_choice, multiple_choice with "other": {count, percent}
        scale             scale: {min, max, low_label, high_label, mean,
                                  distribution: [{value, count, percent}]}
        ranking           ranking: [{id, label, score, first}], best first; an option ranked
                          r-th of n scores n - r points, `first` counts the times it came first
        matrix            matrix: {columns: [{id, label}],
                                   rows: [{id, label, respondents, counts, percents}]}
                          (`counts` and `percents` in the order of the columns, percents of the
                          row's respondents)
        number            number: {count, mean, median, min, max}
        texts             short_text, long_text: how many answered
        quotations        short_text, long_text, and choices with "other": [text], the
                          published quotations in the order they were picked

Percentages have one decimal and are null without respondents; means have two decimals, null
without answers. No key names a person, an answer or a response.
"""

from dataclasses import dataclass, field, replace

from flask import get_template_attribute
from flask_babel import format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from sqlalchemy import case, distinct, func, or_, select

from platform.charts import bar_chart, horizontal_bar_chart
from platform.extensions import db
from platform.surveys import cache
from platform.surveys.models import QuestionKind, SurveyAnswer, SurveyResponse
from platform.surveys.services import load_structure

# The macro of the figures every reader sees alike (kept per language with published results).
FIGURES_MACRO = ("surveys/_result_question.html", "shared_figures")


# What the results show of the survey's structure: plain copies, which outlive the request ----


@dataclass(frozen=True)
class OptionInfo:
    """An option (a column, for a matrix) or a matrix row, as the results show it."""

    id: int
    label: str
    position: int


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    position: int
    kind: QuestionKind
    prompt: str
    has_other: bool = False
    scale_min: int | None = None
    scale_max: int | None = None
    low_label: str = ""
    high_label: str = ""
    options: tuple = ()  # OptionInfo, in order (a matrix's columns)
    rows: tuple = ()  # OptionInfo, a matrix's rows in order

    @property
    def scale_values(self):
        if self.kind is not QuestionKind.SCALE:
            return []
        return list(range(self.scale_min, self.scale_max + 1))


@dataclass(frozen=True)
class SectionInfo:
    id: int
    position: int
    title: str


def _option_info(option):
    return OptionInfo(option.id, option.label, option.position)


def _question_info(q):
    return QuestionInfo(
        id=q.id, position=q.position, kind=q.kind, prompt=q.prompt, has_other=q.has_other,
        scale_min=q.scale_min, scale_max=q.scale_max, low_label=q.low_label,
        high_label=q.high_label, options=tuple(_option_info(o) for o in q.options),
        rows=tuple(_option_info(r) for r in q.rows) if q.kind is QuestionKind.MATRIX else (),
    )  # fmt: skip


# Figures -----------------------------------------------------------------------------------


@dataclass
class Count:
    """How many respondents gave one answer (an option, a scale value, a matrix cell)."""

    count: int = 0
    percent: float | None = None  # of the respondents of the question (of the row, in a matrix)


@dataclass
class OptionCount(Count):
    option: OptionInfo | None = None


@dataclass
class ScaleCount(Count):
    value: int = 0


@dataclass
class RankingScore:
    option: OptionInfo
    score: int = 0  # Borda: n - r points for the r-th of n options, summed over responses
    first: int = 0  # how many respondents ranked it first


@dataclass
class MatrixRow:
    row: OptionInfo
    respondents: int = 0
    cells: list = field(default_factory=list)  # an OptionCount per column


@dataclass
class NumberStats:
    count: int = 0
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Quotation:
    """A free text the organisers published. `author_id` is the respondent's account, for the
    "report" button only (no one reports their own words); None when the survey is anonymous."""

    answer_id: int
    text: str
    is_other: bool = False
    author_id: int | None = None


@dataclass
class QuestionResult:
    question: QuestionInfo
    respondents: int = 0
    options: list = field(default_factory=list)  # OptionCount, choices
    other: Count | None = None  # choices offering "other"
    scale: list = field(default_factory=list)  # ScaleCount for every value, zeros included
    mean: float | None = None  # scale
    ranking: list = field(default_factory=list)  # RankingScore, best first
    matrix: list = field(default_factory=list)  # MatrixRow
    number: NumberStats | None = None
    texts: int = 0  # responses with a text (texts) or an "other" text (choices)
    quotations: list = field(default_factory=list)  # Quotation, read by every request

    @property
    def kind(self):
        return self.question.kind

    @property
    def is_choice(self):
        return self.kind.is_choice

    @property
    def is_multiple(self):
        return self.kind is QuestionKind.MULTIPLE_CHOICE

    @property
    def is_scale(self):
        return self.kind is QuestionKind.SCALE

    @property
    def is_ranking(self):
        return self.kind is QuestionKind.RANKING

    @property
    def is_matrix(self):
        return self.kind is QuestionKind.MATRIX

    @property
    def is_number(self):
        return self.kind is QuestionKind.NUMBER

    @property
    def is_text(self):
        return self.kind.is_text

    @property
    def takes_texts(self):
        """Texts, and choices with "other": what organisers read and may quote."""
        return self.is_text or (self.is_choice and self.question.has_other)

    @property
    def columns(self):
        return self.question.options if self.is_matrix else ()


@dataclass
class SectionResult:
    section: SectionInfo
    questions: list = field(default_factory=list)


@dataclass
class Figures:
    """A survey's figures without its quotations: what the cache keeps of published results,
    with `fragments`, the HTML of each question's figures per language (locale -> {question
    id: Markup}), filled as the pages ask for them."""

    respondents: int = 0
    sections: list = field(default_factory=list)  # SectionResult, quotations left empty
    fragments: dict = field(default_factory=dict)

    @property
    def questions(self):
        return [item for section in self.sections for item in section.questions]


@dataclass
class SurveyResults:
    """What a request shows: the figures (shared with the cache: never change them) with this
    request's quotations, and the request's own survey."""

    survey: object
    respondents: int = 0
    sections: list = field(default_factory=list)
    fragments: dict | None = field(default=None, repr=False)  # Figures.fragments, if kept

    @property
    def questions(self):
        return [item for section in self.sections for item in section.questions]

    def of(self, question_id):
        return next(item for item in self.questions if item.question.id == question_id)

    def figures(self, item):
        """The HTML of `item`'s figures in the reader's language, rendered once per language
        for kept results: only what every reader sees alike (`shared_figures`)."""
        if self.fragments is None:
            return get_template_attribute(*FIGURES_MACRO)(item)
        rendered = self.fragments.setdefault(str(get_locale()), {})
        html = rendered.get(item.question.id)
        if html is None:
            html = rendered[item.question.id] = get_template_attribute(*FIGURES_MACRO)(item)
        return html


# Computing ---------------------------------------------------------------------------------


def survey_results(survey):
    """Every section and question of `survey` with its figures and its published quotations.

    Published figures come from the process's cache while the survey's stamp is unchanged
    (`cache.py`); otherwise, and always before publication, they are computed in a fixed
    number of queries. The quotations are read by every request (one query)."""
    store = cache.results_cache() if survey.is_published else None
    if store is None:
        return _with_quotations(survey, compute_figures(survey), fragments=None)
    stamp = cache.stamp(survey)
    figures = store.get(survey.id, stamp)
    if figures is None:
        figures = store.put(survey.id, stamp, compute_figures(survey))
    return _with_quotations(survey, figures, figures.fragments)


def compute_figures(survey):
    """The figures of `survey` (no quotation), in a fixed number of queries."""
    figures = Figures(respondents=_respondents(survey))
    items = {}
    for section in load_structure(survey):
        part = SectionResult(SectionInfo(section.id, section.position, section.title))
        for question in section.questions:
            items[question.id] = QuestionResult(_question_info(question))
            part.questions.append(items[question.id])
        figures.sections.append(part)
    if not items:
        return figures
    for question_id, count in db.session.execute(
        _answers(survey, items, SurveyAnswer.question_id,
                 func.count(distinct(SurveyAnswer.response_id)))
        .group_by(SurveyAnswer.question_id)
    ):  # fmt: skip
        items[question_id].respondents = count
    _options(survey, items)
    _texts(survey, items)
    _scales(survey, items)
    _numbers(survey, items)
    return figures


def _percent(count, total):
    return count * 100 / total if total else None


def _drafts(survey):
    """The survey's unsent responses: few (none once results are published), so that leaving
    them out costs less than joining every answer to its response."""
    return select(SurveyResponse.id).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at.is_(None)
    )


def _answers(survey, questions, *columns):
    """A query of the answers to `questions` (ids) in the survey's sent responses: through the
    answers' indexes on `question_id`, never reading the other questions' answers."""
    return select(*columns).where(
        SurveyAnswer.question_id.in_(sorted(questions)),
        SurveyAnswer.response_id.not_in(_drafts(survey)),
    )


def _respondents(survey):
    return db.session.scalar(
        select(func.count())
        .select_from(SurveyResponse)
        .where(SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at.is_not(None))
    )


def _options(survey, items):
    """Choices, ranking and matrix in one query: per (question, matrix row, option) how many
    responses chose it, the sum of its ranks and how often it was first.

    `count(*)` counts responses: answers are stored one row per response, question, matrix
    row and option (a single choice one row, a multiple choice one per option, a ranking one
    per option with its rank, a matrix one per row with its column; the answering refuses an
    option twice). Read from `ix_survey_answer_options`, in its order, without the table."""
    with_options = {i for i, item in items.items() if item.question.kind.has_options}
    counted = {}
    if with_options:
        for question_id, row_id, option_id, count, rank_sum, firsts in db.session.execute(
            _answers(
                survey, with_options, SurveyAnswer.question_id, SurveyAnswer.row_option_id,
                SurveyAnswer.option_id, func.count(), func.sum(SurveyAnswer.rank),
                func.sum(case((SurveyAnswer.rank == 1, 1), else_=0)),
            )
            .where(SurveyAnswer.option_id.is_not(None))
            .group_by(SurveyAnswer.question_id, SurveyAnswer.row_option_id, SurveyAnswer.option_id)
        ):  # fmt: skip
            counted[(question_id, row_id, option_id)] = (count, rank_sum or 0, firsts or 0)
    for item in items.values():
        if item.is_choice:
            item.options = [
                _option_count(o, counted.get((item.question.id, None, o.id)), item.respondents)
                for o in item.question.options
            ]
        elif item.is_ranking:
            item.ranking = _ranking(item, counted)
        elif item.is_matrix:
            item.matrix = _matrix(item, counted)


def _option_count(option, counted, total):
    count = counted[0] if counted else 0
    return OptionCount(count=count, percent=_percent(count, total), option=option)


def _ranking(item, counted):
    """Borda scores, best first (then in the options' order): ranked r-th of n, n - r points."""
    n = len(item.question.options)
    scores = []
    for option in item.question.options:
        count, rank_sum, firsts = counted.get((item.question.id, None, option.id), (0, 0, 0))
        scores.append(RankingScore(option, score=n * count - rank_sum, first=firsts))
    return sorted(scores, key=lambda s: (-s.score, -s.first, s.option.position))


def _matrix(item, counted):
    rows = []
    for row in item.question.rows:
        counts = [counted.get((item.question.id, row.id, c.id), (0,))[0] for c in item.columns]
        total = sum(counts)  # one column per row and response
        cells = [
            OptionCount(count=count, percent=_percent(count, total), option=column)
            for count, column in zip(counts, item.columns, strict=True)
        ]
        rows.append(MatrixRow(row, respondents=total, cells=cells))
    return rows


def _texts(survey, items):
    """How many responses wrote a text, or an "other" text: of the text questions and the
    choices with "other" only, `count(*)` (one text, or one "other" row, per response)."""
    takes_texts = {i: item for i, item in items.items() if item.takes_texts}
    if takes_texts:
        for question_id, is_other, count in db.session.execute(
            _answers(survey, takes_texts, SurveyAnswer.question_id, SurveyAnswer.is_other,
                     func.count())
            .where(SurveyAnswer.text.is_not(None), SurveyAnswer.text != "")
            .group_by(SurveyAnswer.question_id, SurveyAnswer.is_other)
        ):  # fmt: skip
            item = takes_texts[question_id]
            if item.is_text or is_other:
                item.texts += count
    for item in items.values():
        if item.is_choice and item.question.has_other:
            item.other = Count(item.texts, _percent(item.texts, item.respondents))


def _scales(survey, items):
    """Every value of each scale, zeros included, and its mean."""
    scales = {i: item for i, item in items.items() if item.is_scale}
    counted = {}
    if scales:
        counted = dict(
            ((question_id, int(value)), count)
            for question_id, value, count in db.session.execute(
                _answers(survey, scales, SurveyAnswer.question_id, SurveyAnswer.number,
                         func.count())
                .where(SurveyAnswer.number.is_not(None))
                .group_by(SurveyAnswer.question_id, SurveyAnswer.number)
            )
        )  # fmt: skip
    for question_id, item in scales.items():
        values = item.question.scale_values
        counts = [counted.get((question_id, value), 0) for value in values]
        total = sum(counts)
        item.scale = [
            ScaleCount(count=count, percent=_percent(count, total), value=value)
            for value, count in zip(values, counts, strict=True)
        ]
        if total:
            item.mean = sum(v * c for v, c in zip(values, counts, strict=True)) / total


def _numbers(survey, items):
    """Count, mean, extremes and median of each number question in one query: the median is
    the mean of the middle one or two values, found by their row number (a window function
    that SQLite and PostgreSQL both have)."""
    numbers = {i: item for i, item in items.items() if item.is_number}
    for item in numbers.values():
        item.number = NumberStats()
    if not numbers:
        return
    value = SurveyAnswer.number
    ranked = _answers(
        survey, numbers, SurveyAnswer.question_id, value,
        func.row_number().over(partition_by=SurveyAnswer.question_id, order_by=value).label("nth"),
        func.count().over(partition_by=SurveyAnswer.question_id).label("n"),
    ).where(value.is_not(None)).subquery()  # fmt: skip
    middle = or_(ranked.c.nth == (ranked.c.n + 1) // 2, ranked.c.nth == (ranked.c.n + 2) // 2)
    for question_id, count, mean, median, low, high in db.session.execute(
        select(
            ranked.c.question_id, func.count(), func.avg(ranked.c.number),
            func.avg(case((middle, ranked.c.number), else_=None)), func.min(ranked.c.number),
            func.max(ranked.c.number),
        ).group_by(ranked.c.question_id)
    ):  # fmt: skip
        numbers[question_id].number = NumberStats(
            count=count, mean=float(mean), median=float(median), minimum=float(low),
            maximum=float(high),
        )  # fmt: skip


def _quotations(survey, question_ids):
    """The published quotations of `question_ids`, in the order they were picked, hidden ones
    left out: {question id: [Quotation]}. A few rows, found through
    `ix_survey_answer_question_id_quoted_at`; the response is joined for the author only."""
    columns = [SurveyAnswer.id, SurveyAnswer.question_id, SurveyAnswer.text, SurveyAnswer.is_other]
    query = (
        select(*columns, SurveyResponse.user_id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(
            SurveyAnswer.question_id.in_(sorted(question_ids)),
            SurveyAnswer.quoted_at.is_not(None),
            SurveyAnswer.is_hidden.is_(False),
            SurveyResponse.submitted_at.is_not(None),
        )
        .order_by(SurveyAnswer.quoted_at, SurveyAnswer.id)
    )
    quoted = {}
    for answer_id, question_id, text, is_other, user_id in db.session.execute(query):
        if text:
            author_id = None if survey.is_anonymous else user_id
            quoted.setdefault(question_id, []).append(
                Quotation(answer_id, text, is_other, author_id=author_id)
            )
    return quoted


def _with_quotations(survey, figures, fragments):
    """The results of this request: the figures (shared with the cache), with copies of the
    questions that take texts holding their quotations."""
    takes_texts = [item.question.id for item in figures.questions if item.takes_texts]
    quoted = _quotations(survey, takes_texts) if takes_texts else {}
    sections = [
        SectionResult(
            part.section,
            [
                replace(item, quotations=quoted.get(item.question.id, []))
                if item.takes_texts else item
                for item in part.questions
            ],
        )
        for part in figures.sections
    ]  # fmt: skip
    return SurveyResults(survey, figures.respondents, sections, fragments)


# The public API ----------------------------------------------------------------------------


def _one(value, digits=1):
    return None if value is None else round(value, digits)


def _counts(counts):
    return [
        {"id": c.option.id, "label": c.option.label, "count": c.count, "percent": _one(c.percent)}
        for c in counts
    ]


def _question_data(item):
    q = item.question
    data = {
        "id": q.id, "position": q.position, "prompt": q.prompt, "kind": q.kind.value,
        "respondents": item.respondents,
    }  # fmt: skip
    if item.is_choice:
        data["options"] = _counts(item.options)
        if item.other is not None:
            data["other"] = {"count": item.other.count, "percent": _one(item.other.percent)}
    elif item.is_scale:
        data["scale"] = {
            "min": q.scale_min, "max": q.scale_max, "low_label": q.low_label,
            "high_label": q.high_label, "mean": _one(item.mean, 2),
            "distribution": [
                {"value": s.value, "count": s.count, "percent": _one(s.percent)} for s in item.scale
            ],
        }  # fmt: skip
    elif item.is_ranking:
        data["ranking"] = [
            {"id": s.option.id, "label": s.option.label, "score": s.score, "first": s.first}
            for s in item.ranking
        ]
    elif item.is_matrix:
        data["matrix"] = {
            "columns": [{"id": c.id, "label": c.label} for c in item.columns],
            "rows": [
                {
                    "id": r.row.id,
                    "label": r.row.label,
                    "respondents": r.respondents,
                    "counts": [c.count for c in r.cells],
                    "percents": [_one(c.percent) for c in r.cells],
                }  # fmt: skip
                for r in item.matrix
            ],
        }
    elif item.is_number:
        n = item.number
        data["number"] = {
            "count": n.count, "mean": _one(n.mean, 2), "median": _one(n.median, 2),
            "min": n.minimum, "max": n.maximum,
        }  # fmt: skip
    else:
        data["texts"] = item.texts
    if item.takes_texts:
        data["quotations"] = [quotation.text for quotation in item.quotations]
    return data


def open_data(results):
    """The results as the public API shows them (keys in the module's docstring)."""
    return {
        "respondents": results.respondents,
        "sections": [
            {
                "title": part.section.title,
                "questions": [_question_data(item) for item in part.questions],
            }
            for part in results.sections
        ],
    }


# Figures for the pages ---------------------------------------------------------------------


@dataclass
class Figure:
    """What `macros/charts.html`'s `chart_with_table` shows: a chart and the same figures."""

    id: str
    svg: object
    caption: str
    headers: list
    rows: list


def _number(value):
    return format_decimal(value)


def _share(percent):
    return None if percent is None else format_percent(percent / 100, "#,##0.0%")


def _decimal(value):
    return None if value is None else format_decimal(value, "#,##0.##")


def figure_of(item):
    """The chart and table of one question's figures, or None (matrix, number and texts have
    a table or a count of their own)."""
    if not item.respondents:
        return None
    if item.is_choice:
        return _choice_figure(item)
    if item.is_scale:
        return _scale_figure(item)
    if item.is_ranking:
        return _ranking_figure(item)
    return None


def _choice_figure(item):
    shares = [(c.option.label, c.percent, c.count) for c in item.options]
    if item.other is not None:
        shares.append((_("Other"), item.other.percent, item.other.count))
    caption = _("Share of the %(n)s respondents who chose each answer", n=_number(item.respondents))
    svg = horizontal_bar_chart(
        [(label, percent) for label, percent, _count in shares], title=caption,
        value_label=_("Respondents (%)"), max_value=100, number_format=_chart_share,
    )  # fmt: skip
    rows = [[label, _number(count), _share(percent)] for label, percent, count in shares]
    return Figure(f"result-{item.question.id}-chart", svg, caption,
                  [_("Answer"), _("Respondents"), _("Share")], rows)  # fmt: skip


def _chart_share(percent):
    return format_percent(percent / 100, "#,##0.#%")


def _scale_figure(item):
    q = item.question
    caption = _(
        "Respondents per value, from %(low)s to %(high)s (mean %(mean)s)",
        low=_scale_end(q.scale_min, q.low_label), high=_scale_end(q.scale_max, q.high_label),
        mean=_decimal(item.mean),
    )  # fmt: skip
    svg = bar_chart(
        [(str(s.value), s.count) for s in item.scale], title=caption,
        value_label=_("Respondents"), max_value=_count_top([s.count for s in item.scale]),
        number_format=_number,
    )  # fmt: skip
    rows = [
        [_scale_end(s.value, _end_label(q, s.value)), _number(s.count), _share(s.percent)]
        for s in item.scale
    ]
    return Figure(f"result-{q.id}-chart", svg, caption,
                  [_("Value"), _("Respondents"), _("Share")], rows)  # fmt: skip


def _count_top(counts):
    """A fixed top of 4 for small counts, whose axis would otherwise show fractions of a
    person; larger counts let the chart round its own scale."""
    return 4 if max(counts, default=0) < 4 else None


def _end_label(question, value):
    if value == question.scale_min:
        return question.low_label
    return question.high_label if value == question.scale_max else ""


def _scale_end(value, label):
    return f"{value} ({label})" if label else str(value)


def _ranking_figure(item):
    n = len(item.question.options)
    caption = _(
        "Points of each option: ranked first of %(n)s, an option gets %(top)s points; "
        "last, none",
        n=_number(n), top=_number(max(n - 1, 0)),
    )  # fmt: skip
    svg = horizontal_bar_chart(
        [(s.option.label, s.score) for s in item.ranking], title=caption,
        value_label=_("Points"), max_value=_count_top([s.score for s in item.ranking]),
        number_format=_number,
    )  # fmt: skip
    rows = [[s.option.label, _number(s.score), _number(s.first)] for s in item.ranking]
    return Figure(f"result-{item.question.id}-chart", svg, caption,
                  [_("Option"), _("Points"), _("Ranked first")], rows)  # fmt: skip


def decimal(value):
    """A mean, median or extreme, the reader's way; a dash without a value."""
    return "–" if value is None else format_decimal(value, "#,##0.##")


def share(percent):
    """A percentage the reader's way (one decimal); a dash without respondents."""
    return _share(percent) or "–"

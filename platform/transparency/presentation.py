"""Figures made readable: each one an SVG chart and a table of the same numbers, with labels
translated and numbers written the reader's way."""

from dataclasses import dataclass

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from platform.charts import bar_chart, grouped_bar_chart
from platform.transparency.figures import CONTRIBUTIONS
from platform.transparency.periods import month_start


@dataclass
class Figure:
    """What `chart_with_table` shows: a chart, its caption and its table."""

    id: str
    svg: Markup
    caption: str
    headers: list
    rows: list


def contribution_labels():
    return {
        "problems": _("Problems proposed"),
        "supports": _("Supports"),
        "comments": _("Comments"),
        "feedbacks": _("Prototype feedback"),
        "sign_ups": _("Experiment sign-ups"),
        "participants": _("Participants"),
    }


def number(value):
    return format_decimal(value)


def rating(value):
    return None if value is None else format_decimal(value, "0.0")


def month_labels(key):
    """(short label for the chart, full label for the table) of the month '2026-03'."""
    day = month_start(key).date()
    return format_date(day, "LLL"), format_date(day, "LLLL y")


def period(rows):
    """'from March 2025 to February 2026' for the months of a participation figure."""
    first, last = (month_start(rows[i]["month"]).date() for i in (0, -1))
    return _(
        "from %(first)s to %(last)s",
        first=format_date(first, "LLLL y"),
        last=format_date(last, "LLLL y"),
    )


def participation_figures(rows, prefix):
    """Contributions per month (grouped bars) and participants per month (bars)."""
    labels = contribution_labels()
    short, full = zip(*(month_labels(row["month"]) for row in rows), strict=True)
    when = period(rows)
    caption = _("Contributions per month, %(period)s", period=when)
    contributions = Figure(
        id=f"{prefix}-contributions",
        svg=grouped_bar_chart(
            list(short),
            [(labels[kind], [row[kind] for row in rows]) for kind in CONTRIBUTIONS],
            title=caption,
            number_format=number,
        ),
        caption=caption,
        headers=[_("Month"), *(labels[kind] for kind in CONTRIBUTIONS)],
        rows=[
            [label, *(number(row[kind]) for kind in CONTRIBUTIONS)]
            for label, row in zip(full, rows, strict=True)
        ],
    )
    caption = _("Participants per month, %(period)s", period=when)
    participants = Figure(
        id=f"{prefix}-participants",
        svg=bar_chart(
            [(label, row["participants"]) for label, row in zip(short, rows, strict=True)],
            title=caption,
            value_label=labels["participants"],
            number_format=number,
        ),
        caption=caption,
        headers=[_("Month"), labels["participants"]],
        rows=[[label, number(row["participants"])] for label, row in zip(full, rows, strict=True)],
    )
    return contributions, participants


def funnel_figure(rows):
    caption = _("Problems that reached each stage")
    proposed = rows[0]["problems"]
    return Figure(
        id="funnel",
        svg=bar_chart(
            [(row["stage"].label, row["problems"]) for row in rows],
            title=caption,
            value_label=_("Problems"),
            number_format=number,
        ),
        caption=caption,
        headers=[_("Stage"), _("Problems"), _("Share of the problems proposed")],
        rows=[
            [
                row["stage"].label,
                number(row["problems"]),
                format_percent(row["problems"] / proposed) if proposed else None,
            ]
            for row in rows
        ],
    )


def place_figure(rows, *, id, caption, heading):
    """Problems, supports and comments per theme or per district."""
    kinds = ("problems", "supports", "comments")
    labels = contribution_labels()
    names = [row["name"] or _("Whole city") for row in rows]
    return Figure(
        id=id,
        svg=grouped_bar_chart(
            names,
            [(labels[kind], [row[kind] for row in rows]) for kind in kinds],
            title=caption,
            number_format=number,
        ),
        caption=caption,
        headers=[heading, *(labels[kind] for kind in kinds)],
        rows=[
            [name, *(number(row[kind]) for kind in kinds)]
            for name, row in zip(names, rows, strict=True)
        ],
    )


def method_figure(rows, id="methods"):
    caption = _("Experiments and confirmed participants by method")
    series = {"experiments": _("Experiments"), "participants": _("Participants")}
    return Figure(
        id=id,
        svg=grouped_bar_chart(
            [row["method"].label for row in rows],
            [(label, [row[key] for row in rows]) for key, label in series.items()],
            title=caption,
            number_format=number,
        ),
        caption=caption,
        headers=[_("Method"), *series.values()],
        rows=[[row["method"].label, *(number(row[key]) for key in series)] for row in rows],
    )


def moderation_figure(months):
    """Moderation actions per month, None before the first one."""
    if not months:
        return None
    caption = _("Moderation actions per month")
    return Figure(
        id="moderation-chart",
        svg=bar_chart(
            [(month, count) for month, count in months],
            title=caption,
            value_label=_("Actions"),
            number_format=number,
        ),
        caption=caption,
        headers=[_("Month"), _("Actions")],
        rows=[[month, number(count)] for month, count in months],
    )


def feedback_trend_figure(prototype):
    """Testers and average rating of each version of a prototype."""
    caption = _("Average rating per version of “%(title)s”", title=prototype["title"])
    versions = prototype["versions"]
    return Figure(
        id=f"prototype-{prototype['id']}-trend",
        svg=bar_chart(
            [(version_label(v["number"]), v["average_rating"]) for v in versions],
            title=caption,
            value_label=_("Average rating (out of 5)"),
            max_value=5,
            number_format=rating,
        ),
        caption=caption,
        headers=[_("Version"), _("Published on"), _("Testers"), _("Average rating (out of 5)")],
        rows=[
            [
                version_label(v["number"]),
                format_date(v["published_at"], "long"),
                number(v["feedbacks"]),
                rating(v["average_rating"]),
            ]
            for v in versions
        ],
    )


def version_label(n):
    return _("Version %(n)s", n=n)


def key_figure_rows(figures):
    """(label, number) for the table of a year's key figures."""
    labels = contribution_labels()
    return [
        (labels["participants"], figures["participants"]),
        (labels["problems"], figures["problems"]),
        (labels["supports"], figures["supports"]),
        (labels["comments"], figures["comments"]),
        (labels["feedbacks"], figures["feedbacks"]),
        (labels["sign_ups"], figures["sign_ups"]),
        (_("Problems selected by the lab"), figures["selected"]),
        (_("Problems that entered prototyping"), figures["prototyping"]),
        (_("Problems that entered experimentation"), figures["experimenting"]),
        (_("Problems whose solution was adopted"), figures["adopted"]),
        (_("Prototypes published or improved"), figures["prototypes"]),
        (_("Prototype versions published"), figures["prototype_versions"]),
        (_("Experiments held"), figures["experiments"]),
        (_("Experiments with published results"), figures["experiments_with_results"]),
        (_("Surveys opened"), figures["surveys"]),
        (_("Surveys with published results"), figures["surveys_with_results"]),
        (_("Responses to the surveys"), figures["survey_responses"]),
    ]

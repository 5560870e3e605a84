"""Public statistics and the lab's yearly report."""

from flask import abort, render_template
from flask_babel import format_decimal
from flask_babel import gettext as _

from platform.charts import bar_chart
from platform.moderation.services import actions_per_month
from platform.transparency import bp, figures
from platform.transparency import presentation as show


@bp.route("/stats")
def stats():
    contributions, participants = show.participation_figures(
        figures.participation_by_month(figures.recent_months(12)), "participation"
    )
    months = actions_per_month()
    chart = (
        bar_chart(
            [(month, count) for month, count in months],
            title=_("Moderation actions per month"),
            value_label=_("Actions"),
            number_format=format_decimal,
        )
        if months
        else None
    )
    return render_template(
        "transparency/stats.html",
        participation=contributions,
        participants=participants,
        funnel=show.funnel_figure(figures.funnel()),
        by_theme=show.place_figure(
            figures.contributions_by_theme(),
            id="themes",
            caption=_("Problems, supports and comments by theme"),
            heading=_("Theme"),
        ),
        by_district=show.place_figure(
            figures.contributions_by_district(),
            id="districts",
            caption=_("Problems, supports and comments by district"),
            heading=_("District"),
        ),
        by_method=show.method_figure(figures.experiments_by_method()),
        moderation_chart=chart,
        moderation_rows=[[month, format_decimal(count)] for month, count in months],
        years=figures.report_years(),
    )


@bp.route("/report/<int:year>")
def report(year):
    """The lab's review of a year, from the first year with a public problem to this one."""
    years = figures.report_years()
    if year not in years:
        abort(404)
    data = figures.yearly_report(year)
    contributions, participants = show.participation_figures(data["participation"], "participation")
    return render_template(
        "transparency/report.html",
        year=year,
        years=years,
        report=data,
        key_figures=show.key_figure_rows(data["key_figures"]),
        participation=contributions,
        participants=participants,
        by_method=show.method_figure(data["experiments_by_method"]),
        trends={p["id"]: show.feedback_trend_figure(p) for p in data["prototypes"]},
    )

"""What `/stats` and the yearly report show: their figures, computed once and made readable,
so that the routes only pick the page."""

from flask_babel import gettext as _

from platform.moderation.services import actions_per_month
from platform.transparency import figures, year_review
from platform.transparency import presentation as show


def stats_page():
    """The template context of `/stats`: the platform's figures, the last 12 months of
    participation, and the years that have a report."""
    contributions, participants = show.participation_figures(
        figures.participation_by_month(figures.recent_months(12)), "participation"
    )
    return {
        "participation": contributions,
        "participants": participants,
        "funnel": show.funnel_figure(figures.funnel()),
        "by_theme": show.place_figure(
            figures.contributions_by_theme(),
            id="themes",
            caption=_("Problems, supports and comments by theme"),
            heading=_("Theme"),
        ),
        "by_district": show.place_figure(
            figures.contributions_by_district(),
            id="districts",
            caption=_("Problems, supports and comments by district"),
            heading=_("District"),
        ),
        "by_method": show.method_figure(figures.experiments_by_method()),
        "surveys": figures.survey_totals(),
        "moderation": show.moderation_figure(actions_per_month()),
        "years": year_review.report_years(),
    }


def report_page(year, years):
    """The template context of the report of `year`, one of `years` (those that have one)."""
    data = year_review.yearly_report(year)
    contributions, participants = show.participation_figures(data["participation"], "participation")
    return {
        "year": year,
        "years": years,
        "report": data,
        "key_figures": show.key_figure_rows(data["key_figures"]),
        "participation": contributions,
        "participants": participants,
        "by_method": show.method_figure(data["experiments_by_method"]),
        "trends": {p["id"]: show.feedback_trend_figure(p) for p in data["prototypes"]},
    }

"""Public statistics and the lab's yearly report."""

from flask import abort, render_template

from platform.transparency import bp, pages, year_review


@bp.route("/stats")
def stats():
    return render_template("transparency/stats.html", **pages.stats_page())


@bp.route("/report/<int:year>")
def report(year):
    """The lab's review of a year, from the first year with a public problem to this one."""
    years = year_review.report_years()
    if year not in years:
        abort(404)
    return render_template("transparency/report.html", **pages.report_page(year, years))

"""Public statistics."""

from flask import render_template
from flask_babel import format_decimal
from flask_babel import gettext as _

from platform.charts import bar_chart
from platform.moderation.services import actions_per_month
from platform.transparency import bp


@bp.route("/stats")
def stats():
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
        moderation_chart=chart,
        moderation_rows=[[month, format_decimal(count)] for month, count in months],
    )

"""Moderation forms."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField

from platform.database import utcnow
from platform.forms import ChoiceField, max_length, options, required, strip
from platform.moderation.models import ReportReason


class ReportForm(FlaskForm):
    target_type = HiddenField()
    target_id = HiddenField()
    reason = ChoiceField(_l("Why?"), choices=options((r.value, r.label) for r in ReportReason))
    note = TextAreaField(
        _l("Details"),
        validators=[max_length(1000)],
        filters=[strip],
        description=_l("Required for “Other”."),
        render_kw={"rows": 2},
    )
    back = HiddenField()


class SuspendForm(FlaskForm):
    duration = ChoiceField(
        _l("Duration"),
        choices=options(
            [
                ("1", _l("1 day")),
                ("7", _l("7 days")),
                ("30", _l("30 days")),
                ("forever", _l("For good")),
            ]
        ),  # fmt: skip
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[required(_l("Give the reason, which the author will see.")), max_length(1000)],
        filters=[strip],
        description=_l("The account holder sees it."),
        render_kw={"rows": 3},
    )
    hide_content = BooleanField(_l("Also hide everything this account has published"))

    def until(self):
        """The end of the suspension chosen; None for good."""
        if self.duration.data == "forever":
            return None
        return utcnow() + timedelta(days=int(self.duration.data))


class MergeForm(FlaskForm):
    target_id = StringField(
        _l("Number of the problem to merge into"),
        validators=[required(_l("Give the number of the problem to merge into."))],
        filters=[strip],
        render_kw={"inputmode": "numeric"},
    )
    note = TextAreaField(_l("Public note"), validators=[max_length(2000)], filters=[strip],
                         render_kw={"rows": 2})  # fmt: skip

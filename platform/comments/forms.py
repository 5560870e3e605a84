"""The comment form, used on every commentable page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField

from platform.comments.services import MAX_LENGTH
from platform.forms import HoneypotMixin, max_length, required


class CommentForm(HoneypotMixin, FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[required(_l("Write your comment before sending it.")), max_length(MAX_LENGTH)],
        description=_l("At most 2,000 characters. Comments are public."),
        render_kw={"rows": 4, "maxlength": MAX_LENGTH},
    )
    parent_id = HiddenField()

    def parent(self):
        """The comment replied to, as an id, or None; raise ValueError when malformed."""
        value = (self.parent_id.data or "").strip()
        return int(value) if value else None

"""Administration forms: an account's role."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from platform.forms import ChoiceField, options
from platform.roles import Role


class RoleForm(FlaskForm):
    role = ChoiceField(_l("Role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = options((role.value, role.label) for role in Role)

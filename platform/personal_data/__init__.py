"""An account's own data: the export it downloads, and deleting the account (DESIGN.md §6).

This package sits above the features and imports none of them: each feature that keeps data
about an account registers its `platform.account_data.Part` (what it exports, how it erases),
in `<feature>/account_data.py`.
"""

from flask import Blueprint

bp = Blueprint("personal_data", __name__, template_folder="templates")

from platform.personal_data import routes  # noqa: F401  (routes attach themselves to bp)

"""Districts and themes: reference data named in every language, kept by admins.

Pages under /admin/themes and /admin/districts. The features that name them register their
columns (`services.register_reference`) instead of being imported here.
"""

from flask import Blueprint

bp = Blueprint("taxonomy", __name__, template_folder="templates")

from platform.taxonomy import routes  # noqa: E402,F401  (routes attach themselves to bp)

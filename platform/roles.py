"""The roles an account can hold (DESIGN.md §2), the vocabulary of every permission predicate.

Each role can do everything the previous one can. Every feature's `permissions.py` reads them,
so they live in the core, below every feature.
"""

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    """What an account may do; each role can do everything the previous one can."""

    CITIZEN = "citizen"
    AGENT = "agent"
    MODERATOR = "moderator"
    ADMIN = "admin"

    @property
    def rank(self):
        return list(Role).index(self)

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CITIZEN: _l("Citizen"),
    Role.AGENT: _l("City agent"),
    Role.MODERATOR: _l("Moderator"),
    Role.ADMIN: _l("Administrator"),
}

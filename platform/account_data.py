"""What each feature keeps about an account: its part of the data export, and how to erase it.

The `personal_data` package, above the features, answers "give me my data" and "delete my
account" (DESIGN.md §6). It knows no feature: each feature registers its `Part` when the
application starts (in its blueprint's set-up), so that what the export shows and what deletion
erases sit side by side in the feature that keeps the data (`<feature>/account_data.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass

_KEY = "platform.account_data"


@dataclass(frozen=True)
class Part:
    """One feature's part. `export(user)` returns a dict of JSON-ready export keys; `erase(user)`
    detaches or deletes the feature's rows, before the account's own row is emptied."""

    name: str
    export: Callable | None = None
    erase: Callable | None = None
    position: int = 50


def register_part(app, part):
    """Add a feature's part; parts run in `position` order, lower features first."""
    parts = app.extensions.setdefault(_KEY, {})
    parts[part.name] = part


def parts_of(app):
    return sorted(app.extensions.get(_KEY, {}).values(), key=lambda part: part.position)

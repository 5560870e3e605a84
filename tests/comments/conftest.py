"""The prototype factories, to check that prototypes use the same comment component."""

from tests.prototypes.conftest import make_prototype, selected_problem  # noqa: F401

"""The experiments' and prototypes' factories, for the tests of an account's own data."""

from tests.experiments.conftest import join_as, lab_problem, make_experiment  # noqa: F401
from tests.prototypes.conftest import make_prototype, selected_problem  # noqa: F401

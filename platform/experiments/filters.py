"""The filters of `/experiments/`, read from its query string.

A value that names nothing does not stop the list: the list is shown without that filter and
the page says why (400).
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from platform.experiments.models import Method
from platform.ideas.services import find_problem


@dataclass
class ExperimentFilters:
    method: Method | None = None
    problem: object = None
    places_left: bool = False
    errors: list = field(default_factory=list)

    @classmethod
    def parse(cls, args):
        filters = cls(places_left=args.get("places") == "1")
        if args.get("method"):
            try:
                filters.method = Method(args["method"])
            except ValueError:
                filters.errors.append(_("This method does not exist: all methods are shown."))
        if args.get("idea"):
            filters.problem = find_problem(args.get("idea", type=int))
            if filters.problem is None:
                filters.errors.append(_("This problem does not exist: all problems are shown."))
        return filters

    def listing_args(self):
        """The filters' arguments of `services.list_page`."""
        return {"method": self.method, "problem": self.problem, "places_left": self.places_left}

    def as_args(self):
        """The filters as the list's form shows them (and its links carry them): strings."""
        return {
            "method": self.method.value if self.method else "",
            "idea": self.problem.id if self.problem else "",
            "places": "1" if self.places_left else "",
        }

    def active_args(self):
        """Only the filters that are set, for the links of the pages."""
        return {name: value for name, value in self.as_args().items() if value}

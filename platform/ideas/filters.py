"""The filters of a list of problems, read once from a query string for the page and the API.

`/ideas/` and `/api/v1/ideas` accept the same `theme`, `district` and `status`; the page also
takes `q`, `sort` and its position (`page`, `after`, `before`). A value that names nothing is
not an error that stops the list: it is recorded as a `Refusal` and the list is shown without
that filter; the page says so (400), the API answers its own 400 naming the accepted values.
"""

from dataclasses import dataclass, field

from platform.ideas.listing import MAX_OFFSET_PAGE, RELEVANCE, SORTS, Cursor
from platform.ideas.models import ProblemStatus

QUERY_MAX = 200
PAGE_MAX = 10**9
LISTED_STATUSES = tuple(status for status in ProblemStatus if status.is_listed)


@dataclass(frozen=True)
class Refusal:
    """A parameter whose value could not be used: `name`, what was sent, what is accepted.

    `name` is `page` for a malformed position and `deep_page` for a page number past the ones
    that open by their number."""

    name: str
    value: str
    accepted: tuple = ()


@dataclass
class ProblemFilters:
    """What a list of problems is narrowed to, and how it is ordered and paged."""

    q: str = ""
    theme: object = None
    district: object = None
    status: ProblemStatus | None = None
    sort: str = ""
    page: int = 1
    after: Cursor | None = None
    before: Cursor | None = None
    refused: list = field(default_factory=list)

    @classmethod
    def parse(cls, args, *, themes, districts, with_paging=True):
        """Read `args` (a query string's mapping); `themes` and `districts` are the known ones,
        or a function that lists them, called only when the filter is given.

        Without `with_paging` (the API), only the filters both share are read."""
        filters = cls()
        filters.theme = filters._pick(args, "theme", themes, lambda theme: theme.slug)
        filters.district = filters._pick(args, "district", districts, lambda item: item.slug)
        filters.status = filters._pick(args, "status", LISTED_STATUSES, lambda status: status)
        if with_paging:
            filters._read_order_and_paging(args)
        return filters

    def _pick(self, args, name, items, key):
        value = args.get(name, "").strip()
        if not value:
            return None
        if callable(items):
            items = items()
        found = next((item for item in items if key(item) == value), None)
        if found is None:
            self.refused.append(Refusal(name, value, tuple(str(key(item)) for item in items)))
        return found

    def _read_order_and_paging(self, args):
        sort = args.get("sort", "")
        if sort and sort not in SORTS:
            self.refused.append(Refusal("sort", sort, SORTS))
            sort = "random"
        self.sort = sort
        self.q = args.get("q", "").strip()[:QUERY_MAX]
        order = sort or (RELEVANCE if self.q else "random")
        try:
            page = int(args.get("page", "1"))
            after, before = (
                Cursor.parse(args[name], order) if args.get(name) else None
                for name in ("after", "before")
            )
        except ValueError:
            self.refused.append(Refusal("page", args.get("page", "")))
            return
        if not 1 <= page <= PAGE_MAX or (after and before):
            self.refused.append(Refusal("page", args.get("page", "")))
        elif page > MAX_OFFSET_PAGE and not (after or before):
            self.refused.append(Refusal("deep_page", args.get("page", "")))
        else:
            self.page, self.after, self.before = page, after, before

    def listing_args(self):
        """The arguments of `listing.list_page` for this list."""
        return {
            "q": self.q, "theme": self.theme, "district": self.district, "status": self.status,
            "sort": self.sort, "page": self.page, "after": self.after, "before": self.before,
        }  # fmt: skip

    def as_args(self):
        """The filters as the list's form shows them (and its links carry them): strings."""
        return {
            "q": self.q,
            "theme": self.theme.slug if self.theme else "",
            "district": self.district.slug if self.district else "",
            "status": self.status.value if self.status else "",
            "sort": self.sort,
        }

    def active_args(self):
        """Only the filters that are set, for the links of the pages."""
        return {name: value for name, value in self.as_args().items() if value}

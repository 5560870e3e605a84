"""Demo accounts, one or more per role, printed by `make run`."""

from platform.accounts.models import Role
from platform.accounts.services import find_account, register_account

DEMO_PASSWORD = "atelier-citoyen-2026"  # noqa: S105 - demo data, printed on purpose

DEMO_ACCOUNTS = [
    ("camille.martin@example.org", "Camille Martin", Role.CITIZEN, "centre"),
    ("yanis.benali@example.org", "Yanis Benali", Role.CITIZEN, "rives-nord"),
    ("lucia.fernandez@example.org", "Lucía Fernández", Role.CITIZEN, "port"),
    ("sophie.bernard@example.org", "Sophie Bernard (Lab)", Role.AGENT, None),
    ("karim.haddad@example.org", "Karim Haddad", Role.MODERATOR, None),
    ("admin@example.org", "Administration du Lab", Role.ADMIN, None),
]


def seed_accounts(districts):
    """Create the demo accounts that do not exist yet; return all of them."""
    by_slug = {d.slug: d for d in districts}
    accounts = []
    for email, name, role, district in DEMO_ACCOUNTS:
        user = find_account(email)
        if user is None:
            user = register_account(email, name, DEMO_PASSWORD, accepted_terms=True, role=role)
            user.locale = "es" if email.startswith("lucia") else "fr"
            user.district = by_slug.get(district)
        accounts.append(user)
    return accounts

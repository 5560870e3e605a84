"""Demo people: the accounts printed by `make run`, one or more per role, and the residents."""

from datetime import timedelta

from werkzeug.security import generate_password_hash

from platform.accounts.models import User
from platform.accounts.services import find_account, register_account
from platform.database import utcnow
from platform.extensions import db
from platform.roles import Role
from platform.text import fold

DEMO_PASSWORD = "atelier-citoyen-2026"  # noqa: S105 - demo data, printed on purpose

DEMO_ACCOUNTS = [
    ("camille.martin@example.org", "Camille Martin", Role.CITIZEN, "centre"),
    ("yanis.benali@example.org", "Yanis Benali", Role.CITIZEN, "rives-nord"),
    ("lucia.fernandez@example.org", "Lucía Fernández", Role.CITIZEN, "port"),
    ("sophie.bernard@example.org", "Sophie Bernard (Lab)", Role.AGENT, None),
    ("karim.haddad@example.org", "Karim Haddad", Role.MODERATOR, None),
    ("admin@example.org", "Administration du Lab", Role.ADMIN, None),
]

# Residents who take part besides the demo accounts: (name, district slug). The e-mail is
# prenom.nom@example.org, and the first name (folded) is how the demo data refers to them.
CITIZENS = [
    ("Mamadou Diallo", "gare"),
    ("Nathalie Lefèvre", "plateau"),
    ("Thomas Nguyen", "saint-roch"),
    ("Fatoumata Traoré", "zone-sud"),
    ("Jean-Pierre Roux", "les-tilleuls"),
    ("Inès Bouzid", "rives-nord"),
    ("Élodie Garnier", "centre"),
    ("Kévin Morel", "port"),
    ("Aïcha Mansouri", "gare"),
    ("Hugo Lambert", "plateau"),
    ("Mei Chen", "centre"),
    ("Bernadette Faure", "saint-roch"),
    ("Olivier Dubois", "zone-sud"),
    ("Sarah Cohen", "les-tilleuls"),
    ("Karine Petit", "port"),
    ("Moussa Keïta", "rives-nord"),
    ("Léa Girard", "plateau"),
    ("Ana Pereira", "gare"),
    ("Julien Mercier", "centre"),
    ("Emre Yilmaz", "zone-sud"),
]


def handle(user):
    """Return the short name the demo data uses for an account: its folded first name."""
    return user.email.split("@")[0].split(".")[0]


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


def seed_citizens(districts, now):
    """Create the extra demo citizens that do not exist yet; return all of them."""
    by_slug = {d.slug: d for d in districts}
    password_hash = generate_password_hash(DEMO_PASSWORD)  # slow: computed once, shared
    citizens = []
    for position, (name, district) in enumerate(CITIZENS):
        email = fold(name).replace(" ", ".") + "@example.org"
        user = find_account(email)
        if user is None:
            user = User(
                email=email, display_name=name, role=Role.CITIZEN, locale="fr",
                district=by_slug[district], accepted_terms_at=utcnow(),
            )  # fmt: skip
            user.password_hash = password_hash
            # They joined before the oldest problem, one every few days.
            user.created_at = user.accepted_terms_at = now - timedelta(days=460 - 2 * position)
            db.session.add(user)
        citizens.append(user)
    db.session.flush()
    return citizens

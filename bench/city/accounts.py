"""The demo taxonomy the city is filed under, and its accounts: a few staff, then citizens."""

from werkzeug.security import generate_password_hash

from bench import words
from platform.accounts.models import User
from platform.demo.accounts import DEMO_PASSWORD
from platform.demo.taxonomy import seed_districts, seed_themes


def write_taxonomy(city):
    city.districts = [(d.id, d.slug) for d in seed_districts()]
    city.themes = [(t.id, t.slug) for t in seed_themes()]
    city.manifest["filter"] = {"theme": city.themes[0][1], "district": city.districts[0][1]}


def write_accounts(city):
    n = city.sizes["accounts"]
    rng = city.rng
    ids = city.ids(User, n)
    city.account_ids = list(ids)
    admins, moderators = 1, max(1, n // 10_000)
    agents = max(2, n // 1_000)
    city.moderators = city.account_ids[admins : admins + moderators]
    city.agents = city.account_ids[admins + moderators : admins + moderators + agents]
    city.citizens_from = admins + moderators + agents
    roles = ["admin"] * admins + ["moderator"] * moderators + ["agent"] * agents
    password_hash = generate_password_hash(DEMO_PASSWORD)  # once, for every account
    span = city.now - city.start

    def rows():
        for i, account_id in enumerate(ids):
            created = city.start + span * 0.95 * i / n + rng.random() * 3600
            name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_INITIALS)}."
            yield (
                account_id,
                f"habitant{account_id}@bench.example.org",
                name,
                password_hash,
                roles[i] if i < len(roles) else "citizen",
                rng.choice(("fr", "fr", "fr", "fr", "es", "en", None)),
                rng.choice(city.districts)[0] if rng.random() < 0.7 else None,
                f"{rng.getrandbits(96):024x}",
                created,
                created,
                created + rng.random() * (city.now - created) if rng.random() < 0.6 else None,
            )

    city.write(
        User,
        ["id", "email", "display_name", "password_hash", "role", "locale", "district_id",
         "session_token", "accepted_terms_at", "created_at", "last_sign_in_at"],
        rows(),
    )  # fmt: skip
    citizens = city.account_ids[city.citizens_from :]
    city.manifest["accounts"] = [
        f"habitant{account_id}@bench.example.org" for account_id in citizens[:64]
    ]
    city.manifest["password"] = DEMO_PASSWORD

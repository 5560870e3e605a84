"""Settings read from environment variables, with safe defaults.

Every setting can also be given to `create_app(config)`, which wins over the environment.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "en", "es")


def _flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url):
    """Use the psycopg 3 driver for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_secret_key(instance_path):
    """Return SECRET_KEY from the environment, or from `instance/secret_key`, made on first run."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Create with owner-only permissions; never fall back to a default string.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def settings_from_environment(instance_path):
    """Build the configuration mapping from the environment."""
    is_production = os.environ.get("APP_ENV", "development") == "production"
    database_url = (
        os.environ.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'platform.db'}"
    )
    redis_url = os.environ.get("REDIS_URL") or None
    return {
        "APP_ENV": "production" if is_production else "development",
        "SITE_NAME": os.environ.get("SITE_NAME", "Lab d'innovation publique"),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "REDIS_URL": redis_url,
        # Sessions: signed cookies, never readable from JavaScript, not sent cross-site.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", is_production),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", is_production),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # Internationalisation (DESIGN.md §5: catalogs are at the top level, not under platform/).
        "LANGUAGES": LANGUAGES,
        "BABEL_DEFAULT_LOCALE": os.environ.get("DEFAULT_LOCALE", "fr"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Europe/Paris"),
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        # Rate limits: in memory for one process, in Redis when several processes share them.
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Lets several sites (or a test run) share one Redis without sharing counters.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", ""),
        "RATELIMIT_SIGN_IN": os.environ.get("RATELIMIT_SIGN_IN", "10 per minute;50 per hour"),
        "RATELIMIT_REGISTER": os.environ.get("RATELIMIT_REGISTER", "5 per minute;20 per hour"),
        "RATELIMIT_POSTING": os.environ.get("RATELIMIT_POSTING", "20 per minute;300 per day"),
        # Accounts younger than NEW_ACCOUNT_HOURS make at most NEW_ACCOUNT_CONTRIBUTIONS a day.
        "NEW_ACCOUNT_HOURS": int(os.environ.get("NEW_ACCOUNT_HOURS", "24")),
        "NEW_ACCOUNT_CONTRIBUTIONS": int(os.environ.get("NEW_ACCOUNT_CONTRIBUTIONS", "5")),
        "COMMENT_EDIT_MINUTES": int(os.environ.get("COMMENT_EDIT_MINUTES", "15")),
        "ITEMS_PER_PAGE": 20,
        "PRE_MODERATION": _flag("PRE_MODERATION", False),
        "MODERATION_AUTO_HIDE_REPORTS": int(os.environ.get("MODERATION_AUTO_HIDE_REPORTS", "3")),
        # The key of the hash that stands for an account in a survey's responses (one response
        # per account, anonymous surveys included); SECRET_KEY when unset. Changing it lets
        # everyone answer each open survey once more.
        "SURVEY_KEY": os.environ.get("SURVEY_KEY") or None,
        "HSTS_ENABLED": is_production,
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed: without
        # it, behind a proxy every client has the proxy's address and shares its rate limits.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "USERS_PER_PAGE": 50,
        # E-mail (platform/notifications/mail.py): over SMTP when MAIL_SERVER is set, otherwise
        # written to the log (development). Links in e-mails start with PUBLIC_URL.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", True),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_FROM": os.environ.get("MAIL_FROM", "no-reply@localhost"),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        # Uploads (platform/images.py). Absolute, so that writing and serving agree on the folder.
        "UPLOAD_FOLDER": str(
            Path(os.environ.get("UPLOAD_FOLDER") or Path(instance_path) / "uploads").resolve()
        ),
        "MAX_IMAGE_BYTES": 5 * 1024 * 1024,  # the 413 page (platform/errors.py) says 5 MB
        "MAX_IMAGE_PIXELS": 40_000_000,
        # Above the image cap, so that a slightly large photo gets the form's clear message;
        # a request past this answers 413 before anything reads it.
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    }

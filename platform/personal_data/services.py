"""Export an account's data and delete the account, part by registered part.

Deleting keeps the account's row, emptied of everything personal, so that what it took part in
still adds up (supports, sign-ups to past experiments, the moderation log). Its contributions stay
readable under "Deleted account": each feature cuts their link to the account.
"""

import json

from flask import current_app

from platform.account_data import parts_of
from platform.accounts import account_data as account_row
from platform.database import isoformat, utcnow
from platform.extensions import db

EXPORT_FORMAT = 1


def export_account(user):
    """Everything the account contributed and its settings, as JSON-ready data."""
    data = {"format": EXPORT_FORMAT, "exported_at": isoformat(utcnow())}
    data.update(account_row.export_account(user))
    for part in parts_of(current_app):
        if part.export:
            data.update(part.export(user))
    return data


def export_file(user):
    """The export as the file to download: (its name, its JSON text)."""
    text = json.dumps(export_account(user), ensure_ascii=False, indent=2)
    return f"my-data-{utcnow():%Y-%m-%d}.json", text


def delete_account(user, password):
    """Erase the account's personal data after checking its password; see the module's doc."""
    account_row.check_deletion(user, password)
    db.session.flush()
    for part in parts_of(current_app):
        if part.erase:
            part.erase(user)
    # Parts update in bulk: objects already loaded must not write the old links back.
    db.session.expire_all()
    account_row.empty_account(user)
    db.session.flush()

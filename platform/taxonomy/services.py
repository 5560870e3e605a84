"""The rules of the reference data named in every language: themes and districts.

One implementation serves both kinds: the functions take the model (`Theme` or `District`) or an
item of it. Services flush and never commit; a refused change raises `TaxonomyError` with a message
for the person and the form field it concerns.

Other features name themes and districts (a problem its theme, an account its district), but this
package sits below them and cannot import them. Each registers its columns when the app is set up
(`register_reference`): the admin's list counts the problems of each item, and deleting an item
either refuses while it is used or empties the column, as the reference asks.
"""

import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from platform.extensions import db
from platform.rules import RuleError
from platform.taxonomy.models import District, Theme

NAME_MAX = 100
SLUG_MAX = 60
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_FORMAT_MESSAGE = _l(
    "Use only lowercase letters without accents, digits and single hyphens between them, like "
    "green-spaces."
)
POSITION_MAX = 9_999

NAME_REQUIRED = {
    "name_fr": _l("Enter the name in French."),
    "name_en": _l("Enter the name in English."),
    "name_es": _l("Enter the name in Spanish."),
}

EXTENSION = "platform.taxonomy.references"


class TaxonomyError(RuleError):
    """A rule refused the change; `message` says why, `field` names the form field."""


@dataclass(frozen=True)
class Reference:
    """A column of another feature that names a theme or a district.

    `counts_problems`: the admin's list shows how many rows name each item (the problems'
    column). `keeps_item`: the item cannot be deleted while a row names it; otherwise deleting
    the item empties the column of the rows that named it.
    """

    model: type
    column: object
    counts_problems: bool = False
    keeps_item: bool = False


def register_reference(app, reference):
    """Tell the taxonomy that `reference.column` names items of `reference.model`."""
    references = app.extensions.setdefault(EXTENSION, {})
    references[(reference.model, reference.column.key, reference.column.class_)] = reference


def _references(model):
    found = current_app.extensions.get(EXTENSION, {}).values()
    return [reference for reference in found if reference.model is model]


def list_themes():
    """Every theme, in display order."""
    return db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)).all()


def list_districts():
    """Every district, in display order."""
    return db.session.scalars(select(District).order_by(District.position, District.id)).all()


def list_named_items(model):
    """The items in display order, each with the number of problems (any stage) that name it."""
    counted = [reference.column for reference in _references(model) if reference.counts_problems]
    problems = (
        select(func.count()).where(counted[0] == model.id).scalar_subquery() if counted else 0
    )
    query = select(model, problems).order_by(model.position, model.id)
    return db.session.execute(query).all()


def create_named_item(model, *, slug, name_fr, name_en, name_es, position):
    """Add a theme or a district."""
    values = _checked(model, None, slug, name_fr, name_en, name_es, position)
    item = model(**values)
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:
        # The same slug was taken by a concurrent request.
        raise TaxonomyError(_slug_taken_message(), "slug") from None
    return item


def update_named_item(item, *, slug, name_fr, name_en, name_es, position):
    """Change the names, slug and display position of a theme or a district."""
    values = _checked(type(item), item, slug, name_fr, name_en, name_es, position)
    try:
        with db.session.begin_nested():
            for column, value in values.items():
                setattr(item, column, value)
    except IntegrityError:
        raise TaxonomyError(_slug_taken_message(), "slug") from None
    return item


def delete_named_item(item):
    """Delete a theme no problem uses, or a district: its problems and accounts then keep none."""
    references = _references(type(item))
    kept_by = [reference for reference in references if reference.keeps_item]
    _refuse_while_used(item, kept_by)
    for reference in references:
        if not reference.keeps_item:
            # Emptied here even where the foreign key has ON DELETE SET NULL, so that the rows
            # already loaded in this session see the change.
            db.session.execute(
                update(reference.column.class_)
                .where(reference.column == item.id)
                .values({reference.column.key: None})
            )
    try:
        with db.session.begin_nested():
            db.session.delete(item)
    except IntegrityError:
        # A problem was filed under the theme by a concurrent request.
        _refuse_while_used(item, kept_by)
        raise


def _refuse_while_used(item, kept_by):
    used_by = sum(
        db.session.scalar(select(func.count()).where(reference.column == item.id))
        for reference in kept_by
    )
    if used_by:
        raise TaxonomyError(
            ngettext(
                "The theme “%(name)s” cannot be deleted: %(num)s problem uses it.",
                "The theme “%(name)s” cannot be deleted: %(num)s problems use it.",
                used_by,
                name=item.name,
            )
        )


def _checked(model, item, slug, name_fr, name_en, name_es, position):
    """The cleaned column values, or `TaxonomyError` for the first field that breaks a rule."""
    values = {}
    for column, name in (("name_fr", name_fr), ("name_en", name_en), ("name_es", name_es)):
        name = (name or "").strip()
        if not name:
            raise TaxonomyError(NAME_REQUIRED[column], column)
        if len(name) > NAME_MAX:
            raise TaxonomyError(_l("A name has at most %(n)s characters.", n=NAME_MAX), column)
        values[column] = name
    values["slug"] = _checked_slug(model, item, slug)
    if type(position) is not int or not 0 <= position <= POSITION_MAX:
        raise TaxonomyError(
            _l("Enter a whole number between %(min)s and %(max)s.", min=0, max=POSITION_MAX),
            "position",
        )
    values["position"] = position
    return values


def _checked_slug(model, item, slug):
    slug = (slug or "").strip()
    if not slug:
        raise TaxonomyError(_l("Enter the identifier."), "slug")
    if len(slug) > SLUG_MAX:
        raise TaxonomyError(_l("An identifier has at most %(n)s characters.", n=SLUG_MAX), "slug")
    if not SLUG_PATTERN.fullmatch(slug):
        raise TaxonomyError(SLUG_FORMAT_MESSAGE, "slug")
    taken = select(func.count()).select_from(model).where(model.slug == slug)
    if item is not None:
        taken = taken.where(model.id != item.id)
    if db.session.scalar(taken):
        raise TaxonomyError(_slug_taken_message(), "slug")
    return slug


def _slug_taken_message():
    return _l("This identifier is already used. Choose another one.")


def next_position(model):
    """The position after the last item's, where a new item goes unless told otherwise."""
    last = db.session.scalar(select(func.max(model.position)))
    return 0 if last is None else min(last + 1, POSITION_MAX)


def find_named_item(model, item_id):
    """The theme or district with this id, or None."""
    return db.session.get(model, item_id)

"""Pictures of a prototype's versions: the file (see `platform.images`) and its row go together.

A picture a rule refuses leaves no file behind; a removed picture takes its file along. Like
every rule, these take the acting user, flush and never commit.
"""

from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from platform.extensions import db
from platform.images import ImageError, delete_image, save_image
from platform.prototypes.models import PrototypeImage, PrototypeVersion
from platform.prototypes.queries import latest_version
from platform.prototypes.validation import PrototypeError, clean_alt_text

IMAGES_MAX = 6


class FoundImage(NamedTuple):
    """An image and the prototype it belongs to, to check who may remove it."""

    image: PrototypeImage
    prototype_id: int


def find_image(image_id):
    """Return the image with its prototype's id, or None."""
    row = db.session.execute(
        select(PrototypeImage, PrototypeVersion.prototype_id)
        .join(PrototypeVersion, PrototypeVersion.id == PrototypeImage.version_id)
        .where(PrototypeImage.id == image_id)
    ).first()
    return FoundImage(*row) if row else None


def _ensure_changeable(prototype):
    if prototype.is_closed:
        raise PrototypeError(_l("A closed prototype can no longer be changed."))


def store_image(actor, prototype, upload, alt_text):
    """Save an uploaded picture and attach it to the version being worked on."""
    try:
        stored = save_image(upload)
    except ImageError as error:
        raise PrototypeError(error.message, "image") from error
    try:
        return add_image(actor, prototype, stored, alt_text)
    except PrototypeError:
        delete_image(stored.filename)
        raise


def add_image(actor, prototype, stored, alt_text):
    """Attach an image already stored (`platform.images.save_image`) to the latest version."""
    _ensure_changeable(prototype)
    alt_text = clean_alt_text(alt_text)
    version = latest_version(prototype)
    count = db.session.scalar(select(func.count()).where(PrototypeImage.version_id == version.id))
    if count >= IMAGES_MAX:
        raise PrototypeError(_l("A version has at most %(n)s images.", n=IMAGES_MAX), "image")
    image = PrototypeImage(
        version_id=version.id, filename=stored.filename, alt_text=alt_text,
        content_type=stored.content_type, width=stored.width, height=stored.height,
        position=count,
    )  # fmt: skip
    db.session.add(image)
    db.session.flush()
    return image


def remove_image(actor, prototype, image):
    """Remove an image of the prototype, row then file: a failed delete keeps the file."""
    _ensure_changeable(prototype)
    db.session.delete(image)
    db.session.flush()
    delete_image(image.filename)

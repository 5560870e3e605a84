"""Accept photos from agents: check, re-encode without metadata, store under a random name.

Features keep the returned `StoredImage.filename` in their own tables and show the file with
`url_for("main.upload", name=filename)`. DESIGN.md §8: the content is checked by decoding it
(the uploaded name and declared type are never trusted), EXIF, XMP and comments (GPS positions
in photos) are dropped by re-encoding, and the stored name is random.
"""

import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from platform.rules import RuleError

# Pillow's format name -> what we store. MPO is the JPEG variant many phones write (a JPEG with
# extra frames, e.g. a depth map); only its first frame, the photo, is kept.
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
ACCEPT = ",".join(CONTENT_TYPES.values())  # for the `accept` attribute of file inputs
STORED_NAME = re.compile(r"^[A-Za-z0-9_-]{24}\.(jpg|png|webp)$")

# Modes each encoder writes as they are; anything else is converted to the fallback.
SAVED_MODES = {
    "JPEG": {"L", "RGB"},
    "PNG": {"1", "L", "LA", "I;16", "P", "RGB", "RGBA"},
    "WEBP": {"RGB", "RGBA"},
}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}
COLOUR_SPACES = {
    **dict.fromkeys(("1", "L", "LA", "I", "I;16", "F"), "grey"),
    **dict.fromkeys(("P", "PA", "RGB", "RGBA"), "rgb"),
}

# What Pillow raises for data it cannot decode (SyntaxError is its historical "bad file").
DECODING_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError)
# Pillow's own bomb guard fires in Image.open, before our check, for images far over our cap
# (the warning is an error under pytest, and only a warning in production).
BOMB_ERRORS = (Image.DecompressionBombError, Image.DecompressionBombWarning)
UNREADABLE = _l("This file is not an image we can read.")


class ImageError(RuleError):
    """An upload refused, with the message to show the person who sent it."""


@dataclass(frozen=True)
class StoredImage:
    """An image as stored: its random file name, content type and size in pixels."""

    filename: str
    content_type: str
    width: int
    height: int


def upload_folder():
    """Return the absolute folder where images are stored."""
    return Path(current_app.config["UPLOAD_FOLDER"]).resolve()


def is_stored_name(name):
    """Tell whether `name` has the shape of a name given by `save_image`."""
    return bool(STORED_NAME.fullmatch(name or ""))


def content_type_of(name):
    """Return the content type of a stored image, from the extension we gave it."""
    return CONTENT_TYPES[name.rsplit(".", 1)[1]]


def save_image(file_storage):
    """Check an uploaded image, re-encode it without metadata and store it under a random name."""
    data = _read_capped(file_storage)
    image = _decode(data)
    try:
        output_format = FORMATS[image.format]
        encoded, width, height = _reencode(image, output_format)
    except DECODING_ERRORS:
        # A corrupt EXIF block (read for the orientation) is as unreadable as corrupt pixels.
        raise ImageError(UNREADABLE) from None
    finally:
        image.close()
    folder = upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    filename = f"{secrets.token_urlsafe(18)}.{EXTENSIONS[output_format]}"
    # "x": never overwrite a file, however unlikely a second identical random name is.
    with open(folder / filename, "xb") as f:
        f.write(encoded)
    return StoredImage(filename, content_type_of(filename), width, height)


def delete_image(filename):
    """Remove a stored image; a file already gone is not an error."""
    if not is_stored_name(filename):
        # Names come from our own tables: anything else is a bug, or an attempt at a path.
        raise ValueError(f"not a stored image name: {filename!r}")
    (upload_folder() / filename).unlink(missing_ok=True)


def _read_capped(file_storage):
    limit = current_app.config["MAX_IMAGE_BYTES"]
    # One byte more than allowed is enough to know the file is too large, without reading it all.
    data = file_storage.stream.read(limit + 1)
    if len(data) > limit:
        raise ImageError(_l("The image is larger than %(size)s MB.", size=_megabytes(limit)))
    if not data:
        raise ImageError(_l("The file is empty. Choose an image."))
    return data


def _decode(data):
    """Open, check and decode the image; return it loaded, refusing what we do not accept."""
    try:
        image = Image.open(io.BytesIO(data))
    except BOMB_ERRORS:
        raise _too_large() from None
    except DECODING_ERRORS:
        raise ImageError(UNREADABLE) from None
    with image:
        # Only the header has been read so far: refuse before any pixel data is decoded.
        if image.format not in FORMATS:
            raise ImageError(_l("Choose a JPEG, PNG or WebP image."))
        width, height = image.size
        if width * height > current_app.config["MAX_IMAGE_PIXELS"]:
            raise _too_large(width, height)
        try:
            image.verify()
        except DECODING_ERRORS:
            raise ImageError(UNREADABLE) from None
    # verify() leaves the image unusable: open it again to decode the pixels.
    image = Image.open(io.BytesIO(data))
    try:
        image.load()
    except (*DECODING_ERRORS, *BOMB_ERRORS):
        image.close()
        raise ImageError(UNREADABLE) from None
    return image


def _reencode(image, output_format):
    """Return the image's bytes in `output_format` with no metadata, and its size."""
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    original_mode = image.mode
    # Cameras store the sensor's orientation in EXIF; apply it, since EXIF is about to go.
    image = ImageOps.exif_transpose(image)
    if image.mode not in SAVED_MODES[output_format]:
        has_alpha = "A" in image.getbands() or transparency is not None
        keeps_alpha = output_format != "JPEG" and has_alpha
        image = image.convert("RGBA" if keeps_alpha else "RGB")
    # A fresh info dict: encoders copy some entries from it (the JPEG comment, for one).
    image.info = {}
    options = dict(ENCODER_OPTIONS[output_format])
    # The colour profile holds no personal data and keeps wide-gamut photos right, but it only
    # fits pixels still in the colour space it describes (not CMYK converted to RGB).
    if icc_profile and _same_colour_space(image.mode, original_mode):
        options["icc_profile"] = icc_profile
    if transparency is not None and image.mode == original_mode:
        options["transparency"] = transparency
    buffer = io.BytesIO()
    image.save(buffer, output_format, **options)
    return buffer.getvalue(), image.width, image.height


def _same_colour_space(mode, other_mode):
    space = COLOUR_SPACES.get(mode)
    return space is not None and space == COLOUR_SPACES.get(other_mode)


def _too_large(width=None, height=None):
    limit = current_app.config["MAX_IMAGE_PIXELS"] / 1_000_000
    if width is None:
        return ImageError(
            _l(
                "This image is too large. Images of at most %(limit)s million pixels are accepted.",
                limit=f"{limit:g}",
            )
        )
    return ImageError(
        _l(
            "This image is too large (%(width)s × %(height)s pixels). Images of at most "
            "%(limit)s million pixels are accepted.",
            width=width,
            height=height,
            limit=f"{limit:g}",
        )
    )


def _megabytes(size):
    return f"{size / (1024 * 1024):g}"

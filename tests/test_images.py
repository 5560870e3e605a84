"""Uploaded images are checked by decoding, re-encoded without metadata and served back."""

import io
import random
import struct
import zlib

import pytest
from flask_babel import force_locale
from PIL import Image
from werkzeug.datastructures import FileStorage

from platform.images import STORED_NAME, ImageError, delete_image, save_image

GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION = 0x010F, 0x0110, 0x0112


@pytest.fixture
def app_config(tmp_path):
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


@pytest.fixture
def uploads(tmp_path):
    return tmp_path / "uploads"


@pytest.fixture
def upload(app):
    """Save bytes as an upload named `filename`, as a form would hand them over."""

    def save(data, filename="photo.png", content_type="image/png"):
        storage = FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)
        with app.test_request_context(), force_locale("en"):
            return save_image(storage)

    return save


@pytest.fixture
def refusal(upload):
    """Return the English message given when an upload is refused."""

    def refuse(data, **kwargs):
        with pytest.raises(ImageError) as caught:
            upload(data, **kwargs)
        with force_locale("en"):
            return str(caught.value.message)

    return refuse


def image_bytes(image_format, size=(40, 30), mode="RGB", **options):
    image = Image.new(mode, size, "red" if mode in ("RGB", "RGBA") else 1)
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def stored_files(uploads):
    return list(uploads.iterdir()) if uploads.exists() else []


def open_stored(uploads, stored):
    return Image.open(uploads / stored.filename)


@pytest.mark.parametrize(
    ("image_format", "content_type", "extension"),
    [("JPEG", "image/jpeg", "jpg"), ("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")],
)
def test_valid_image_is_stored_under_a_random_name_and_served_back(
    client, upload, uploads, image_format, content_type, extension
):
    source = image_bytes(image_format)
    stored = upload(source, filename="my holidays.jpeg", content_type="application/octet-stream")

    assert STORED_NAME.fullmatch(stored.filename)
    assert stored.filename.endswith(f".{extension}")
    assert (stored.content_type, stored.width, stored.height) == (content_type, 40, 30)
    assert stored_files(uploads) == [uploads / stored.filename]
    with open_stored(uploads, stored) as image:
        assert image.format == image_format and image.size == (40, 30)

    response = client.get(f"/uploads/{stored.filename}")
    assert response.status_code == 200
    assert response.content_type == content_type
    assert response.data == (uploads / stored.filename).read_bytes()
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_each_upload_gets_its_own_name(upload, uploads):
    source = image_bytes("PNG")
    first, second = upload(source), upload(source)
    assert first.filename != second.filename
    assert len(stored_files(uploads)) == 2


def test_phone_photo_with_extra_frames_is_stored_as_jpeg(upload, uploads):
    buffer = io.BytesIO()
    photo, depth_map = Image.new("RGB", (40, 30), "blue"), Image.new("RGB", (40, 30), "gray")
    photo.save(buffer, "MPO", save_all=True, append_images=[depth_map])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    stored = upload(buffer.getvalue(), filename="IMG_0001.JPG", content_type="image/jpeg")
    assert stored.content_type == "image/jpeg"
    with open_stored(uploads, stored) as image:
        assert image.format == "JPEG"
        assert getattr(image, "n_frames", 1) == 1


def test_text_file_named_like_an_image_is_refused(refusal, uploads):
    message = refusal(b"name,e-mail\nCamille,camille@example.org\n", filename="list.png")
    assert message == "This file is not an image we can read."
    assert stored_files(uploads) == []


def test_image_in_another_format_is_refused(refusal, uploads):
    message = refusal(image_bytes("GIF", mode="P"), filename="animation.png")
    assert message == "Choose a JPEG, PNG or WebP image."
    assert stored_files(uploads) == []


def test_truncated_image_is_refused(refusal, uploads):
    source = image_bytes("JPEG", size=(400, 300))
    message = refusal(source[: len(source) // 2], filename="photo.jpg")
    assert message == "This file is not an image we can read."
    assert stored_files(uploads) == []


def test_empty_file_is_refused(refusal, uploads):
    assert refusal(b"") == "The file is empty. Choose an image."
    assert stored_files(uploads) == []


def test_image_over_5_mb_is_refused(refusal, uploads):
    noise = random.Random(8).randbytes(1500 * 1500 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1500, 1500), noise).save(buffer, "PNG")
    source = buffer.getvalue()
    assert len(source) > 6 * 1024 * 1024
    Image.open(io.BytesIO(source)).load()  # a real image, refused for its size alone

    assert refusal(source) == "The image is larger than 5 MB."
    assert stored_files(uploads) == []


def png_declaring(width, height):
    """Return a 1 × 1 PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    data = bytearray(image_bytes("PNG", size=(1, 1), mode="1"))
    # The IHDR chunk follows the 8-byte signature: length, type, then width and height.
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_image_declaring_too_many_pixels_is_refused_before_decoding(refusal, uploads):
    # Decoding would fail (the data holds one pixel): the size is checked from the header first.
    message = refusal(png_declaring(8000, 6000))
    assert message == (
        "This image is too large (8000 × 6000 pixels). "
        "Images of at most 40 million pixels are accepted."
    )
    assert stored_files(uploads) == []


@pytest.mark.parametrize("side", [10_000, 30_000])
def test_image_bomb_is_refused(refusal, uploads, side):
    # Past Pillow's own limit (89 M pixels, error at twice that) Pillow refuses while opening.
    message = refusal(png_declaring(side, side))
    assert message.startswith("This image is too large")
    assert stored_files(uploads) == []


def test_photo_loses_its_gps_position_and_other_metadata(upload, uploads):
    exif = Image.Exif()
    exif[MAKE], exif[MODEL] = "PhoneMaker", "Phone 12"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 8.0)})
    source = image_bytes(
        "JPEG", exif=exif.tobytes(), comment=b"Rue de la Paix", xmp=b"<x:xmpmeta>me</x:xmpmeta>"
    )
    with Image.open(io.BytesIO(source)) as original:
        assert original.getexif().get_ifd(GPS_IFD)[2] == (48.0, 51.0, 24.0)
        assert original.getexif()[MAKE] == "PhoneMaker"
        assert {"exif", "comment", "xmp"} <= original.info.keys()

    stored = upload(source, filename="photo.jpg", content_type="image/jpeg")
    with open_stored(uploads, stored) as image:
        assert not image.getexif()
        assert not image.info.keys() & {"exif", "comment", "xmp"}
    assert b"PhoneMaker" not in (uploads / stored.filename).read_bytes()


def test_png_loses_its_text_and_exif_chunks(upload, uploads):
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Author", "Camille Martin")
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    source = image_bytes("PNG", pnginfo=text, exif=exif.tobytes())

    stored = upload(source)
    with open_stored(uploads, stored) as image:
        assert not image.getexif()
        assert not image.info.keys() & {"exif", "Author"}


def test_photo_taken_sideways_is_stored_upright(upload, uploads):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: display rotated 90° clockwise
    source = image_bytes("JPEG", size=(40, 30), exif=exif.tobytes())

    stored = upload(source, filename="photo.jpg", content_type="image/jpeg")
    assert (stored.width, stored.height) == (30, 40)
    with open_stored(uploads, stored) as image:
        assert image.size == (30, 40)
        assert not image.getexif()


def test_colour_profile_and_transparency_are_kept(upload, uploads):
    profile = b"\x00" * 128  # kept as given: the encoder does not interpret it
    image = Image.new("P", (10, 10), 3)
    image.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    image.putpixel((0, 0), 1)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=3, icc_profile=profile)

    stored = upload(buffer.getvalue())
    with open_stored(uploads, stored) as stored_image:
        assert stored_image.mode == "P"
        pixels = stored_image.convert("RGBA")
        assert pixels.getpixel((0, 0)) == (255, 0, 0, 255)
        assert pixels.getpixel((1, 1)) == (0, 0, 255, 0)
        assert stored_image.info["icc_profile"] == profile


def test_cmyk_photo_is_stored_as_rgb_jpeg(upload, uploads):
    stored = upload(image_bytes("JPEG", mode="CMYK"), filename="print.jpg")
    with open_stored(uploads, stored) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")


@pytest.mark.parametrize(
    "path",
    [
        "/uploads/../secret_key",
        "/uploads/..%2Fsecret_key",
        "/uploads/secret_key",
        "/uploads/notes.txt",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAA.gif",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAA.jpg",
        "/uploads/AAAAAAAAAAAAAAAAAAAAAAAA.JPG",
    ],
)
def test_unknown_or_malformed_upload_names_are_not_found(client, uploads, path):
    uploads.mkdir(parents=True)
    (uploads / "notes.txt").write_text("not for the public")
    (uploads / "AAAAAAAAAAAAAAAAAAAAAAAA.gif").write_bytes(image_bytes("GIF", mode="P"))
    assert client.get(path).status_code == 404


def test_deleted_image_is_gone_and_deleting_twice_is_harmless(app, client, upload, uploads):
    stored = upload(image_bytes("PNG"))
    with app.app_context():
        delete_image(stored.filename)
        delete_image(stored.filename)
    assert stored_files(uploads) == []
    assert client.get(f"/uploads/{stored.filename}").status_code == 404


@pytest.mark.parametrize("name", ["../secret_key", "../../etc/passwd.png", "a.png", ""])
def test_deleting_refuses_names_that_are_not_ours(app, tmp_path, name):
    with app.app_context(), pytest.raises(ValueError):
        delete_image(name)


def test_request_far_over_the_limit_answers_413(client):
    # Encoded by hand: the test client would spool a large body to a file it never closes.
    body = (
        b"--boundary\r\n"
        b'Content-Disposition: form-data; name="photo"; filename="huge.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + b"\0" * (17 * 1024 * 1024) + b"\r\n--boundary--\r\n"
    )
    response = client.post(
        "/auth/login",
        data=body,
        content_type="multipart/form-data; boundary=boundary",
        headers={"Accept-Language": "en"},
        csrf=False,
    )
    assert response.status_code == 413
    assert "Files of at most 5 MB are accepted." in response.get_data(as_text=True)

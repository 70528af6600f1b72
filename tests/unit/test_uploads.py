"""The photo check: decoded with Pillow, limited in bytes and pixels, re-encoded without EXIF."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageFile

from courses.uploads import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, PHOTO_MAX_EDGE, photo_clean


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", color="red", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with almost no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def refusal(content: bytes, name="photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        photo_clean(upload(content, name=name))
    return caught.value


@pytest.mark.parametrize(
    ("fmt", "extension", "mode"),
    [
        ("JPEG", "jpg", "RGB"),
        ("PNG", "png", "RGB"),
        ("PNG", "png", "RGBA"),
        ("WEBP", "webp", "RGB"),
    ],
)
def test_jpeg_png_and_webp_are_accepted_and_re_encoded(fmt, extension, mode):
    color = (200, 30, 30, 128) if mode == "RGBA" else "red"

    photo = photo_clean(upload(image_bytes(fmt, (64, 48), mode=mode, color=color), name="x.bin"))

    assert (photo.extension, photo.width, photo.height) == (extension, 64, 48)
    decoded = Image.open(io.BytesIO(photo.content))
    assert decoded.format == fmt
    assert decoded.mode == mode
    decoded.load()


def test_gps_location_and_other_metadata_are_removed_and_orientation_applied():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show rotated 90°
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (22.0, 32.0, 10.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (113.0, 56.0, 20.0)
    original = image_bytes("JPEG", (80, 40), exif=exif, comment=b"home address")
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    photo = photo_clean(upload(original))

    kept = Image.open(io.BytesIO(photo.content))
    assert not kept.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(kept.getexif()) == 0
    assert "exif" not in kept.info
    assert "comment" not in kept.info
    assert b"home address" not in photo.content
    assert b"PhoneMaker" not in photo.content
    assert (photo.width, photo.height) == (40, 80) == kept.size


def test_a_large_photo_is_scaled_down_to_the_longest_edge():
    photo = photo_clean(upload(image_bytes("JPEG", (PHOTO_MAX_EDGE * 2, PHOTO_MAX_EDGE))))

    assert (photo.width, photo.height) == (PHOTO_MAX_EDGE, PHOTO_MAX_EDGE // 2)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    too_big = upload(b"\xff\xd8" + b"\x00" * MAX_PHOTO_BYTES)

    with pytest.raises(ValidationError) as caught:
        photo_clean(too_big)

    assert caught.value.code == "too_large"
    assert "photo.jpg" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (7_000, 7_000),  # 49 MP: above the studio's limit, below Pillow's own warning
        (10_000, 10_000),  # 100 MP: Pillow warns
        (20_000, 20_000),  # 400 MP: Pillow refuses by itself
    ],
)
def test_a_pixel_bomb_is_refused_from_its_header_without_decoding(monkeypatch, width, height):
    def must_not_decode(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", must_not_decode)
    bomb = png_header_only(width, height)
    assert len(bomb) < 200

    error = refusal(bomb, name="bomb.png")

    assert error.code == "too_many_pixels"
    assert "bomb.png" in error.messages[0]


def test_a_tiny_file_that_decompresses_past_the_pixel_limit_is_refused():
    side = int((MAX_PHOTO_PIXELS * 1.2) ** 0.5)
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, format="PNG", optimize=True)
    assert buffer.tell() < 200_000

    assert refusal(buffer.getvalue(), name="small.png").code == "too_many_pixels"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"#!/bin/sh\nrm -rf /\n", "holiday.jpg"),
        (b"<html><script>alert(1)</script></html>", "tour.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.jpg"),
        (image_bytes("GIF", mode="P"), "animated.gif"),
        (image_bytes("TIFF"), "scan.tiff"),
        (image_bytes("BMP"), "old.jpg"),
    ],
)
def test_anything_but_jpeg_png_and_webp_is_refused_whatever_its_name(content, name):
    with translation.override("en"):
        error = refusal(content, name=name)

    assert error.code == "not_a_photo"
    assert error.messages == [f"“{name}” is not a JPEG, PNG or WebP photo."]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_photo_is_refused(fmt):
    # Noise, so that half of the file is half of the picture and not padding.
    noisy = Image.effect_noise((200, 150), 64).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format=fmt)
    whole = buffer.getvalue()

    error = refusal(whole[: len(whole) // 2], name=f"cut.{fmt.lower()}")

    assert error.code == "damaged"


def test_an_empty_file_is_refused():
    assert refusal(b"").code == "empty"


# A request's photos together ---------------------------------------------------------------


def test_a_request_is_judged_from_headers_without_decoding(monkeypatch):
    from courses import uploads

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded")

    monkeypatch.setattr(uploads, "_decode", no_decoding)
    header_only = png_header_only(6000, 6000)  # 36 megapixels, a few bytes

    with pytest.raises(ValidationError) as refused:
        uploads.photos_inspect([upload(header_only, name=f"{n}.png") for n in range(5)])

    assert refused.value.error_list[0].code == "request_too_many_pixels"
    inspected = uploads.photos_inspect([upload(header_only, name="one.png")])
    assert [(p.extension, p.width, p.height) for p in inspected] == [("png", 6000, 6000)]


def test_every_refused_photo_of_a_request_is_named_before_the_totals():
    from courses import uploads

    with pytest.raises(ValidationError) as refused:
        uploads.photos_inspect(
            [upload(image_bytes()), upload(b"not a photo", name="a.jpg"), upload(b"", "b.jpg")]
        )

    assert [error.code for error in refused.value.error_list] == ["not_a_photo", "empty"]

"""Photos trainees attach to their work: what is accepted, and how it is made safe to keep.

A photo is judged by decoding it with Pillow, never by its name or the content type the
browser declared. Only JPEG, PNG and WebP are opened at all (``Image.open(formats=…)``), so a
script or web page renamed ``.jpg``, a GIF, an SVG or a TIFF is refused before any decoder
other than those three sees it.

Limits are checked from the cheapest evidence first: the upload's size before reading it, the
dimensions in the header before decoding the pixels (a few bytes of PNG can claim a picture
of billions of pixels: a decompression bomb), then a full decode, which also catches a
truncated file.

A request is judged as a whole before any photo in it is decoded (``photos_inspect``): every
photo's bytes and header, then the number of photos, their bytes and their pixels added up.
Twelve 40-megapixel photos each pass alone, yet decoding them in one request took 39 seconds of
CPU and 770 MB; the request budgets refuse them, and the decoding itself runs later, one photo
at a time, in a Celery task (``photo_process``, called by
``courses.services.submissions.submission_photo_process``).

The photo that is kept is re-encoded from the decoded pixels: the camera's orientation is
applied first, then EXIF (with any GPS location), XMP and comments are left behind. Only the
colour profile is carried over, so colours look the same. Large photos are scaled down to
``PHOTO_MAX_EDGE`` on their long side, which is plenty for reading a report on any screen.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_PHOTO_BYTES = 8 * 1024 * 1024
"""Bytes of one photo as uploaded; a phone's full-size JPEG is 2 to 6 MB."""
MAX_PHOTO_PIXELS = 40_000_000
"""Pixels of one photo, from its header; decoding one such photo takes about 120 MB."""
MAX_PHOTOS_PER_SUBMISSION = 12
"""Photos one piece of work may hold in all."""
MAX_PHOTOS_PER_REQUEST = MAX_PHOTOS_PER_SUBMISSION
"""Photos one save may add, checked before any is read further than its header."""
MAX_REQUEST_PHOTO_BYTES = 64 * 1024 * 1024
"""Bytes of all the photos of one save together: a dozen phone photos, not a dozen of the
largest photos allowed one by one."""
MAX_REQUEST_PHOTO_PIXELS = 150_000_000
"""Pixels of all the photos of one save together, from their headers: twelve 12-megapixel phone
photos (145 million) pass, twelve 40-megapixel ones (480 million) do not."""
PHOTO_MAX_EDGE = 2560
JPEG_QUALITY = 85
WEBP_QUALITY = 82

# Pillow's format name → the extension kept on disk and the content type served.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
ACCEPT = ",".join(content_type for _ext, content_type in FORMATS.values())
CONTENT_TYPES = dict(FORMATS.values())  # extension → content type


@dataclass(frozen=True)
class InspectedPhoto:
    """An upload whose size and header passed; read into memory, not decoded yet."""

    name: str
    content: bytes
    extension: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class CleanPhoto:
    """A photo that passed every check, re-encoded and ready to store."""

    content: bytes
    extension: str
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def _refuse(message: str, code: str):
    return ValidationError(message, code=code)


def _name(upload) -> str:
    return getattr(upload, "name", "") or _("the photo")


def photo_clean(upload) -> CleanPhoto:
    """Check an uploaded photo and return it re-encoded; raise ``ValidationError`` if refused.

    ``upload`` is a Django ``UploadedFile`` or any binary file object with a ``name``.
    """
    inspected = photo_inspect(upload)
    return photo_process(inspected.content, name=inspected.name)


def photo_inspect(upload) -> InspectedPhoto:
    """The upload's bytes and header checked, without decoding a pixel; ``ValidationError`` if
    refused."""
    name = _name(upload)
    declared = getattr(upload, "size", None)
    if declared is not None and declared > MAX_PHOTO_BYTES:
        raise _too_large(name)
    upload.seek(0)
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise _too_large(name)
    if not data:
        raise _refuse(_("“%(name)s” is empty.") % {"name": name}, "empty")
    image = _open(data, name)
    try:
        width, height = image.size
        return InspectedPhoto(
            name=name,
            content=data,
            extension=FORMATS[image.format][0],
            width=width,
            height=height,
        )
    finally:
        image.close()


def photos_inspect(uploads) -> list[InspectedPhoto]:
    """Every upload of one request inspected, then the request's budgets checked.

    Every refusal is reported together (``ValidationError`` with one message each), and nothing
    is decoded: this is all the work a request does on its photos.
    """
    uploads = list(uploads)
    if len(uploads) > MAX_PHOTOS_PER_REQUEST:
        raise _refuse(
            _("You can add at most %(limit)d photos at a time; you chose %(count)d.")
            % {"limit": MAX_PHOTOS_PER_REQUEST, "count": len(uploads)},
            "too_many_photos",
        )
    inspected, errors = [], []
    for upload in uploads:
        try:
            inspected.append(photo_inspect(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    total_bytes = sum(len(photo.content) for photo in inspected)
    if total_bytes > MAX_REQUEST_PHOTO_BYTES:
        errors.append(
            _refuse(
                _(
                    "These photos come to %(size)s together; at most %(limit)s can be added at "
                    "a time. Add them in several saves, or send smaller copies."
                )
                % {
                    "size": filesizeformat(total_bytes),
                    "limit": filesizeformat(MAX_REQUEST_PHOTO_BYTES),
                },
                "request_too_large",
            )
        )
    total_pixels = sum(photo.pixels for photo in inspected)
    if total_pixels > MAX_REQUEST_PHOTO_PIXELS:
        errors.append(
            _refuse(
                _(
                    "These photos have %(count)d megapixels together; at most %(limit)d can be "
                    "added at a time. Add them in several saves, or send smaller copies."
                )
                % {
                    "count": total_pixels // 1_000_000,
                    "limit": MAX_REQUEST_PHOTO_PIXELS // 1_000_000,
                },
                "request_too_many_pixels",
            )
        )
    if errors:
        raise ValidationError(errors)
    return inspected


def photo_process(data: bytes, *, name: str = "") -> CleanPhoto:
    """The photo decoded and re-encoded without its metadata; ``ValidationError`` if it cannot
    be (a damaged or truncated file, which its header alone does not show)."""
    image = _decode(data, name or _("the photo"))
    try:
        return _reencode(image)
    finally:
        image.close()


def _too_large(name: str) -> ValidationError:
    return _refuse(
        _("“%(name)s” is too large: a photo may be at most %(limit)s.")
        % {"name": name, "limit": filesizeformat(MAX_PHOTO_BYTES)},
        "too_large",
    )


def _too_many_pixels(name: str) -> ValidationError:
    return _refuse(
        _(
            "“%(name)s” has too many pixels: a photo may have at most %(limit)d megapixels. "
            "Take it at a lower resolution, or send a smaller copy."
        )
        % {"name": name, "limit": MAX_PHOTO_PIXELS // 1_000_000},
        "too_many_pixels",
    )


def _open(data: bytes, name: str) -> Image.Image:
    """Open the image from its header only, refusing anything but JPEG, PNG and WebP and any
    picture of more than ``MAX_PHOTO_PIXELS``."""
    with warnings.catch_warnings():
        # Pillow warns (rather than refuses) between its own two bomb thresholds; here any
        # warning of that kind is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(name) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            # UnidentifiedImageError (an OSError) for every other kind of file.
            raise _refuse(
                _("“%(name)s” is not a JPEG, PNG or WebP photo.") % {"name": name},
                "not_a_photo",
            ) from None
    width, height = image.size
    if width * height > MAX_PHOTO_PIXELS:
        image.close()
        raise _too_many_pixels(name)
    return image


def _decode(data: bytes, name: str) -> Image.Image:
    """Open and fully decode the image, refusing anything but JPEG, PNG and WebP."""
    image = _open(data, name)
    width, height = image.size
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        if image.format == "JPEG":
            # Decode a large JPEG at a reduced scale straight away: it is scaled down anyway.
            image.draft(None, _fitted((width, height)))
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            image.close()
            raise _too_many_pixels(name) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            image.close()
            raise _refuse(
                _(
                    "“%(name)s” could not be read to the end: the file is damaged or incomplete. "
                    "Please choose it again."
                )
                % {"name": name},
                "damaged",
            ) from None
    return image


def _fitted(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, PHOTO_MAX_EDGE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reencode(image: Image.Image) -> CleanPhoto:
    source_format = image.format
    extension = FORMATS[source_format][0]
    icc_profile = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or ("transparency" in image.info)

    # The picture the way the camera held it; a copy, so the decoded file is left untouched.
    photo = ImageOps.exif_transpose(image)
    if source_format == "JPEG" or not has_alpha:
        mode = "L" if photo.mode == "L" and source_format != "WEBP" else "RGB"
    else:
        mode = "RGBA"
    if photo.mode != mode:
        photo = photo.convert(mode)
    photo.thumbnail((PHOTO_MAX_EDGE, PHOTO_MAX_EDGE), Image.Resampling.LANCZOS)
    # Nothing from the original's metadata travels on: savers fall back on ``info`` for some
    # fields (a JPEG's comment, a PNG's text chunks), so it is emptied, not just not passed.
    photo.info = {}

    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if source_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif source_format == "PNG":
        options.update(optimize=True)
    else:
        options.update(quality=WEBP_QUALITY, method=4)
    output = io.BytesIO()
    photo.save(output, format=source_format, **options)
    return CleanPhoto(
        content=output.getvalue(), extension=extension, width=photo.width, height=photo.height
    )

"""Photos trainees attach to their work: what is accepted, and how it is made safe to keep.

A photo is judged by decoding it with Pillow, never by its name or the content type the
browser declared. Only JPEG, PNG and WebP are opened at all (``Image.open(formats=…)``), so a
script or web page renamed ``.jpg``, a GIF, an SVG or a TIFF is refused before any decoder
other than those three sees it.

Limits are checked from the cheapest evidence first: the upload's size before reading it, the
dimensions in the header before decoding the pixels (a few bytes of PNG can claim a picture
of billions of pixels: a decompression bomb), then a full decode, which also catches a
truncated file.

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
MAX_PHOTO_PIXELS = 40_000_000
MAX_PHOTOS_PER_SUBMISSION = 12
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

    image = _decode(data, name)
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


def _decode(data: bytes, name: str) -> Image.Image:
    """Open and fully decode the image, refusing anything but JPEG, PNG and WebP."""
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

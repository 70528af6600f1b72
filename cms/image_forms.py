"""The form the Wagtail admin uploads images with (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the
image page, the multiple upload and the chooser's upload all build theirs from it.

Wagtail's image field recognises a file from its first bytes, then reads the whole picture to
measure it. A file cut short in transfer (a truncated PNG) passes the first step and makes
Pillow raise ``OSError: image file is truncated`` in the second, which Wagtail does not catch:
the upload answered 500. Here that second step's failure is a form error like any other bad
file, and nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises while decoding a damaged file: OSError for a truncated or corrupt stream,
# SyntaxError and ValueError for broken headers and chunks, EOFError for a file ending early.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError)


class CompleteImageField(WagtailImageField):
    """Wagtail's image field, refusing with a message a file that cannot be read to its end."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["damaged_image"] = _(
            "This image file is damaged or incomplete and cannot be read. Save it again from "
            "the original, or choose another file."
        )

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except DECODING_ERRORS as error:
            raise ValidationError(
                self.error_messages["damaged_image"], code="damaged_image"
            ) from error


class StudioImageForm(BaseImageForm):
    """Wagtail's image form with ``CompleteImageField`` for the file, where the form has one
    (the multiple uploader's edit form has none).

    The field is replaced here rather than declared on the class: a declared field would be
    added to every form built from this base, the edit form without a file included.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CompleteImageField):
            self.fields["file"] = CompleteImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                initial=field.initial,
            )

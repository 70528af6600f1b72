"""Forms for writing and reviewing submitted work. They check the input's shape; the services
decide what is allowed and do the writing (photos are judged there, by decoding them)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..services.submissions import MAX_BODY_CHARS, MAX_COMMENT_CHARS
from ..uploads import ACCEPT, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_SUBMISSION

# The raw editor output may be larger than what is kept once it has been cleaned.
MAX_BODY_INPUT_CHARS = 2 * MAX_BODY_CHARS


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Any number of files under one name (a list, possibly empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files if item]


class SubmissionForm(forms.Form):
    """The trainee's text and photos. ``photos`` is the list of existing photos, for captions."""

    body = forms.CharField(
        label=_("Your text"),
        required=False,
        max_length=MAX_BODY_INPUT_CHARS,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 12, "data-rich-editor": "", "aria-describedby": "body-help"}
        ),
    )
    # The rich editor says "html"; the plain text box it replaces sends "text".
    body_format = forms.ChoiceField(
        choices=[("text", "text"), ("html", "html")],
        initial="text",
        required=False,
        widget=forms.HiddenInput(attrs={"data-body-format": ""}),
    )
    new_photos = MultiplePhotoField(label=_("Add photos"))
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.photos = list(photos)
        self.fields["remove_photos"].choices = [(photo.pk, photo.pk) for photo in self.photos]
        for photo in self.photos:
            self.fields[self.caption_field_name(photo)] = forms.CharField(
                label=_("Caption"), max_length=200, required=False, initial=photo.caption
            )

    @staticmethod
    def caption_field_name(photo) -> str:
        return f"caption_{photo.pk}"

    def photo_fields(self):
        """Each existing photo with its caption field and whether it is ticked for removal."""
        ticked = {str(value) for value in (self["remove_photos"].value() or [])}
        return [
            (photo, self[self.caption_field_name(photo)], str(photo.pk) in ticked)
            for photo in self.photos
        ]

    def clean_body_format(self):
        return self.cleaned_data.get("body_format") or "text"

    def clean_new_photos(self):
        photos = self.cleaned_data.get("new_photos") or []
        too_big = [photo.name for photo in photos if photo.size > MAX_PHOTO_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("Too large (at most %(limit)s a photo): %(names)s")
                % {"limit": filesizeformat(MAX_PHOTO_BYTES), "names": "、".join(too_big)}
            )
        return photos

    def clean(self):
        cleaned = super().clean()
        removing = len(cleaned.get("remove_photos") or [])
        total = len(self.photos) - removing + len(cleaned.get("new_photos") or [])
        if total > MAX_PHOTOS_PER_SUBMISSION:
            self.add_error(
                "new_photos",
                _("You can attach at most %(limit)d photos; remove some before adding more.")
                % {"limit": MAX_PHOTOS_PER_SUBMISSION},
            )
        return cleaned

    @property
    def captions(self) -> dict[int, str]:
        return {
            photo.pk: self.cleaned_data.get(self.caption_field_name(photo), "")
            for photo in self.photos
        }


class AutosaveForm(forms.Form):
    """What the editor sends by itself while the trainee writes: the text only."""

    body = forms.CharField(required=False, max_length=MAX_BODY_INPUT_CHARS, strip=False)
    body_format = forms.ChoiceField(choices=[("text", "text"), ("html", "html")])


class ReviewForm(forms.Form):
    ACCEPT = "accept"
    RETURN = "return"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (RETURN, _("Return for changes"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comments for the trainee"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you return the work: say what should change."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what should change before you return the work."))
        return cleaned

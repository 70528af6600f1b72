"""Admin forms for people: the studio's profile fields on Wagtail's user forms, and the roster
upload.

Wagtail's user forms ask for a first and a last name and an email address; the studio's people
are known by one Chinese display name and reached by mobile, so those replace them.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .mobile import mobile_normalise
from .models import Community, mobile_validator
from .roles import roles_needing_community
from .roster import MAX_FILE_BYTES, RosterFileError, roster_read

_PROFILE_FIELDS = {"display_name", "mobile", "community"}
_DROPPED_FIELDS = {"first_name", "last_name"}


class MobileNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [mobile_validator])
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return mobile_normalise(value) if value else value


class _ProfileFieldsMixin(forms.Form):
    display_name = forms.CharField(
        label=_("display name"),
        max_length=50,
        required=True,
        help_text=_("The name shown across the studio, usually the Chinese full name."),
    )
    mobile = MobileNumberField(
        label=_("mobile number"),
        required=False,
        help_text=_("11 digits; spaces, dashes and +86 are removed."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    community = forms.ModelChoiceField(
        label=_("community"), queryset=Community.objects.all(), required=False
    )
    first_name = None
    last_name = None

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None and not for_user.is_superuser and "is_superuser" in self.fields:
            # Only an administrator may make administrators; the office works within roles.
            self.fields["is_superuser"].disabled = True
            self.fields["is_superuser"].help_text = _("Only an administrator can grant this.")

    def clean_mobile(self):
        return self.cleaned_data.get("mobile") or None

    def clean(self):
        cleaned_data = super().clean()
        groups = cleaned_data.get("groups")
        if groups is not None and not cleaned_data.get("community"):
            needing = roles_needing_community(group.name for group in groups)
            if needing:
                self.add_error(
                    "community",
                    _("%(roles)s must belong to a community.")
                    % {"roles": "、".join(str(role.label) for role in needing)},
                )
        return cleaned_data


class StudioUserCreationForm(_ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields - _DROPPED_FIELDS) | _PROFILE_FIELDS


class StudioUserEditForm(_ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields - _DROPPED_FIELDS) | _PROFILE_FIELDS


class BranchForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        community = cleaned_data.get("community")
        compounds = cleaned_data.get("compounds")
        if community and compounds:
            elsewhere = [
                compound for compound in compounds if compound.community_id != community.pk
            ]
            if elsewhere:
                self.add_error(
                    "compounds",
                    _("These compounds are in another community: %(names)s.")
                    % {"names": "、".join(str(compound) for compound in elsewhere)},
                )
        return cleaned_data


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("An Excel workbook (.xlsx) in the template's format."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB. Split the roster into smaller files.")
                % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _(
                    "Upload an Excel workbook ending in .xlsx; "
                    "save .xls or .csv files as .xlsx first."
                )
            )
        try:
            self.cleaned_data["sheet"] = roster_read(upload.read())
        except RosterFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class StudioAuthenticationForm(AuthenticationForm):
    """The login form with "remember me": on a shared phone the session must end with the
    browser unless the person asks otherwise."""

    remember_me = forms.BooleanField(
        label=_("Remember me on this device"),
        required=False,
        initial=False,
        help_text=_("Leave this unticked on a shared or borrowed phone."),
    )


class ProfileForm(forms.Form):
    """What a person may change about themselves; the service validates and saves."""

    display_name = forms.CharField(label=_("display name"), max_length=50)
    mobile = forms.CharField(
        label=_("mobile number"),
        required=False,
        max_length=30,
        help_text=_("11 digits; spaces, dashes and +86 are removed."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Password reset links are sent here."),
    )
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)

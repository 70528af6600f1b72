"""Wagtail admin for people: the user admin with the studio's profile fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .models import Community, mobile_validator

_PROFILE_FIELDS = ("display_name", "mobile", "community")


class _ProfileFieldsMixin(forms.Form):
    display_name = forms.CharField(label=_("display name"), max_length=50, required=True)
    mobile = forms.CharField(
        label=_("mobile number"), max_length=11, required=False, validators=[mobile_validator]
    )
    community = forms.ModelChoiceField(
        label=_("community"), queryset=Community.objects.all(), required=False
    )

    def clean_mobile(self):
        return self.cleaned_data.get("mobile") or None


class StudioUserCreationForm(_ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(_PROFILE_FIELDS)


class StudioUserEditForm(_ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(_PROFILE_FIELDS)


class StudioUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return StudioUserEditForm if for_update else StudioUserCreationForm

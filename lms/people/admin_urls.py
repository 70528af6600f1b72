"""Admin URLs of the roster import; mounted under /admin/ by ``wagtail_hooks``."""

from django.urls import path

from .views.roster import RosterConfirmView, RosterTemplateView, RosterUploadView

app_name = "people_roster"

urlpatterns = [
    path("", RosterUploadView.as_view(), name="upload"),
    path("confirm/", RosterConfirmView.as_view(), name="confirm"),
    path("template.xlsx", RosterTemplateView.as_view(), name="template"),
]

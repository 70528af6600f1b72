"""QR sign-in (扫码签到): the staff screen and its feed, the scan, the code, marking by hand."""

from django.urls import path

from ..views import signin

urlpatterns = [
    path("screen/<id:activity_id>/", signin.screen, name="signin-screen"),
    path("screen/<id:activity_id>/state/", signin.screen_state, name="signin-screen-state"),
    path("screen/<id:activity_id>/mark/", signin.mark, name="signin-mark"),
    path("scan/<str:token>/", signin.scan, name="signin-scan"),
    path("code/", signin.code, name="signin-code"),
]

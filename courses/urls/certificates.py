"""Certificates: the public verification page, downloads for their owners, revoking."""

from django.urls import path, re_path

from ..views import certificates

urlpatterns = [
    path("", certificates.certificate_list, name="certificate-list"),
    path("verify/<str:verification_code>/", certificates.verify, name="certificate-verify"),
    path("<id:pk>/revoke/", certificates.revoke, name="certificate-revoke"),
    re_path(
        r"^(?P<pk>[0-9]{1,18})/(?P<fmt>png|pdf)/$",
        certificates.download,
        name="certificate-download",
    ),
]

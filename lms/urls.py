from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.api import api as studio_api

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("lms.people.urls")),
    path("learn/", include("courses.urls")),
    path("me/", include("cms.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("api/", studio_api.urls),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Public uploads only: trainees' files under media/private are served by checked views.
    urlpatterns += [
        re_path(r"^media/(?!private/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]

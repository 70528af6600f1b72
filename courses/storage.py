"""Where trainees' own files live: photos of their work and their certificates.

They sit under ``MEDIA_ROOT/private``, which no URL serves: every download goes through a view
that checks who is asking. A deployment's web server must not serve that folder either.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

PRIVATE_DIRECTORY = "private"


class PrivateMediaStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, PRIVATE_DIRECTORY)

    @cached_property
    def base_url(self):
        return None  # never a public URL

    def url(self, name):
        raise ValueError("Private files are served through an access-checked view.")


_storage = PrivateMediaStorage()


def private_storage():
    return _storage

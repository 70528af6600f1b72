"""Images and documents for curriculum tests, kept in the root collection.

wagtail-factories would make a new root collection for every image; the admin expects one.
"""

import wagtail_factories
from wagtail.models import Collection


def image(**kwargs):
    kwargs.setdefault("collection", Collection.get_first_root_node())
    return wagtail_factories.ImageFactory(**kwargs)


def document(**kwargs):
    kwargs.setdefault("collection", Collection.get_first_root_node())
    return wagtail_factories.DocumentFactory(**kwargs)

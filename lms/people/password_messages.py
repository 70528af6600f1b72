"""Wording of Django's password validators that its own Chinese catalogue lacks.

Django 5.2 reworded the too-short message (``%d`` instead of ``%(min_length)d``) and its
zh_Hans catalogue still translates only the old wording, so Chinese users were told in English
that their password was too short. Marking the new wording here puts it in the studio's
catalogue (``locale/``), which Django consults before its own.
"""

from django.utils.translation import ngettext_lazy

TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)

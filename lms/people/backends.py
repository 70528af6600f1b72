"""Django's model backend, minus the studio's named permissions.

``user.has_perm(name)`` asks every backend until one says yes. The office's named permissions
(``courses.credit_hours``…) are ``rules`` permissions decided by role (``lms.people.rules``);
no ``Permission`` row carries those names, so Django's model backend could never grant one. It
would still load the user's and their groups' permissions to find that out: two queries per
user on every page that asks a denied question. Names ``rules`` knows are left to ``rules``.
"""

import rules
from django.contrib.auth.backends import ModelBackend


class StudioModelBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)

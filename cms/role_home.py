"""Each role's home: where a person lands after logging in and what the site header offers.

A trainee's home is My learning, a mentor's the mentor desk, a host secretary's the shadowing
rotations, the office's the admin. Someone holding several roles lands on the first of them in
that order, since the trainee's and the mentor's pages link on to the rest. The decision reads
only the user's roles (one query, cached on the user), so the header can ask on every page.
"""

from dataclasses import dataclass

from django.urls import reverse

from lms.people.roles import HOST_SECRETARY, MENTOR, TRAINEE, is_office, user_roles


@dataclass(frozen=True)
class Homes:
    """What a user's roles give them in the studio's own pages."""

    trainee: bool
    mentor: bool
    host: bool
    office: bool

    @property
    def url(self) -> str:
        if self.trainee:
            return reverse("cms:my-learning")
        if self.mentor:
            return reverse("mentoring:desk")
        if self.host:
            return reverse("mentoring:rotation-list")
        if self.office:
            return reverse("wagtailadmin_home")
        return reverse("cms:my-learning")  # no studio role yet: an empty My learning explains

    @property
    def has_my_learning(self) -> bool:
        """My learning is the trainee's page; people without any role see it empty."""
        return self.trainee or not (self.mentor or self.host or self.office)


def homes_for(user) -> Homes:
    if not getattr(user, "is_authenticated", False):
        return Homes(False, False, False, False)
    roles = user_roles(user)
    return Homes(
        trainee=TRAINEE.code in roles,
        mentor=MENTOR.code in roles,
        host=HOST_SECRETARY.code in roles,
        office=is_office(user),
    )


def home_url_for(user) -> str:
    return homes_for(user).url

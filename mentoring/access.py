"""Who is asking: the roles a user holds, read once per request."""

from dataclasses import dataclass

from lms.people.roles import HOST_SECRETARY, MENTOR, OVERSEE_MENTORING, TRAINEE, group_names


@dataclass(frozen=True)
class Viewer:
    user: object
    # Sees every trainee's mentoring records as the office does: the holders of
    # ``mentoring.oversee`` (the office administrator), not every office role.
    office: bool
    mentor: bool
    host: bool
    trainee: bool

    @property
    def pk(self):
        return self.user.pk


def viewer_for(user) -> Viewer:
    """The user's studio roles; anonymous users hold none."""
    if not getattr(user, "is_authenticated", False):
        return Viewer(user, False, False, False, False)
    names = group_names(user)
    return Viewer(
        user=user,
        office=user.has_perm(OVERSEE_MENTORING),
        mentor=MENTOR.group_name in names,
        host=HOST_SECRETARY.group_name in names,
        trainee=TRAINEE.group_name in names,
    )


def is_current_mentor(user, trainee_id, on=None) -> bool:
    """Whether ``user`` mentors the trainee (primary or cross) on ``on`` (today by default)."""
    from .models import MentorAssignment, current_assignment_q

    if not getattr(user, "is_authenticated", False) or trainee_id is None:
        return False
    return MentorAssignment.objects.filter(
        current_assignment_q(on), mentor_id=user.pk, trainee_id=trainee_id
    ).exists()

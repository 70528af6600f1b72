"""Who may see a dossier's status and download its file. Views ask here, so pages agree.

The dossier gathers a trainee's whole record for the promotion review, so it goes to the two
parties of that review: the office, which asks for it, and the trainee's current primary mentor,
who signs off readiness and speaks for the trainee. A cross mentor or a host sees only their
part of the record, page by page. The trainee themselves reads every piece of it on their own
pages already (their courses, hours, coaching summaries, rotations, evaluations of them and
their readiness); the compiled document is the office's working paper, so handing it over is
left to the office rather than given by the site.
"""

from django.db.models import Exists, OuterRef

from lms.people.roles import VIEW_DOSSIER

from ..access import viewer_for
from ..models import Dossier, MentorAssignment, current_assignment_q


def dossiers_downloadable_by(user):
    """Dossiers whose file the user may download: every one for the office, those of the
    trainees the user is the current primary mentor of, none for anyone else."""
    viewer = viewer_for(user)
    dossiers = Dossier.objects.select_related("trainee")
    if user.has_perm(VIEW_DOSSIER):
        return dossiers
    if not viewer.mentor:
        return dossiers.none()
    primary_now = MentorAssignment.objects.filter(
        current_assignment_q(),
        mentor_id=user.pk,
        trainee_id=OuterRef("trainee_id"),
        kind=MentorAssignment.Kind.PRIMARY,
    )
    return dossiers.filter(Exists(primary_now))


def dossier_for(*, viewer, trainee) -> Dossier | None:
    """The trainee's dossier (any status) for the office; ``None`` for anyone else."""
    if not viewer.has_perm(VIEW_DOSSIER):
        return None
    return Dossier.objects.filter(trainee=trainee).select_related("generated_by").first()

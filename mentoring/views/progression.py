"""A trainee's readiness for the next stage, and the current mentor's sign-off.

The page is for the trainee themselves, the mentors who mentor them today and the office;
anyone else is told "not found" (``readiness_subject_for`` decides), so the page does not reveal
who is a trainee. Thin: selectors read, ``signoff_record`` / ``signoff_withdraw`` write, and
every refusal comes back as a message.

``evidence_rows`` is shared with the office's case page in the admin: it turns criterion results
(live ones, or the snapshot kept on a promotion case) into rows with links to the evidence,
wherever the evidence has a page.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from courses.certificates.selectors import certificates_visible_to

from ..access import is_current_mentor
from ..selectors import (
    promotion_cases_visible_to,
    readiness_for,
    readiness_subject_for,
    signoff_standing,
    stage_history_for,
)
from ..services.progression import signoff_record, signoff_withdraw

MAX_SIGNOFF_CHARS = 2000

# Evidence kinds with a page on the site: URL names, and whether the page takes the record's id
# or the trainee's. The first name that exists is used, so a kind gains its link as soon as its
# page is added; until then it has no link.
EVIDENCE_ROUTES = {
    "rotation": (("mentoring:rotation-detail",), "record"),
    "evaluation": (("mentoring:evaluation-detail", "mentoring:evaluation-trainee"), "trainee"),
    "project": (("mentoring:project-detail",), "record"),
}
PAGE_KINDS = ("course", "quiz")


@dataclass(frozen=True)
class EvidenceLink:
    kind: str
    label: str
    url: str | None = None
    certificate_url: str | None = None


@dataclass(frozen=True)
class CriterionRow:
    description: str
    met: bool
    text: str
    evidence: tuple[EvidenceLink, ...]


def _reverse_first(names, *args) -> str | None:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def _plain(results) -> list[tuple[str, bool, str, list[tuple[str, int | None, str]]]]:
    """Live ``CriterionResult`` objects or a case's JSON snapshot, as plain tuples."""
    rows = []
    for result in results:
        if isinstance(result, dict):
            items = [(e["kind"], e.get("id"), e["label"]) for e in result.get("evidence", [])]
            rows.append((result["description"], result["met"], result["text"], items))
        else:
            items = [(e.kind, e.pk, e.label) for e in result.evidence]
            rows.append((result.criterion.describe(), result.met, result.text, items))
    return rows


def evidence_rows(*, request, trainee, results) -> list[CriterionRow]:
    """Each criterion with its evidence linked where the evidence has a page: course and quiz
    pages (and the certificate of a completed course, if the viewer may see it), rotations and
    evaluations once their pages exist. Two queries however many criteria and items."""
    plain = _plain(results)
    page_ids = {pk for *_, items in plain for kind, pk, _label in items if kind in PAGE_KINDS}
    course_ids = {pk for *_, items in plain for kind, pk, _label in items if kind == "course"}
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids)}
    certificates = {}
    if course_ids:
        for certificate in certificates_visible_to(request.user).filter(
            trainee_id=trainee.pk, course_id__in=course_ids, revoked_at__isnull=True
        ):
            certificates[certificate.course_id] = reverse(
                "courses:certificate-verify", args=[certificate.verification_code]
            )
    rows = []
    for description, met, text, items in plain:
        links = []
        for kind, pk, label in items:
            if label == text:  # e.g. the hours counted: the result already says it
                continue
            url = None
            if kind in PAGE_KINDS and pk in pages:
                url = pages[pk].get_url(request)
            elif kind in EVIDENCE_ROUTES and pk is not None:
                names, by = EVIDENCE_ROUTES[kind]
                url = _reverse_first(names, pk if by == "record" else trainee.pk)
            certificate = certificates.get(pk) if kind == "course" else None
            links.append(EvidenceLink(kind, label, url, certificate))
        rows.append(CriterionRow(description, met, text, tuple(links)))
    return rows


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Why is the trainee ready?"),
        max_length=MAX_SIGNOFF_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The office reads this when it considers a nomination."),
    )


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def readiness(request, trainee_id: int):
    trainee = readiness_subject_for(viewer=request.user, trainee_id=trainee_id)
    if trainee is None:
        raise Http404
    current = readiness_for(trainee)
    can_sign = is_current_mentor(request.user, trainee.pk) and current.next_stage is not None
    standing = (
        signoff_standing(mentor=request.user, trainee=trainee, to_stage=current.next_stage)
        if can_sign
        else None
    )
    form_shown = can_sign and standing is None
    form = SignOffForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                if standing is None:
                    messages.error(request, _("You have no standing sign-off to withdraw."))
                else:
                    signoff_withdraw(actor=request.user, signoff=standing)
                    messages.success(request, _("Your sign-off is withdrawn."))
                return redirect(request.path)
            form = SignOffForm(request.POST)
            # Without the form on the page (not a current mentor, the last stage, already
            # signed), the service's refusal says why better than a field error could.
            if not form_shown or form.is_valid():
                comment = request.POST.get("comment", "")
                if form_shown:
                    comment = form.cleaned_data["comment"]
                signoff_record(actor=request.user, trainee=trainee, comment=comment)
                messages.success(
                    request,
                    _("You signed off %(name)s as ready for “%(stage)s”.")
                    % {"name": trainee, "stage": current.next_stage},
                )
                return redirect(request.path)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You may not do this."))
            return redirect(request.path)
        except ValidationError as refusal:
            if not form_shown:
                messages.error(request, _refusal_text(refusal))
                return redirect(request.path)
            form.add_error("comment", _refusal_text(refusal))
    own = request.user.pk == trainee.pk
    return render(
        request,
        "mentoring/progression/readiness.html",
        {
            "trainee": trainee,
            "own": own,
            "readiness": current,
            "rows": evidence_rows(request=request, trainee=trainee, results=current.results),
            "met_count": len(current.results) - len(current.unmet),
            "can_sign": can_sign,
            "standing": standing,
            "form": form,
            "case": promotion_cases_visible_to(request.user).filter(trainee=trainee).first(),
            "history": list(stage_history_for(viewer=request.user, trainee=trainee)),
        },
    )

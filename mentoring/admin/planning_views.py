"""The office's planning pages in the Wagtail admin: mentor matching and rotation plans for a
cohort, each proposed, reviewed row by row, then confirmed or discarded.

Thin views: forms check the input, the services propose, change, confirm and discard (and
decide who may), the selectors read. A refusal becomes a message on the same page; when no
matching or no plan fits, the page says which constraint binds and why.
"""

from collections import Counter, defaultdict

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.selectors import cohort_members, cohorts_visible_to
from lms.people.roles import PLAN_MENTORING

from .. import selectors, services
from ..exceptions import NoMatchingFits, NoPlanFits
from ..models import MatchingProposal, RotationPlan
from .forms_planning import (
    MatchingProposeForm,
    MatchingRowForm,
    PlanConfirmForm,
    PlanRowForm,
    RotationPlanForm,
    host_pool,
)

# What each constraint a planner names is called on the page.
BINDING_LABELS = {
    "capacity": gettext_lazy("Mentors' capacity"),
    "cross_rule": gettext_lazy("Cross-mentoring rule: a cross mentor from another community"),
    "two_mentors": gettext_lazy("Two different mentors per trainee"),
    "no_mentor": gettext_lazy("No mentor available"),
    "no_community": gettext_lazy("A trainee belongs to no community"),
    "period": gettext_lazy("Length of the period"),
    "trainee_busy": gettext_lazy("Rotations the trainees already have"),
    "communities": gettext_lazy("Too few other communities with a host"),
    "demand": gettext_lazy("Rotations each trainee needs"),
    "distinct_communities": gettext_lazy("A different community for each rotation"),
    "host_capacity": gettext_lazy("Host secretaries' capacity"),
    "time_limit": gettext_lazy("The planner's time limit"),
}


def binding_labels(refusal) -> list[str]:
    """The constraints that bind, in the order the planner reported them."""
    codes = list(dict.fromkeys(problem.code for problem in refusal.problems))
    return [str(BINDING_LABELS.get(code, code)) for code in codes]


def _refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class PlanningView(WagtailAdminTemplateMixin, TemplateView):
    """The office only; anyone else with admin access is refused."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PLAN_MENTORING):
            raise PermissionDenied
        self.prepare(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        """Load the view's records once the viewer is known to be the office."""

    def get_context_data(self, **kwargs):
        """Adds ``media``: the scripts and styles of the page's forms (Wagtail's date picker),
        which the planning pages' frame loads in the head, before the fields that use them."""
        context = super().get_context_data(**kwargs)
        media = forms.Media()
        for value in context.values():
            if isinstance(value, forms.BaseForm):
                media += value.media
        context["media"] = media
        return context

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("mentoring_planning:cohorts"),
                "label": _("Mentor matching and rotation plans"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class _CohortMixin:
    def prepare(self, **kwargs):
        self.cohort = get_object_or_404(
            cohorts_visible_to(self.request.user).select_related("programme"),
            pk=kwargs["cohort_id"],
        )


# Cohorts --------------------------------------------------------------------------------------


class CohortListView(PlanningView):
    """Every cohort, with its open proposals and plans and the actions to start new ones."""

    page_title = gettext_lazy("Mentor matching and rotation plans")
    template_name = "mentoring/admin/planning/cohort_list.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        cohorts = list(
            cohorts_visible_to(user)
            .select_related("programme", "head_mentor")
            .annotate(member_count=Count("memberships"))
            .order_by("programme__title", "name")
        )
        proposals, plans = defaultdict(list), defaultdict(list)
        for proposal in selectors.matching_proposals_visible_to(user).prefetch_related(None):
            proposals[proposal.cohort_id].append(proposal)
        for plan in selectors.rotation_plans_visible_to(user).prefetch_related(None):
            plans[plan.cohort_id].append(plan)
        rows = [
            {
                "cohort": cohort,
                "open_proposals": [
                    p for p in proposals[cohort.pk] if p.status == MatchingProposal.Status.PROPOSED
                ],
                "last_proposal": next(iter(proposals[cohort.pk]), None),
                "open_plans": [
                    p for p in plans[cohort.pk] if p.status == RotationPlan.Status.PROPOSED
                ],
                "last_plan": next(iter(plans[cohort.pk]), None),
            }
            for cohort in cohorts
        ]
        return super().get_context_data(rows=rows, **kwargs)


# Matching -------------------------------------------------------------------------------------


class MatchingProposeView(_CohortMixin, PlanningView):
    """Ask for a proposed matching of the cohort's trainees with mentors."""

    template_name = "mentoring/admin/planning/matching_propose.html"

    def get_page_title(self):
        return _("Propose mentor matching: %(cohort)s") % {"cohort": self.cohort.name}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", MatchingProposeForm())
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def post(self, request, *args, **kwargs):
        form = MatchingProposeForm(request.POST)
        context = {"form": form}
        if form.is_valid():
            if not cohort_members(actor=request.user, cohort=self.cohort):
                messages.error(request, _("This cohort has no trainees yet."))
                return self.render_to_response(self.get_context_data(**context))
            try:
                proposal = services.assignment_propose_for_cohort(
                    actor=request.user,
                    cohort=self.cohort,
                    starts_on=form.cleaned_data["starts_on"],
                    include_cross=form.cleaned_data["include_cross"],
                )
            except NoMatchingFits as refusal:
                messages.error(request, _("No matching fits. Nothing was proposed."))
                context.update(problems=refusal.problems, binding=binding_labels(refusal))
            except ValidationError as refusal:
                messages.error(request, _refusal_text(refusal))
            else:
                messages.success(request, _("A matching is proposed; review it, then confirm."))
                return redirect("mentoring_planning:matching", proposal_id=proposal.pk)
        return self.render_to_response(self.get_context_data(**context))


class _ProposalMixin:
    def prepare(self, **kwargs):
        self.proposal = get_object_or_404(
            selectors.matching_proposals_visible_to(self.request.user)
            .select_related("cohort", "created_by", "decided_by")
            .prefetch_related(None),
            pk=kwargs["proposal_id"],
        )

    def back(self):
        return redirect("mentoring_planning:matching", proposal_id=self.proposal.pk)


def _mentor_pool(user, proposal, rows):
    """Mentor profiles with ``load`` (the places taken from the proposal's start, as the
    capacity rule counts them) and ``proposed`` (places these rows would add): every profile
    taking trainees, and any other mentor the rows name.

    Only an open proposal adds places: once confirmed its rows are assignments, already in
    ``load``, and a discarded one assigned nobody.
    """
    named = {m.pk for r in rows for m in (r.primary_mentor, r.cross_mentor) if m is not None}
    proposed = Counter()
    if proposal.status == MatchingProposal.Status.PROPOSED:
        proposed.update(
            m.pk for r in rows for m in (r.primary_mentor, r.cross_mentor) if m is not None
        )
    loads = selectors.mentor_loads(viewer=user, places_from=proposal.starts_on)
    pool = [p for p in loads if p.is_active or p.user_id in named]
    for profile in pool:
        profile.proposed = proposed[profile.user_id]
        profile.total = profile.load + profile.proposed
        profile.over = profile.total > profile.capacity
    return pool


class MatchingProposalView(_ProposalMixin, PlanningView):
    """The proposed matching: each trainee's mentors, each mentor's load against capacity."""

    template_name = "mentoring/admin/planning/matching_proposal.html"

    def get_page_title(self):
        return _("Mentor matching: %(cohort)s") % {"cohort": self.proposal.cohort.name}

    def get_context_data(self, **kwargs):
        user, proposal = self.request.user, self.proposal
        rows = list(
            proposal.rows.select_related(
                "trainee__community",
                "primary_mentor__community",
                "cross_mentor__community",
            ).order_by("trainee__display_name", "trainee__username")
        )
        pool = _mentor_pool(user, proposal, rows)
        current = defaultdict(list)
        for assignment in selectors.assignments_visible_to(user).filter(
            is_current=True, trainee_id__in=[r.trainee_id for r in rows]
        ):
            current[assignment.trainee_id].append(assignment)
        is_open = proposal.status == MatchingProposal.Status.PROPOSED
        lines = [
            {
                "row": row,
                "current": current[row.trainee_id],
                "form": MatchingRowForm(
                    row=row, mentors=pool, current=current[row.trainee_id], prefix=f"row-{row.pk}"
                )
                if is_open
                else None,
            }
            for row in rows
        ]
        return super().get_context_data(
            proposal=proposal,
            lines=lines,
            mentors=pool,
            is_open=is_open,
            **kwargs,
        )


class MatchingRowChangeView(_ProposalMixin, PlanningView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        row = get_object_or_404(
            self.proposal.rows.select_related("trainee", "primary_mentor", "cross_mentor"),
            pk=kwargs["row_id"],
        )
        form = MatchingRowForm(
            request.POST,
            row=row,
            mentors=_mentor_pool(request.user, self.proposal, [row]),
            current=list(selectors.current_mentors_of(row.trainee)),
            prefix=f"row-{row.pk}",
        )
        if not form.is_valid():
            messages.error(
                request,
                _("%(trainee)s: choose among the mentors offered.") % {"trainee": row.trainee},
            )
            return self.back()
        try:
            services.proposal_change_row(
                actor=request.user,
                row=row,
                primary_mentor=form.cleaned_data["primary_mentor"],
                cross_mentor=form.cleaned_data["cross_mentor"],
            )
        except ValidationError as refusal:
            messages.error(
                request,
                _("%(trainee)s: %(reason)s")
                % {"trainee": row.trainee, "reason": _refusal_text(refusal)},
            )
        else:
            messages.success(
                request, _("The mentors of %(trainee)s are changed.") % {"trainee": row.trainee}
            )
        return self.back()


class MatchingConfirmView(_ProposalMixin, PlanningView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            created = services.proposal_confirm(actor=request.user, proposal=self.proposal)
        except ValidationError as refusal:
            messages.error(request, _refusal_text(refusal))
        else:
            messages.success(
                request,
                ngettext(
                    "The matching is confirmed: %(count)d mentor assignment is made.",
                    "The matching is confirmed: %(count)d mentor assignments are made.",
                    len(created),
                )
                % {"count": len(created)},
            )
        return self.back()


class MatchingDiscardView(_ProposalMixin, PlanningView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.proposal_discard(actor=request.user, proposal=self.proposal)
        except ValidationError as refusal:
            messages.error(request, _refusal_text(refusal))
            return self.back()
        messages.success(request, _("The proposed matching is discarded; nobody was assigned."))
        return redirect("mentoring_planning:cohorts")


# Rotation plans -------------------------------------------------------------------------------


class RotationPlanProposeView(_CohortMixin, PlanningView):
    """Ask for a rotation plan: K rotations per trainee in a period, within host capacities."""

    template_name = "mentoring/admin/planning/rotation_propose.html"

    def get_page_title(self):
        return _("Plan rotations: %(cohort)s") % {"cohort": self.cohort.name}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RotationPlanForm())
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def post(self, request, *args, **kwargs):
        form = RotationPlanForm(request.POST)
        context = {"form": form}
        if form.is_valid():
            data = form.cleaned_data
            if not cohort_members(actor=request.user, cohort=self.cohort):
                messages.error(request, _("This cohort has no trainees yet."))
                return self.render_to_response(self.get_context_data(**context))
            try:
                plan = services.rotation_plan_propose(
                    actor=request.user,
                    cohort=self.cohort,
                    k=data["k"],
                    start=data["starts_on"],
                    end=data["ends_on"],
                    weeks_per_rotation=data["weeks_per_rotation"],
                )
            except NoPlanFits as refusal:
                messages.error(request, _("No rotation plan fits. Nothing was proposed."))
                context.update(problems=refusal.problems, binding=binding_labels(refusal))
            except ValidationError as refusal:
                form.add_error(None, _refusal_text(refusal))
            else:
                messages.success(
                    request, _("A rotation plan is proposed; review it, then confirm.")
                )
                return redirect("mentoring_planning:plan", plan_id=plan.pk)
        return self.render_to_response(self.get_context_data(**context))


class _PlanMixin:
    def prepare(self, **kwargs):
        self.plan = get_object_or_404(
            selectors.rotation_plans_visible_to(self.request.user)
            .select_related("cohort", "created_by", "decided_by")
            .prefetch_related(None),
            pk=kwargs["plan_id"],
        )

    def back(self):
        return redirect("mentoring_planning:plan", plan_id=self.plan.pk)


def _host_loads(rows, hosts):
    """Per host, per period of the plan: trainees planned against the host's capacity."""
    periods = sorted({(r.starts_on, r.ends_on) for r in rows})
    planned = Counter((r.host_id, r.starts_on) for r in rows)
    capacity = {h.user_id: h.capacity for h in hosts}
    named = {r.host_id: r.host for r in rows}
    people = [(h.user, h.capacity) for h in hosts if h.user_id in named] + [
        (host, None) for pk, host in named.items() if pk not in capacity
    ]
    return periods, [
        {
            "host": host,
            "capacity": cap,
            "cells": [
                {
                    "count": planned[(host.pk, start)],
                    "over": cap is not None and planned[(host.pk, start)] > cap,
                }
                for start, _end in periods
            ],
        }
        for host, cap in people
    ]


class RotationPlanView(_PlanMixin, PlanningView):
    """The proposed plan: each trainee's rotations (community, host, period)."""

    template_name = "mentoring/admin/planning/rotation_plan.html"

    def get_page_title(self):
        return _("Rotation plan: %(cohort)s") % {"cohort": self.plan.cohort.name}

    def get_context_data(self, **kwargs):
        plan = self.plan
        rows = list(
            plan.rows.select_related(
                "trainee__community", "host__community", "host_community"
            ).order_by("trainee__display_name", "trainee__username", "starts_on")
        )
        is_open = plan.status == RotationPlan.Status.PROPOSED
        hosts = host_pool()
        trainees = []
        for row in rows:
            if not trainees or trainees[-1]["trainee"].pk != row.trainee_id:
                trainees.append({"trainee": row.trainee, "lines": []})
            trainees[-1]["lines"].append(
                {
                    "row": row,
                    "form": PlanRowForm(row=row, hosts=hosts, prefix=f"row-{row.pk}")
                    if is_open
                    else None,
                }
            )
        periods, loads = _host_loads(rows, hosts)
        kwargs.setdefault("confirm_form", PlanConfirmForm())
        return super().get_context_data(
            plan=plan,
            trainees=trainees,
            periods=periods,
            loads=loads,
            is_open=is_open,
            **kwargs,
        )


class RotationPlanRowChangeView(_PlanMixin, PlanningView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        row = get_object_or_404(
            self.plan.rows.select_related("trainee", "host"), pk=kwargs["row_id"]
        )
        form = PlanRowForm(request.POST, row=row, hosts=host_pool(), prefix=f"row-{row.pk}")
        if not form.is_valid():
            messages.error(
                request,
                _("%(trainee)s: choose among the host secretaries offered.")
                % {"trainee": row.trainee},
            )
            return self.back()
        try:
            services.rotation_plan_change_row(
                actor=request.user, row=row, host=form.cleaned_data["host"]
            )
        except ValidationError as refusal:
            messages.error(
                request,
                _("%(trainee)s: %(reason)s")
                % {"trainee": row.trainee, "reason": _refusal_text(refusal)},
            )
        else:
            messages.success(
                request,
                _("%(trainee)s now goes to %(host)s from %(start)s.")
                % {
                    "trainee": row.trainee,
                    "host": form.cleaned_data["host"],
                    "start": row.starts_on,
                },
            )
        return self.back()


class RotationPlanConfirmView(RotationPlanView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PlanConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("State the rotations' objectives to confirm the plan."))
            return self.render_to_response(self.get_context_data(confirm_form=form))
        try:
            created = services.rotation_plan_confirm(
                actor=request.user, plan=self.plan, objectives=form.cleaned_data["objectives"]
            )
        except ValidationError as refusal:
            messages.error(request, _refusal_text(refusal))
            return self.render_to_response(self.get_context_data(confirm_form=form))
        messages.success(
            request,
            ngettext(
                "The plan is confirmed: %(count)d rotation is scheduled.",
                "The plan is confirmed: %(count)d rotations are scheduled.",
                len(created),
            )
            % {"count": len(created)},
        )
        return self.back()


class RotationPlanDiscardView(_PlanMixin, PlanningView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.rotation_plan_discard(actor=request.user, plan=self.plan)
        except ValidationError as refusal:
            messages.error(request, _refusal_text(refusal))
            return self.back()
        messages.success(request, _("The rotation plan is discarded; nothing was scheduled."))
        return redirect("mentoring_planning:cohorts")

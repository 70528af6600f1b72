"""Criteria for each step up, each evaluating itself against the trainee's evidence.

``Criterion.evaluate(trainee_id, evidence)`` answers met or unmet with the evidence it used.
``evidence`` is a ``mentoring.readiness.Evidence``: it loads each kind of evidence once for all
the trainees being assessed, so assessing sixty trainees costs the same number of queries as
assessing three.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from polymorphic.models import PolymorphicModel

from .evaluations import Evaluation


@dataclass(frozen=True)
class EvidenceItem:
    """A record that counts towards (or is missing from) a criterion."""

    kind: str  # course, hours, quiz, rotation, evaluation, signoff, project, branch
    pk: int | None
    label: str


@dataclass(frozen=True)
class CriterionResult:
    criterion: "Criterion"
    met: bool
    text: str
    evidence: tuple[EvidenceItem, ...] = field(default=())

    def as_json(self) -> dict:
        return {
            "criterion": self.criterion.pk,
            "description": self.criterion.describe(),
            "met": self.met,
            "text": self.text,
            "evidence": [
                {"kind": item.kind, "id": item.pk, "label": item.label} for item in self.evidence
            ],
        }


class Criterion(PolymorphicModel):
    """One condition for the step up into ``to_stage``."""

    to_stage = models.ForeignKey(
        "mentoring.Stage",
        verbose_name=_("for the step into"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("promotion criterion")
        verbose_name_plural = _("promotion criteria")
        ordering = ["to_stage__order", "sort_order", "id"]

    def __str__(self):
        return self.describe()

    def describe(self) -> str:
        """What the criterion asks, in the active language."""
        raise NotImplementedError

    def evaluate(self, trainee_id: int, evidence) -> CriterionResult:
        raise NotImplementedError

    def _result(self, met, text, evidence=()) -> CriterionResult:
        return CriterionResult(criterion=self, met=bool(met), text=text, evidence=tuple(evidence))


class CoursesCompletedCriterion(Criterion):
    courses = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("courses"), related_name="+"
    )

    class Meta:
        verbose_name = _("courses completed")
        verbose_name_plural = _("courses completed")

    @cached_property
    def _titles(self) -> dict[int, str]:
        return dict(self.courses.order_by("path").values_list("pk", "title"))

    def describe(self):
        return gettext("Complete the courses: %(titles)s") % {
            "titles": "、".join(self._titles.values())
        }

    def evaluate(self, trainee_id, evidence):
        done = evidence.completed_course_ids(trainee_id)
        have = [EvidenceItem("course", pk, t) for pk, t in self._titles.items() if pk in done]
        missing = [t for pk, t in self._titles.items() if pk not in done]
        if not missing:
            return self._result(
                True, gettext("All %(n)d courses completed.") % {"n": len(have)}, have
            )
        return self._result(
            False, gettext("Not yet completed: %(titles)s") % {"titles": "、".join(missing)}, have
        )


class LearningHoursCriterion(Criterion):
    hours = models.DecimalField(_("learning hours"), max_digits=5, decimal_places=1)
    within_days = models.PositiveSmallIntegerField(
        _("within the last (days)"), default=365, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("learning hours in a period")
        verbose_name_plural = _("learning hours in a period")

    def describe(self):
        return gettext(
            "At least %(hours)s learning hours in the last %(days)d days: this step's own "
            "requirement, separate from the annual hours target"
        ) % {
            "hours": self.hours,
            "days": self.within_days,
        }

    def evaluate(self, trainee_id, evidence):
        start = evidence.today - datetime.timedelta(days=self.within_days - 1)
        earned = evidence.hours_between(trainee_id, start, evidence.today)
        text = gettext("%(earned)s of %(hours)s hours from %(start)s to %(end)s") % {
            "earned": earned,
            "hours": self.hours,
            "start": start.isoformat(),
            "end": evidence.today.isoformat(),
        }
        return self._result(earned >= self.hours, text, [EvidenceItem("hours", None, text)])


class RotationsCompletedCriterion(Criterion):
    count = models.PositiveSmallIntegerField(_("rotations"), default=1)

    class Meta:
        verbose_name = _("shadowing rotations completed")
        verbose_name_plural = _("shadowing rotations completed")

    def describe(self):
        return ngettext(
            "Complete %(n)d shadowing rotation", "Complete %(n)d shadowing rotations", self.count
        ) % {"n": self.count}

    def evaluate(self, trainee_id, evidence):
        done = [EvidenceItem("rotation", pk, label) for pk, label in evidence.rotations(trainee_id)]
        text = gettext("%(done)d of %(n)d rotations completed") % {
            "done": len(done),
            "n": self.count,
        }
        return self._result(len(done) >= self.count, text, done)


class EvaluationAverageCriterion(Criterion):
    rubric = models.ForeignKey(
        "mentoring.Rubric", verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("evaluations by"),
        max_length=10,
        choices=Evaluation.Kind,
        blank=True,
        help_text=_("Leave empty to count every kind of evaluation."),
    )
    minimum = models.DecimalField(_("average at least"), max_digits=4, decimal_places=2)
    minimum_count = models.PositiveSmallIntegerField(
        _("over at least (evaluations)"), default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("evaluation average")
        verbose_name_plural = _("evaluation averages")

    def describe(self):
        text = gettext(
            "An average of at least %(min)s on “%(rubric)s” over %(n)d or more evaluations"
        )
        return text % {
            "min": self.minimum,
            "rubric": self.rubric.name,
            "n": self.minimum_count,
        }

    def evaluate(self, trainee_id, evidence):
        rows = [
            row
            for row in evidence.evaluations(trainee_id)
            if row.rubric_id == self.rubric_id and (not self.kind or row.kind == self.kind)
        ]
        items = [
            EvidenceItem("evaluation", r.pk, f"{r.evaluated_on} {r.average:.2f}") for r in rows
        ]
        if not rows:
            return self._result(False, gettext("No evaluations yet."), items)
        average = (sum(r.average for r in rows) / len(rows)).quantize(Decimal("0.01"))
        text = gettext("Average %(avg)s over %(n)d evaluations") % {"avg": average, "n": len(rows)}
        return self._result(
            average >= self.minimum and len(rows) >= self.minimum_count, text, items
        )


class MentorSignOffCriterion(Criterion):
    class Meta:
        verbose_name = _("mentor's sign-off")
        verbose_name_plural = _("mentor's sign-offs")

    def describe(self):
        return gettext("Signed off by a current mentor")

    def evaluate(self, trainee_id, evidence):
        items = [
            EvidenceItem("signoff", pk, label)
            for pk, label in evidence.current_mentor_signoffs(trainee_id, self.to_stage_id)
        ]
        if items:
            return self._result(
                True, gettext("Signed off by %(who)s") % {"who": items[0].label}, items
            )
        return self._result(False, gettext("No sign-off from a current mentor."))


class QuizPassedCriterion(Criterion):
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activity with the quiz"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quiz passed")
        verbose_name_plural = _("quizzes passed")

    def describe(self):
        return gettext("Pass the quiz of “%(title)s”") % {"title": self.activity.title}

    def evaluate(self, trainee_id, evidence):
        passed_at = evidence.quiz_passed_at(trainee_id, self.activity_id)
        if passed_at is None:
            return self._result(False, gettext("Quiz not passed yet."))
        text = gettext("Passed on %(date)s") % {"date": passed_at.date().isoformat()}
        return self._result(True, text, [EvidenceItem("quiz", self.activity_id, text)])


class LivelihoodProjectCriterion(Criterion):
    count = models.PositiveSmallIntegerField(_("projects"), default=1)
    completed_only = models.BooleanField(_("only completed projects count"), default=True)

    class Meta:
        verbose_name = _("livelihood micro-projects led")
        verbose_name_plural = _("livelihood micro-projects led")

    def describe(self):
        if self.completed_only:
            return ngettext(
                "Lead %(n)d completed livelihood micro-project",
                "Lead %(n)d completed livelihood micro-projects",
                self.count,
            ) % {"n": self.count}
        return ngettext(
            "Lead %(n)d livelihood micro-project",
            "Lead %(n)d livelihood micro-projects",
            self.count,
        ) % {"n": self.count}

    def evaluate(self, trainee_id, evidence):
        items = [
            EvidenceItem("project", row.pk, row.title)
            for row in evidence.led_projects(trainee_id)
            if row.completed or not self.completed_only
        ]
        text = gettext("%(done)d of %(n)d projects") % {"done": len(items), "n": self.count}
        return self._result(len(items) >= self.count, text, items)


class StarRatingCriterion(Criterion):
    minimum_stars = models.PositiveSmallIntegerField(
        _("at least (stars)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("star rating of the branch led")
        verbose_name_plural = _("star ratings of the branch led")

    def describe(self):
        return gettext("Lead a branch rated %(n)d stars or more") % {"n": self.minimum_stars}

    def evaluate(self, trainee_id, evidence):
        branches = evidence.led_branches(trainee_id)
        items = [
            EvidenceItem("branch", pk, f"{name} {stars or 0}★") for pk, name, stars in branches
        ]
        best = max((stars or 0 for _pk, _name, stars in branches), default=0)
        if not branches:
            return self._result(False, gettext("Leads no branch."))
        text = gettext("Best rating %(best)d★ of the branches led") % {"best": best}
        return self._result(best >= self.minimum_stars, text, items)

"""Scenario runs: a trainee's play through a scenario exercise's branching script.

The server records each choice as it is made and checks it against the script, so the path,
the score and the ending of a run are the server's account, not the phone's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CountedRun(models.TextChoices):
    FIRST = "first", _("The first finished run")
    BEST = "best", _("The best-scoring run")
    LAST = "last", _("The latest finished run")


class ScenarioPolicy(models.Model):
    """What the office decides about replaying a scenario; the scenario page type inherits it."""

    replay_allowed = models.BooleanField(
        _("may be replayed"),
        default=True,
        help_text=_("Whether a trainee may play the scenario again after finishing it."),
    )
    counted_run = models.CharField(
        _("run that counts"), max_length=10, choices=CountedRun, default=CountedRun.BEST
    )

    class Meta:
        abstract = True

    def scenario_nodes(self):
        """The script as ``courses.scenario_script`` nodes; the page type provides it."""
        raise NotImplementedError


class ScenarioRun(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="scenario_runs",
    )
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("scenario exercise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("run number"))
    started_at = models.DateTimeField(_("started at"))
    current_key = models.CharField(_("current step"), max_length=40)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    ending_key = models.CharField(_("ending"), max_length=40, blank=True)
    ending_title = models.CharField(_("ending title"), max_length=100, blank=True)
    score = models.IntegerField(_("score"), default=0)
    best_score = models.IntegerField(_("best possible score"), default=0)

    class Meta:
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")
        ordering = ["activity_id", "trainee_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "activity", "number"], name="scenario_run_number_once"
            ),
            models.UniqueConstraint(
                fields=["trainee", "activity"],
                condition=Q(finished_at__isnull=True),
                name="scenario_one_open_run",
            ),
        ]

    def __str__(self):
        return f"{self.activity_id}/{self.trainee_id}#{self.number}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class ScenarioRunChoice(models.Model):
    """One choice made in a run, with the step and choice as the script had them then."""

    run = models.ForeignKey(
        ScenarioRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    step_key = models.CharField(_("step"), max_length=40)
    step_title = models.CharField(_("step title"), max_length=100)
    choice_index = models.PositiveSmallIntegerField(_("choice number"))
    choice_label = models.CharField(_("choice"), max_length=200)
    consequence = models.TextField(_("consequence"), blank=True)
    score = models.IntegerField(_("score"))
    next_key = models.CharField(_("leads to"), max_length=40)
    chosen_at = models.DateTimeField(_("chosen at"))

    class Meta:
        verbose_name = _("scenario choice")
        verbose_name_plural = _("scenario choices")
        ordering = ["run_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="scenario_choice_once")
        ]

    def __str__(self):
        return f"{self.run_id}#{self.position}"

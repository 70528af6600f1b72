"""Scenario exercises (情景体验): role-play of a real conflict, played as a branching script."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from courses import selectors
from courses.models import CompletionRule, LearningActivity, ScenarioPolicy
from courses.scenario_script import Choice, Ending, Step, script_errors

from .base import StudioPage, studio_tabs
from .progress import TracksActivityProgress

_KEY_HELP = _("A short name other nodes use to lead here, e.g. “meeting”. Unique in the script.")


class RoleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("role"), max_length=50)
    brief = blocks.TextBlock(label=_("brief"), help_text=_("What this party wants and fears."))

    class Meta:
        icon = "user"
        label = _("Role")
        template = "cms/blocks/role.html"
        preview_value = {"name": "业委会主任", "brief": "担心物业费上涨,要求公开账目。"}


class ChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("choice"), max_length=200)
    consequence = blocks.TextBlock(label=_("consequence"))
    score = blocks.IntegerBlock(label=_("score"), default=0, min_value=-10, max_value=10)
    next_key = blocks.CharBlock(
        label=_("leads to"), max_length=40, help_text=_("Key of a step or ending.")
    )

    class Meta:
        icon = "arrow-right"
        label = _("Choice")


class StepBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("key"), max_length=40, help_text=_KEY_HELP)
    title = blocks.CharBlock(label=_("title"), max_length=100)
    situation = blocks.TextBlock(label=_("situation"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("choices"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Step")
        template = "cms/blocks/scenario_step.html"
        preview_value = {
            "key": "start",
            "title": "路灯不亮",
            "situation": "施工开挖后,小区人行道路灯已黑了两周。",
            "choices": [
                {
                    "label": "召集三方协调会",
                    "consequence": "各方到场。",
                    "score": 3,
                    "next_key": "end",
                }
            ],
        }


class EndingBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("key"), max_length=40, help_text=_KEY_HELP)
    title = blocks.CharBlock(label=_("title"), max_length=100)
    outcome = blocks.TextBlock(label=_("outcome"))

    class Meta:
        icon = "flag"
        label = _("Ending")
        template = "cms/blocks/scenario_ending.html"
        preview_value = {"key": "end", "title": "问题解决", "outcome": "路灯恢复,居民满意。"}


class ScenarioExercisePage(TracksActivityProgress, ScenarioPolicy, LearningActivity, StudioPage):
    """A scenario exercise: background and roles, a branching script, a reflection.

    The script is validated on save so a published exercise can always be played to an end.
    Debriefing notes are for mentors and the office only; the template never shows them to
    trainees. The script is played on the server (``courses.services.scenario_runs``), one
    step at a time, so the page itself carries none of it: the office's replay policy and the
    recorded path and score cannot be bypassed from the browser.
    """

    background = RichTextField(_("background"), blank=True, features=["bold", "italic", "ol", "ul"])
    roles = StreamField([("role", RoleBlock())], verbose_name=_("roles"), blank=True)
    script = StreamField(
        [("step", StepBlock()), ("ending", EndingBlock())],
        verbose_name=_("branching script"),
        blank=True,
        help_text=_("Play starts at the first step. Every choice leads to a step or an ending."),
    )
    debriefing_notes = RichTextField(
        _("debriefing notes for mentors"), blank=True, features=["bold", "italic", "ol", "ul"]
    )
    reflection_prompt = models.TextField(_("reflection prompt"), blank=True)

    parent_page_types = ["cms.CoursePage"]
    subpage_types: list[str] = []

    content_panels = [
        *StudioPage.content_panels[:1],
        FieldPanel("background"),
        FieldPanel("roles"),
        *StudioPage.content_panels[1:],
    ]
    script_panels = [FieldPanel("script")]
    debrief_panels = [
        FieldPanel("debriefing_notes"),
        FieldPanel("reflection_prompt"),
        MultiFieldPanel(
            [FieldPanel("replay_allowed"), FieldPanel("counted_run")], heading=_("Runs")
        ),
    ]
    credit_panels = [
        MultiFieldPanel(
            [FieldPanel("learning_hours"), FieldPanel("is_required")],
            heading=_("Learning hours and completion"),
        )
    ]
    edit_handler = studio_tabs(
        content_panels,
        ObjectList(script_panels, heading=_("Script")),
        ObjectList(debrief_panels, heading=_("Debriefing and reflection")),
        ObjectList(credit_panels, heading=_("Learning hours")),
    )
    search_fields = [*StudioPage.search_fields, index.SearchField("background")]

    class Meta:
        verbose_name = _("scenario exercise")

    def completion_rule(self):
        return CompletionRule.RUN_AND_REFLECTION

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = context.get("activity_state")
        if state is not None and state.enrolled:
            context["scenario_history"] = selectors.scenario_history_for(
                trainee=request.user, activity=self
            )
        return context

    def scenario_nodes(self) -> list[Step | Ending]:
        return self.script_nodes()

    def script_nodes(self) -> list[Step | Ending]:
        nodes: list[Step | Ending] = []
        for block in self.script:
            value = block.value
            if block.block_type == "step":
                nodes.append(
                    Step(
                        key=(value.get("key") or "").strip(),
                        title=value.get("title") or "",
                        situation=value.get("situation") or "",
                        choices=tuple(
                            Choice(
                                label=choice.get("label") or "",
                                consequence=choice.get("consequence") or "",
                                score=choice.get("score") or 0,
                                next_key=(choice.get("next_key") or "").strip(),
                            )
                            for choice in value.get("choices") or []
                        ),
                    )
                )
            else:
                nodes.append(
                    Ending(
                        key=(value.get("key") or "").strip(),
                        title=value.get("title") or "",
                        outcome=value.get("outcome") or "",
                    )
                )
        return nodes

    def clean(self):
        super().clean()
        if not len(self.script):
            return  # a draft without a script yet; the page template says it is not ready
        errors = script_errors(self.script_nodes())
        if errors:
            raise ValidationError({"script": [error.message for error in errors]})

    @property
    def plain_background(self) -> str:
        return strip_tags(self.background)

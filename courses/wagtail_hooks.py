"""The training office's menus in the Wagtail admin: "Training" (courses and enrolments,
cohorts, hours) and "Assessment" (the question bank, quizzes and their reports)."""

from django.urls import NoReverseMatch, include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from lms.people.roles import (
    CREDIT_HOURS,
    MANAGE_ENROLMENTS,
    MANAGE_QUESTION_BANK,
    VIEW_QUIZ_REPORTS,
)

from .admin_policies import OfficeOnlyPolicy
from .models import Cohort, StageHoursTarget
from .viewsets import TRAINING_MENU_HOOK, CohortViewSet, StageHoursTargetViewSet

register_permission_policy(Cohort, OfficeOnlyPolicy(Cohort, MANAGE_ENROLMENTS))
register_permission_policy(StageHoursTarget, OfficeOnlyPolicy(StageHoursTarget, CREDIT_HOURS))


class _OfficeMenuItem(MenuItem):
    """Shown to those who hold ``permission``: the page behind it asks for the same one."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_name = "training"  # the same in every language
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 240
    submenu_hook = TRAINING_MENU_HOOK
    items = (
        CohortViewSet("training_cohorts", url_prefix="training/cohorts"),
        StageHoursTargetViewSet("training_targets", url_prefix="training/targets"),
    )


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    return [path("training/", include("courses.admin_urls"))]


@hooks.register("register_admin_urls")
def register_assessment_urls():
    return [
        path("question-bank/", include("courses.admin_bank_urls")),
        path("question-bank/io/", include("courses.admin_bank_io_urls")),
        path("quiz-reports/", include("courses.admin_report_urls")),
    ]


@hooks.register(TRAINING_MENU_HOOK)
def courses_menu_item():
    return _OfficeMenuItem(
        _("Courses and enrolments"),
        reverse("courses_office:courses"),
        name="training-courses",
        icon_name="doc-full-inverse",
        order=10,
        permission=MANAGE_ENROLMENTS,
    )


@hooks.register(TRAINING_MENU_HOOK)
def hours_menu_item():
    return _OfficeMenuItem(
        _("Learning hours"),
        reverse("courses_office:hours"),
        name="training-hours",
        icon_name="time",
        order=40,
        permission=CREDIT_HOURS,
    )


# The "Assessment" menu (题库与测验) ---------------------------------------------------------

ASSESSMENT_MENU_HOOK = "register_assessment_menu_item"


class _OfficeLinkMenuItem(_OfficeMenuItem):
    """An office item whose URL is looked up when the menu is drawn, by name.

    The bank's import, export and report pages are separate pieces of work: until a named
    page exists its item is hidden, rather than the whole admin failing on a missing name.
    """

    def __init__(self, label, url_name, **kwargs):
        self.url_name = url_name
        super().__init__(label, "", **kwargs)

    def _reversed(self):
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    def is_shown(self, request):
        return super().is_shown(request) and self._reversed() is not None

    def render_component(self, request):
        self.url = self._reversed()
        return super().render_component(request)


_BANK, _REPORTS = MANAGE_QUESTION_BANK, VIEW_QUIZ_REPORTS
ASSESSMENT_ITEMS = (
    # (label, URL name, menu item name, icon, the permission its pages ask for)
    (_("Question bank"), "courses_bank:questions", "assessment-bank", "help", _BANK),
    (
        _("Categories"),
        "courses_bank:categories",
        "assessment-categories",
        "folder-open-inverse",
        _BANK,
    ),
    (_("Quizzes"), "courses_bank:quizzes", "assessment-quizzes", "tasks", _BANK),
    (_("Import questions"), "courses_bank_io:import", "assessment-import", "upload", _BANK),
    (_("Export questions"), "courses_bank_io:export", "assessment-export", "download", _BANK),
    (_("Excel template"), "courses_bank_io:template", "assessment-template", "table", _BANK),
    (
        _("Quiz reports"),
        "courses_quiz_reports:index",
        "assessment-reports",
        "clipboard-list",
        _REPORTS,
    ),
)


def _assessment_item(order, label, url_name, name, icon, permission):
    def item():
        return _OfficeLinkMenuItem(
            label, url_name, name=name, icon_name=icon, order=order, permission=permission
        )

    return item


for _order, (_label, _url_name, _name, _icon, _permission) in enumerate(ASSESSMENT_ITEMS, 1):
    hooks.register(
        ASSESSMENT_MENU_HOOK,
        _assessment_item(_order * 10, _label, _url_name, _name, _icon, _permission),
    )


@hooks.register("register_admin_menu_item")
def assessment_menu():
    return SubmenuMenuItem(
        _("Assessment"),
        Menu(register_hook_name=ASSESSMENT_MENU_HOOK),
        name="assessment",
        icon_name="tasks",
        order=242,
    )

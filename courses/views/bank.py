"""What the office's question bank and quiz pages share: who may see them, and their breadcrumbs.

The pages themselves live in ``bank_questions``, ``bank_categories`` and ``quizzes_admin``.
Editors, reviewers and administrators of the office all manage the bank: writing questions is
the office's shared work, not a step of the page moderation workflow.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.people.roles import MANAGE_QUESTION_BANK

ASSESSMENT_LABEL = gettext_lazy("Assessment")


def refusal_messages(error: ValidationError) -> list[str]:
    """A refusal's messages, whether it carries a list, a dict of fields or one message."""
    return [str(message) for message in error.messages]


class BankView(WagtailAdminTemplateMixin, TemplateView):
    """The office only; anyone else with admin access is refused (403 → the admin's message)."""

    header_icon = "help"
    # The section the page belongs to, as (label, URL name) for the breadcrumbs.
    section = (gettext_lazy("Question bank"), "courses_bank:questions")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_QUESTION_BANK):
            raise PermissionDenied
        self.prepare(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        """Load the view's records once the viewer is known to be the office."""

    def get(self, request, *args, **kwargs):
        # The URL's ids were read in ``prepare``; the context holds the loaded records.
        return self.render_to_response(self.get_context_data())

    def get_breadcrumbs_items(self):
        label, url_name = self.section
        items = [*self.breadcrumbs_items, {"url": "", "label": ASSESSMENT_LABEL}]
        title = self.get_page_title()
        if title != label:
            items.append({"url": reverse(url_name), "label": label})
        return [*items, {"url": "", "label": title}]

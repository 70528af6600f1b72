"""The bank's questions: the list, the editor, the version history and the trainee's-eye preview.

The editor only builds a ``QuestionData`` and hands it to ``question_save``: whether an edit
replaces the current version or becomes a new one (because attempts used the old one) is the
service's decision, and the page reports what it decided.
"""

import random
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from ..forms.bank import BankFilterForm, QuestionEditor, editor_layout
from ..models import AttemptSlot, Question, QuestionCategory, QuestionEntry, question_types
from ..models.questions import PATH_SEPARATOR
from ..question_formats import base as formats
from ..services.questions import question_save, question_to_data
from .bank import BankView, refusal_messages

PAGE_SIZE = 50
# The preview shows a question with the template the trainee's quiz page uses; the bank's own
# copy of the answer area stands in should that template be missing.
PREVIEW_BODY_TEMPLATES = (
    "courses/quiz/question.html",
    "courses/admin/bank/question_preview_body.html",
)


def type_label(question: Question) -> str:
    """The type's name for a version read without its subclass (the list reads them so)."""
    model = ContentType.objects.get_for_id(question.polymorphic_ctype_id).model_class()
    return model.type_label() if model is not None else ""


def bank_questions(filters: dict):
    """Current versions matching the list's filters, with what each row shows, in a fixed
    number of queries: subclass rows are not fetched (only base fields are listed), tags come
    in one prefetch and the attempt count in a subquery."""
    attempts = (
        AttemptSlot.objects.filter(question__entry=OuterRef("entry_id"))
        .values("question__entry")
        .annotate(n=Count("attempt_id", distinct=True))
        .values("n")
    )
    questions = (
        Question.objects.non_polymorphic()
        .filter(is_current=True)
        .select_related("entry__category")
        .prefetch_related("entry__tags")
        .annotate(attempt_count=Coalesce(Subquery(attempts), 0))
        .order_by("entry__category__path", "name", "pk")
    )
    if filters.get("q"):
        questions = questions.filter(
            Q(name__icontains=filters["q"]) | Q(text__icontains=filters["q"])
        )
    category = filters.get("category")
    if category is not None:
        where = Q(entry__category=category)
        if filters.get("subcategories"):
            where |= Q(entry__category__path__startswith=category.path + PATH_SEPARATOR)
        questions = questions.filter(where)
    model = question_types().get(filters.get("type") or "")
    if model is not None:
        questions = questions.filter(polymorphic_ctype=ContentType.objects.get_for_model(model))
    if filters.get("tag"):
        questions = questions.filter(entry__tags__name=filters["tag"])
    return questions


def page_of(request, items, size=None):
    """A page of the items, and the query string that keeps the filters on the page links."""
    page = Paginator(items, size or PAGE_SIZE).get_page(request.GET.get("p"))
    kept = [(key, value) for key, value in request.GET.items() if key != "p"]
    return page, urlencode(kept)


class QuestionListView(BankView):
    page_title = gettext_lazy("Question bank")
    template_name = "courses/admin/bank/question_list.html"

    def get_context_data(self, **kwargs):
        form = BankFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        page, query = page_of(self.request, bank_questions(filters))
        for question in page:
            question.type_name = type_label(question)
        return super().get_context_data(form=form, page=page, query=query, **kwargs)


class QuestionTypeChoiceView(BankView):
    """Adding a question starts by choosing its type: the editor's fields depend on it."""

    page_title = gettext_lazy("Add a question")
    template_name = "courses/admin/bank/question_type_choice.html"

    def get_context_data(self, **kwargs):
        types = sorted(question_types().items(), key=lambda item: formats.TYPE_CODES.index(item[0]))
        category = self.request.GET.get("category", "")
        return super().get_context_data(
            types=[(code, model.type_label()) for code, model in types],
            category=category if category.isdigit() else "",
            **kwargs,
        )


class QuestionEditorView(BankView):
    template_name = "courses/admin/bank/question_form.html"
    entry = None
    current = None

    def prepare(self, type_code=None, entry_id=None, **kwargs):
        if entry_id is not None:
            self.entry = get_object_or_404(
                QuestionEntry.objects.select_related("category"), pk=entry_id
            )
            self.current = (
                self.entry.versions.filter(is_current=True)
                .prefetch_related("options", "criteria")
                .first()
            )
            if self.current is None:
                raise Http404
            type_code = self.current.type_code
        if type_code not in question_types():
            raise Http404
        self.type_code = type_code

    def get_page_title(self):
        label = question_types()[self.type_code].type_label()
        if self.current is None:
            return _("New question: %(type)s") % {"type": label}
        return _("Edit question: %(name)s") % {"name": self.current.name}

    def _editor(self, data=None):
        if data is not None:
            return QuestionEditor(type_code=self.type_code, data=data)
        if self.current is not None:
            return QuestionEditor(
                type_code=self.type_code,
                question_data=question_to_data(self.current),
                category=self.entry.category,
            )
        editor = QuestionEditor(type_code=self.type_code)
        category = self.request.GET.get("category", "")
        if category.isdigit():
            editor.form.initial["category"] = category
        return editor

    def get_context_data(self, **kwargs):
        kwargs.setdefault("editor", self._editor())
        return super().get_context_data(
            entry=self.entry,
            current=self.current,
            type_code=self.type_code,
            has_categories=QuestionCategory.objects.exists(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        editor = self._editor(request.POST)
        if editor.is_valid():
            previous = self.current.version if self.current is not None else None
            try:
                saved = question_save(actor=request.user, data=editor.to_data(), entry=self.entry)
            except ValidationError as refusal:
                for message in refusal_messages(refusal):
                    editor.form.add_error(None, message)
            else:
                messages.success(request, _("Saved as version %(n)d.") % {"n": saved.version})
                if previous is not None and saved.version != previous:
                    messages.info(
                        request,
                        _(
                            "Version %(old)d was used in attempts, so it is kept unchanged for "
                            "them; quizzes now ask version %(new)d."
                        )
                        % {"old": previous, "new": saved.version},
                    )
                return redirect("courses_bank:questions")
        return self.render_to_response(self.get_context_data(editor=editor))


class QuestionHistoryView(BankView):
    template_name = "courses/admin/bank/question_history.html"
    header_icon = "history"

    def prepare(self, entry_id, **kwargs):
        self.entry = get_object_or_404(QuestionEntry, pk=entry_id)
        self.versions = list(
            self.entry.versions.non_polymorphic()
            .select_related("created_by")
            .annotate(attempt_count=Count("attempt_slots__attempt", distinct=True))
            .order_by("-version")
        )
        if not self.versions:
            raise Http404

    def get_page_title(self):
        current = next((v for v in self.versions if v.is_current), self.versions[0])
        return _("Versions of %(name)s") % {"name": current.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, versions=self.versions, **kwargs)


def _version(question_id) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("entry__category", "created_by").prefetch_related(
            "options", "criteria"
        ),
        pk=question_id,
    )
    return question


class QuestionVersionView(BankView):
    """One version, read-only: what a past attempt was asked, with its answers and settings."""

    template_name = "courses/admin/bank/question_version.html"

    def prepare(self, question_id, **kwargs):
        self.question = _version(question_id)

    def get_page_title(self):
        return _("%(name)s, version %(n)d") % {
            "name": self.question.name,
            "n": self.question.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            question=self.question,
            columns=editor_layout(self.question.type_code).option_columns,
            **kwargs,
        )


class QuestionPreviewView(BankView):
    """The question as a trainee sees it in a quiz; "answered right" adds what the review shows."""

    template_name = "courses/admin/bank/question_preview.html"
    header_icon = "view"

    def prepare(self, question_id, **kwargs):
        self.question = _version(question_id)

    def get_page_title(self):
        return _("Preview: %(name)s") % {"name": self.question.name}

    def get_context_data(self, **kwargs):
        question = self.question
        question.position = 1  # numbered as the first question of a quiz, not by its id
        order = question.display_order(random.Random(), shuffle=True)
        return super().get_context_data(
            question=question,
            options=question.options_for_trainee(order),
            answered=self.request.GET.get("answered") == "1",
            body_template=PREVIEW_BODY_TEMPLATES,
            columns=editor_layout(question.type_code).option_columns,
            **kwargs,
        )

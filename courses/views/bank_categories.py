"""The bank's categories: the tree with its question counts, adding, renaming, moving, deleting."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from .. import services
from ..forms.bank import CategoryForm
from ..models import QuestionCategory
from ..services.questions import category_save
from .bank import BankView, refusal_messages

SECTION = (gettext_lazy("Categories"), "courses_bank:categories")


def category_tree() -> list[QuestionCategory]:
    """Every category in tree order, each with ``questions`` (its own current questions) and
    ``total`` (with its subcategories'), from one query.

    Ordering by ``path`` alone is not tree order ("党建 2" sorts between "党建" and "党建/…"),
    so the order is built from the parent links.
    """
    categories = list(
        QuestionCategory.objects.annotate(
            questions=Count("entries__versions", filter=Q(entries__versions__is_current=True))
        )
    )
    children = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)
    ordered: list[QuestionCategory] = []

    def walk(parent_id, depth):
        total = 0
        for category in sorted(children[parent_id], key=lambda c: c.name):
            category.level = depth
            ordered.append(category)
            category.total = category.questions + walk(category.pk, depth + 1)
            total += category.total
        return total

    walk(None, 0)
    return ordered


class CategoryListView(BankView):
    page_title = gettext_lazy("Categories")
    header_icon = "folder-open-inverse"
    section = SECTION
    template_name = "courses/admin/bank/category_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(categories=category_tree(), **kwargs)


class CategoryFormView(BankView):
    header_icon = "folder-open-inverse"
    section = SECTION
    template_name = "courses/admin/bank/category_form.html"
    category = None

    def prepare(self, category_id=None, **kwargs):
        if category_id is not None:
            self.category = get_object_or_404(QuestionCategory, pk=category_id)

    def get_page_title(self):
        if self.category is None:
            return _("Add a category")
        return _("Category: %(path)s") % {"path": self.category.path}

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            initial = {}
            if self.category is not None:
                initial = {
                    "name": self.category.name,
                    "parent": self.category.parent_id,
                    "description": self.category.description,
                }
            elif self.request.GET.get("parent", "").isdigit():
                initial = {"parent": self.request.GET["parent"]}
            kwargs["form"] = CategoryForm(initial=initial)
        return super().get_context_data(category=self.category, **kwargs)

    def post(self, request, *args, **kwargs):
        form = CategoryForm(request.POST)
        if form.is_valid():
            try:
                saved = category_save(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    parent=form.cleaned_data["parent"],
                    description=form.cleaned_data["description"],
                    category=self.category,
                )
            except ValidationError as refusal:
                for message in refusal_messages(refusal):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Category “%(path)s” saved.") % {"path": saved.path})
                return redirect("courses_bank:categories")
        return self.render_to_response(self.get_context_data(form=form))


class CategoryDeleteView(BankView):
    header_icon = "bin"
    section = SECTION
    template_name = "courses/admin/bank/category_delete.html"

    def prepare(self, category_id, **kwargs):
        self.category = get_object_or_404(QuestionCategory, pk=category_id)

    def get_page_title(self):
        return _("Delete the category %(path)s") % {"path": self.category.path}

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.category_delete(actor=request.user, category=self.category)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal_messages(refusal)))
        else:
            messages.success(
                request, _("Category “%(path)s” deleted.") % {"path": self.category.path}
            )
        return redirect("courses_bank:categories")

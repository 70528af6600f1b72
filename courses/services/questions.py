"""Writes to the question bank: categories by path, and questions saved as versions.

Every way a question arrives (the admin editor, a GIFT, Moodle XML or Excel import) describes
it as a ``QuestionData`` and saves it through ``question_save``, so validation, sanitising and
versioning happen in one place.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.roles import MANAGE_QUESTION_BANK

from ..exceptions import EngineRefusal, NotAllowed
from ..models import (
    AttemptSlot,
    Question,
    QuestionCategory,
    QuestionEntry,
    QuestionOption,
    RubricCriterion,
    question_types,
)
from ..models.questions import PATH_SEPARATOR
from ..question_formats.base import CriterionData, OptionData, QuestionData
from ..richtext import richtext_clean

# QuestionOption.tolerance holds ten digits before the decimal point.
MAX_TOLERANCE = Decimal("1e10")
SHARE_PLACES = Decimal("1e-7")


def _check_office(actor) -> None:
    """The bank is the office's: a user must be office staff. ``None`` is the system itself
    (the ``import_questions`` command and the demo loader), which no web request can be."""
    if actor is not None and not actor.has_perm(MANAGE_QUESTION_BANK):
        raise NotAllowed(_("Only the training office manages the question bank."))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise EngineRefusal(_("A category needs a name."))
    if PATH_SEPARATOR in name:
        raise EngineRefusal(_("A category name cannot contain “/”."))
    if len(name) > 100:
        raise EngineRefusal(_("A category name is at most 100 characters."))
    return name


def _refresh_paths(category: QuestionCategory) -> None:
    parent_path = category.parent.path if category.parent_id else ""
    category.path = (
        f"{parent_path}{PATH_SEPARATOR}{category.name}" if parent_path else category.name
    )
    category.save(update_fields=["path"])
    for child in category.children.all():
        _refresh_paths(child)


@transaction.atomic
def category_ensure_path(*, path: tuple[str, ...] | list[str], actor=None) -> QuestionCategory:
    """The category at this path of names, creating whatever part is missing."""
    if not path:
        raise EngineRefusal(_("Choose a category for the questions."))
    parent = None
    for raw in path:
        name = _clean_name(raw)
        category = QuestionCategory.objects.filter(parent=parent, name=name).first()
        if category is None:
            category = QuestionCategory(parent=parent, name=name)
            category.path = f"{parent.path}{PATH_SEPARATOR}{name}" if parent else name
            category.save()
            audit_record(actor=actor, action="bank.category_create", target=category)
        parent = category
    return parent


@transaction.atomic
def category_save(
    *, actor, name: str, parent: QuestionCategory | None, description: str = "", category=None
) -> QuestionCategory:
    """Create or rename/move a category; its subtree's paths follow."""
    _check_office(actor)
    name = _clean_name(name)
    if category is not None and parent is not None:
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == category.pk:
                raise EngineRefusal(_("A category cannot be moved inside itself."))
            ancestor = ancestor.parent
    clash = QuestionCategory.objects.filter(parent=parent, name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise EngineRefusal(_("There is already a category “%(name)s” here.") % {"name": name})
    category = category or QuestionCategory()
    category.name, category.parent, category.description = name, parent, description
    category.path = ""
    category.save()
    _refresh_paths(category)
    audit_record(actor=actor, action="bank.category_save", target=category)
    return category


def question_problems(data: QuestionData) -> list[str]:
    """Why this question cannot be saved; the type's own rules plus what every question needs."""
    model = question_types().get(data.type)
    if model is None:
        return [_("Unknown question type “%(type)s”.") % {"type": data.type}]
    problems = []
    if not (data.name or "").strip():
        problems.append(_("The question needs a name."))
    elif len(data.name) > 200:
        problems.append(_("A question name is at most 200 characters."))
    if not richtext_clean(data.text):
        problems.append(_("The question needs a text."))
    if not 0 < data.default_mark <= 1000:
        problems.append(_("The default mark must be above 0 and at most 1000."))
    if any(not -1 <= option.fraction <= 1 for option in data.options):
        problems.append(_("An option's share of the mark runs from -100% to 100%."))
    if any(len(option.match_text) > 500 for option in data.options):
        problems.append(_("A matching answer is at most 500 characters."))
    if any(
        option.tolerance is not None and abs(option.tolerance) >= MAX_TOLERANCE
        for option in data.options
    ):
        problems.append(_("A tolerance must be below 10,000,000,000."))
    if data.options and not model.has_options:
        problems.append(
            _("A %(type)s question has no options.") % {"type": model._meta.verbose_name}
        )
    if data.criteria and not model.has_rubric:
        problems.append(
            _("Only essays are marked against rubric criteria; this is a %(type)s question.")
            % {"type": model._meta.verbose_name}
        )
    return problems + model.data_problems(data)


def _is_used(question: Question) -> bool:
    return AttemptSlot.objects.filter(question=question).exists()


def _clean_setting(value):
    """Text settings (true/false feedback, notes for markers) are HTML shown to people."""
    return richtext_clean(value) if isinstance(value, str) else value


def _write_version(
    *, model, data: QuestionData, entry: QuestionEntry, version: int, actor
) -> Question:
    fields = {
        field: _clean_setting(data.settings[setting])
        for setting, field in model.data_settings.items()
        if setting in data.settings
    }
    question = model(
        entry=entry,
        version=version,
        is_current=True,
        name=data.name.strip(),
        text=richtext_clean(data.text),
        general_feedback=richtext_clean(data.general_feedback),
        default_mark=data.default_mark,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    question.full_clean(exclude=["entry"])
    question.save()
    QuestionOption.objects.bulk_create(
        QuestionOption(
            question=question,
            position=position,
            text=richtext_clean(option.text) if model.option_text_is_html else option.text.strip(),
            fraction=Decimal(option.fraction).quantize(SHARE_PLACES),
            feedback=richtext_clean(option.feedback),
            match_text=option.match_text.strip(),
            tolerance=option.tolerance,
        )
        for position, option in enumerate(data.options)
    )
    RubricCriterion.objects.bulk_create(
        RubricCriterion(
            question=question,
            position=position,
            title=criterion.title.strip()[:200],
            guidance=criterion.guidance,
            max_points=criterion.max_points,
        )
        for position, criterion in enumerate(data.criteria)
    )
    return question


@transaction.atomic
def question_save(*, actor, data: QuestionData, entry: QuestionEntry | None = None) -> Question:
    """Save a new question, or a new version of an entry's question.

    An edit of a version that attempts have used becomes a new version and the old one stays
    as it was, so past attempts keep their question; an unused version is replaced.
    """
    _check_office(actor)
    problems = question_problems(data)
    if problems:
        raise EngineRefusal(problems)
    category = category_ensure_path(path=data.category_path, actor=actor)
    model = question_types()[data.type]
    if entry is None:
        entry = QuestionEntry.objects.create(category=category)
        version = 1
    else:
        entry = QuestionEntry.objects.select_for_update().get(pk=entry.pk)
        entry.category = category
        entry.save(update_fields=["category"])
        current = entry.versions.filter(is_current=True).first()
        version = (entry.versions.aggregate(top=Max("version"))["top"] or 0) + 1
        if current is not None:
            if _is_used(current):
                Question.objects.filter(pk=current.pk).update(is_current=False)
            else:
                version = current.version
                current.delete()
    question = _write_version(model=model, data=data, entry=entry, version=version, actor=actor)
    entry.tags.set([tag.strip()[:100] for tag in data.tags if tag.strip()], clear=True)
    audit_record(actor=actor, action="bank.question_save", target=question, version=version)
    return question


def question_to_data(question: Question) -> QuestionData:
    """A saved question as the formats and the editor describe it."""
    entry = question.entry
    return QuestionData(
        type=question.type_code,
        name=question.name,
        text=question.text,
        general_feedback=question.general_feedback,
        default_mark=question.default_mark,
        category_path=entry.category.path_parts,
        tags=sorted(tag.name for tag in entry.tags.all()),
        options=[
            OptionData(
                text=option.text,
                fraction=option.fraction.normalize() if option.fraction else option.fraction,
                feedback=option.feedback,
                match_text=option.match_text,
                tolerance=option.tolerance.normalize() if option.tolerance is not None else None,
            )
            for option in question.ordered_options()
        ],
        criteria=[
            CriterionData(title=c.title, max_points=c.max_points, guidance=c.guidance)
            for c in question.criteria.all()
        ],
        settings={
            setting: getattr(question, field) for setting, field in question.data_settings.items()
        },
    )


@transaction.atomic
def category_delete(*, actor, category: QuestionCategory) -> None:
    """Delete an empty category; one holding questions, subcategories or quiz draws stays."""
    _check_office(actor)
    category = QuestionCategory.objects.select_for_update().get(pk=category.pk)
    if category.entries.exists() or category.children.exists():
        raise EngineRefusal(
            _("“%(name)s” still holds questions or subcategories; move or delete them first.")
            % {"name": category.path}
        )
    if category.quiz_slots.exists():
        raise EngineRefusal(
            _("Quizzes draw random questions from “%(name)s”; remove those draws first.")
            % {"name": category.path}
        )
    audit_record(actor=actor, action="bank.category_delete", target=category, path=category.path)
    category.delete()

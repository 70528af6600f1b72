from django.urls import path

from .views import bank_categories, bank_questions, quizzes_admin

app_name = "courses_bank"

urlpatterns = [
    path("", bank_questions.QuestionListView.as_view(), name="questions"),
    path("questions/add/", bank_questions.QuestionTypeChoiceView.as_view(), name="question-add"),
    path(
        "questions/add/<slug:type_code>/",
        bank_questions.QuestionEditorView.as_view(),
        name="question-create",
    ),
    path(
        "questions/<id:entry_id>/",
        bank_questions.QuestionEditorView.as_view(),
        name="question-edit",
    ),
    path(
        "questions/<id:entry_id>/versions/",
        bank_questions.QuestionHistoryView.as_view(),
        name="question-history",
    ),
    path(
        "versions/<id:question_id>/", bank_questions.QuestionVersionView.as_view(), name="version"
    ),
    path(
        "versions/<id:question_id>/preview/",
        bank_questions.QuestionPreviewView.as_view(),
        name="preview",
    ),
    path("categories/", bank_categories.CategoryListView.as_view(), name="categories"),
    path("categories/add/", bank_categories.CategoryFormView.as_view(), name="category-add"),
    path(
        "categories/<id:category_id>/",
        bank_categories.CategoryFormView.as_view(),
        name="category-edit",
    ),
    path(
        "categories/<id:category_id>/delete/",
        bank_categories.CategoryDeleteView.as_view(),
        name="category-delete",
    ),
    path("quizzes/", quizzes_admin.QuizListView.as_view(), name="quizzes"),
    path("quizzes/add/", quizzes_admin.QuizFormView.as_view(), name="quiz-add"),
    path("quizzes/<id:quiz_id>/", quizzes_admin.QuizFormView.as_view(), name="quiz-edit"),
    path("quizzes/<id:quiz_id>/slots/add/", quizzes_admin.SlotAddView.as_view(), name="slot-add"),
    path(
        "quizzes/<id:quiz_id>/slots/<id:slot_id>/remove/",
        quizzes_admin.SlotRemoveView.as_view(),
        name="slot-remove",
    ),
    path(
        "quizzes/<id:quiz_id>/slots/<id:slot_id>/move/",
        quizzes_admin.SlotMoveView.as_view(),
        name="slot-move",
    ),
]

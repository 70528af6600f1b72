from django.urls import path

from .views import office

app_name = "courses_office"

urlpatterns = [
    path("", office.CourseListView.as_view(), name="courses"),
    path("courses/<id:course_id>/", office.CourseEnrolmentsView.as_view(), name="course"),
    path("courses/<id:course_id>/import/", office.EnrolmentImportView.as_view(), name="import"),
    path("enrolment-template.xlsx", office.EnrolmentTemplateView.as_view(), name="template"),
    path(
        "enrolments/<id:enrolment_id>/withdraw/",
        office.EnrolmentWithdrawView.as_view(),
        name="withdraw",
    ),
    path("cohorts/<id:cohort_id>/members/", office.CohortMembersView.as_view(), name="cohort"),
    path("hours/", office.HoursView.as_view(), name="hours"),
    path("hours/export/", office.HoursExportView.as_view(), name="hours-export"),
]

"""The visitor's own progress, shown on course and activity pages.

The engine decides; these mixins only ask its selectors and, when a trainee opens an activity,
report the visit through its service.
"""

from courses import selectors, services
from courses.attempt_presenter import quiz_overviews
from courses.policy import self_enrolment_refusal


def quiz_context(request, page) -> list:
    """The page's published quizzes, each with where the visitor stands (two queries)."""
    return quiz_overviews(selectors.quizzes_for(trainee=request.user, activity=page))


class ShowsCourseProgress:
    """For the course page: enrolment, the enrol button or why not, and each activity's state."""

    def progress_context(self, request, activities) -> dict:
        user = request.user
        enrolment = selectors.enrolment_for(trainee=user, course=self)
        enrolled = enrolment is not None and enrolment.status != enrolment.Status.WITHDRAWN
        progress = selectors.activity_progress_map(trainee=user, course=self) if enrolled else {}
        required = [a for a in activities if getattr(a, "is_required", False)]
        done = [a for a in required if a.pk in progress and progress[a.pk].completed_at]
        return {
            "enrolment": enrolment,
            "enrolled": enrolled,
            "progress_by_activity": progress,
            "required_count": len(required),
            "completed_count": len(done),
            "percent": 100
            if enrolled and enrolment.status == enrolment.Status.COMPLETED
            else (round(100 * len(done) / len(required)) if required else 0),
            "enrol_refusal": None if enrolled else self_enrolment_refusal(user=user, course=self),
            # Quizzes on the course itself (an end-of-course test), not on one activity.
            "course_quizzes": quiz_context(request, self),
        }


class TracksActivityProgress:
    """For activity pages: record the visit, and show what completing it still needs."""

    def serve(self, request, *args, **kwargs):
        if request.method == "GET" and request.user.is_authenticated:
            services.activity_view(trainee=request.user, activity=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        state = selectors.activity_state(user=request.user, activity=self)
        context["activity_state"] = state
        context["activity_quizzes"] = quiz_overviews(state.quizzes)
        return context

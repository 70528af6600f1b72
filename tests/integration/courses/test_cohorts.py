import threading

import pytest
from django.db import connection

from courses.exceptions import EngineRefusal
from courses.models import Cohort, CohortMembership, Enrolment
from courses.services import cohort_add_trainee, cohort_enrol_course
from lms.people.roles import TRAINEE
from tests.factories import user_with_role


@pytest.fixture
def cohort(tree, office):
    return Cohort.objects.create(programme=tree[1], name="第一小班", capacity=2, head_mentor=office)


@pytest.mark.django_db
def test_the_size_cap_holds(office, cohort):
    trainees = [user_with_role(TRAINEE) for _ in range(3)]
    cohort_add_trainee(actor=office, cohort=cohort, trainee=trainees[0])
    cohort_add_trainee(actor=office, cohort=cohort, trainee=trainees[1])
    cohort_add_trainee(actor=office, cohort=cohort, trainee=trainees[1])  # again: harmless

    with pytest.raises(EngineRefusal, match="第一小班"):
        cohort_add_trainee(actor=office, cohort=cohort, trainee=trainees[2])
    assert cohort.memberships.count() == 2


@pytest.mark.django_db
def test_a_cohort_is_enrolled_in_a_course_together(office, cohort, course):
    trainees = [user_with_role(TRAINEE) for _ in range(2)]
    for trainee in trainees:
        cohort_add_trainee(actor=office, cohort=cohort, trainee=trainee)

    enrolments = cohort_enrol_course(actor=office, cohort=cohort, course=course)

    assert {e.trainee for e in enrolments} == set(trainees)
    assert Enrolment.objects.filter(cohort=cohort, course_id=course.pk).count() == 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_size_cap_holds_when_two_additions_race(office, tree):
    cohort = Cohort.objects.create(programme=tree[1], name="并发小班", capacity=1)
    trainees = [user_with_role(TRAINEE) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def add(trainee):
        try:
            barrier.wait()
            cohort_add_trainee(actor=office, cohort=cohort, trainee=trainee)
            outcomes.append("added")
        except EngineRefusal:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(t,)) for t in trainees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["added", "full"]
    assert CohortMembership.objects.filter(cohort=cohort).count() == 1

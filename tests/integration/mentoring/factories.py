"""Builders for mentoring tests. Setup data is written directly; behaviour goes through services."""

import datetime
from decimal import Decimal

from courses.models import Cohort, CohortMembership
from lms.people.roles import HOST_SECRETARY, MENTOR, OFFICE_ADMIN, TRAINEE
from mentoring.models import (
    HostProfile,
    MentorAssignment,
    MentorProfile,
    Rotation,
    Rubric,
    RubricDimension,
    Stage,
)
from tests.factories import CommunityFactory, user_with_role

TODAY = datetime.date.today


def community(name=None):
    return CommunityFactory(**({"name": name} if name else {}))


def office(**kwargs):
    return user_with_role(OFFICE_ADMIN, **kwargs)


def trainee(community=None, **kwargs):
    return user_with_role(TRAINEE, community=community, **kwargs)


def mentor(community=None, *, capacity=3, **kwargs):
    user = user_with_role(MENTOR, community=community, **kwargs)
    MentorProfile.objects.create(user=user, capacity=capacity)
    return user


def host(community=None, *, capacity=2, **kwargs):
    user = user_with_role(HOST_SECRETARY, community=community, **kwargs)
    HostProfile.objects.create(user=user, capacity=capacity)
    return user


def cohort(programme, trainees=(), *, name=None, capacity=60):
    group = Cohort.objects.create(
        programme=programme, name=name or f"小班{Cohort.objects.count() + 1}", capacity=capacity
    )
    for person in trainees:
        CohortMembership.objects.create(cohort=group, trainee=person)
    return group


def assignment(
    trainee, mentor, kind=MentorAssignment.Kind.PRIMARY, *, starts_on=None, ends_on=None
):
    return MentorAssignment.objects.create(
        trainee=trainee,
        mentor=mentor,
        kind=kind,
        starts_on=starts_on or TODAY() - datetime.timedelta(days=30),
        ends_on=ends_on,
    )


def rotation(trainee, host, *, starts_on, ends_on, status=Rotation.Status.SCHEDULED, **kwargs):
    from django.utils import timezone

    extra = {}
    if status == Rotation.Status.COMPLETED:
        extra["completed_at"] = timezone.now()
    if status == Rotation.Status.CANCELLED:
        extra["cancelled_at"] = timezone.now()
    return Rotation.objects.create(
        trainee=trainee,
        host=host,
        host_community_id=host.community_id,
        starts_on=starts_on,
        ends_on=ends_on,
        objectives="学习小区治理",
        status=status,
        **extra,
        **kwargs,
    )


def rubric(name="带教考核", dimensions=("政治素质", "群众工作", "统筹协调"), low=1, high=5):
    rub = Rubric.objects.create(name=name, scale_min=low, scale_max=high)
    for order, dimension in enumerate(dimensions):
        RubricDimension.objects.create(rubric=rub, name=dimension, sort_order=order)
    return rub


def stage(code):
    return Stage.objects.get(code=code)


HOURS = Decimal

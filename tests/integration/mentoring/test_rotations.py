import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from courses.exceptions import EngineRefusal, NotAllowed
from mentoring.models import Rotation, RotationJournalEntry
from mentoring.services import (
    journal_write,
    rotation_cancel,
    rotation_complete,
    rotation_schedule,
)

from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def schedule(office, trainee, host, start, days=27):
    return rotation_schedule(
        actor=office,
        trainee=trainee,
        host=host,
        starts_on=start,
        ends_on=start + days * DAY,
        objectives="学习物业纠纷调处",
    )


def test_a_rotation_goes_to_another_community(office, east, west):
    trainee = f.trainee(east)
    with pytest.raises(EngineRefusal, match="another community"):
        schedule(office, trainee, f.host(east), TODAY)
    rotation = schedule(office, trainee, f.host(west), TODAY)
    assert rotation.host_community == west


def test_overlapping_rotations_are_refused(office, east, west, north):
    trainee = f.trainee(east)
    schedule(office, trainee, f.host(west), TODAY)

    with pytest.raises(EngineRefusal, match="cannot overlap"):
        schedule(office, trainee, f.host(north), TODAY + 27 * DAY)
    schedule(office, trainee, f.host(north), TODAY + 28 * DAY)  # the next day is free


def test_a_cancelled_rotation_frees_the_period(office, east, west):
    trainee, host = f.trainee(east), f.host(west)
    rotation = schedule(office, trainee, host, TODAY)
    rotation_cancel(actor=office, rotation=rotation, reason="身体原因")
    assert schedule(office, trainee, host, TODAY).status == Rotation.Status.SCHEDULED


def test_a_host_never_exceeds_their_capacity(office, east, west):
    host = f.host(west, capacity=2)
    schedule(office, f.trainee(east), host, TODAY, days=13)
    schedule(office, f.trainee(east), host, TODAY + 7 * DAY, days=13)

    with pytest.raises(EngineRefusal, match="the most they take"):
        schedule(office, f.trainee(east), host, TODAY + 10 * DAY, days=3)
    # After the first one ends there is room again.
    schedule(office, f.trainee(east), host, TODAY + 14 * DAY, days=3)


def test_only_the_office_schedules(east, west):
    host = f.host(west)
    with pytest.raises(NotAllowed):
        schedule(host, f.trainee(east), host, TODAY)


def test_one_journal_entry_per_iso_week(office, east, west):
    trainee = f.trainee(east)
    monday = TODAY - (TODAY.weekday() + 14) * DAY
    rotation = schedule(office, trainee, f.host(west), monday)

    journal_write(actor=trainee, rotation=rotation, week_of=monday, body="第一周")
    journal_write(actor=trainee, rotation=rotation, week_of=monday + 2 * DAY, body="第一周(修改)")
    journal_write(actor=trainee, rotation=rotation, week_of=monday + 7 * DAY, body="第二周")

    entries = RotationJournalEntry.objects.filter(rotation=rotation).order_by("week_starts_on")
    assert [(e.week_starts_on, e.body) for e in entries] == [
        (monday, "第一周(修改)"),
        (monday + 7 * DAY, "第二周"),
    ]
    with pytest.raises(EngineRefusal, match="outside the rotation"):
        journal_write(actor=trainee, rotation=rotation, week_of=TODAY + 60 * DAY, body="x")
    with pytest.raises(NotAllowed):
        journal_write(actor=rotation.host, rotation=rotation, week_of=TODAY, body="x")


def test_the_host_completes_the_rotation_at_its_end(office, east, west):
    trainee, host = f.trainee(east), f.host(west)
    running = schedule(office, trainee, host, TODAY - 10 * DAY)
    with pytest.raises(EngineRefusal, match="runs until"):
        rotation_complete(actor=host, rotation=running)
    ended = f.rotation(trainee, host, starts_on=TODAY - 60 * DAY, ends_on=TODAY - 40 * DAY)
    assert rotation_complete(actor=host, rotation=ended).status == Rotation.Status.COMPLETED


@pytest.mark.postgresql
def test_the_database_refuses_an_overlapping_insert(east, west):
    trainee, host = f.trainee(east), f.host(west)
    f.rotation(trainee, host, starts_on=TODAY, ends_on=TODAY + 10 * DAY)

    with pytest.raises(IntegrityError, match="rotation_trainee_no_overlap"), transaction.atomic():
        f.rotation(trainee, host, starts_on=TODAY + 10 * DAY, ends_on=TODAY + 20 * DAY)
    # Touching is not overlapping, and cancelled rotations do not count.
    f.rotation(trainee, host, starts_on=TODAY + 11 * DAY, ends_on=TODAY + 20 * DAY)
    f.rotation(trainee, host, starts_on=TODAY, ends_on=TODAY + 5 * DAY, status="cancelled")


def _race(jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = []

    def run(job):
        try:
            barrier.wait()
            job()
            outcomes.append("scheduled")
        except EngineRefusal:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_host_capacity_holds_when_two_schedulings_race(office, east, west):
    host = f.host(west, capacity=1)
    trainees = [f.trainee(east), f.trainee(east)]

    outcomes = _race([lambda t=t: schedule(office, t, host, TODAY) for t in trainees])

    assert outcomes == ["refused", "scheduled"]
    assert Rotation.objects.filter(host=host).count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_trainee_is_not_double_booked_when_two_schedulings_race(office, east, west, north):
    trainee = f.trainee(east)
    hosts = [f.host(west), f.host(north)]

    outcomes = _race([lambda h=h: schedule(office, trainee, h, TODAY) for h in hosts])

    assert outcomes == ["refused", "scheduled"]
    assert Rotation.objects.filter(trainee=trainee).count() == 1

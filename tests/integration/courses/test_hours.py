import datetime
from decimal import Decimal

import pytest

from courses.exceptions import EngineRefusal, NotAllowed
from courses.models import HoursEntry, StageHoursTarget
from courses.selectors import hours_summary
from courses.services import hours_credit_manual, hours_target_set
from lms.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_manual_credit_needs_the_office_and_a_reason(office, trainee):
    with pytest.raises(NotAllowed):
        hours_credit_manual(actor=trainee, trainee=trainee, hours=5, reason="自学")
    with pytest.raises(EngineRefusal):
        hours_credit_manual(actor=office, trainee=trainee, hours=5, reason="")

    hours_credit_manual(actor=office, trainee=trainee, hours="1.5", reason="参加区委党校培训")

    assert hours_summary(trainee).earned == Decimal("1.5")
    assert AuditEntry.objects.filter(action="hours.manual", actor=office).count() == 1


@pytest.mark.parametrize("bad", ["abc", "0", "-2", "1e9", "NaN"])
def test_bad_hours_are_refused_and_nothing_is_saved(office, trainee, bad):
    with pytest.raises(EngineRefusal):
        hours_credit_manual(actor=office, trainee=trainee, hours=bad, reason="测试")
    assert not HoursEntry.objects.exists()


def test_a_correction_may_be_negative_and_both_lines_are_kept(office, trainee):
    hours_credit_manual(actor=office, trainee=trainee, hours=4, reason="重复登记")
    hours_credit_manual(actor=office, trainee=trainee, hours=-2, reason="更正", correction=True)

    assert HoursEntry.objects.filter(trainee=trainee).count() == 2
    assert hours_summary(trainee).earned == Decimal("2.0")


def test_the_target_is_the_trainees_own_or_the_stage_default(office, trainee):
    year = datetime.date.today().year
    StageHoursTarget.objects.create(stage="trainee", hours=Decimal("60"))
    assert hours_summary(trainee, year).target == Decimal("60")

    hours_target_set(actor=office, trainee=trainee, year=year, hours=80)
    summary = hours_summary(trainee, year)
    assert summary.target == Decimal("80")
    assert summary.remaining == Decimal("80")


def test_hours_of_another_year_do_not_count(office, trainee):
    hours_credit_manual(
        actor=office, trainee=trainee, hours=3, reason="去年", earned_on=datetime.date(2020, 5, 1)
    )
    assert hours_summary(trainee, 2020).earned == Decimal("3")
    assert hours_summary(trainee, 2021).earned == Decimal("0")

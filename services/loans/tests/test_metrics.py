"""Days per stage and the eligibility promise: the figures the sla app shows."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.plugins import registry
from services.loans import metrics
from services.loans.enums import LoanStage
from services.loans.models import LoanApplication, StageChange

from .factories import LoanApplicationFactory

S = LoanStage
pytestmark = pytest.mark.django_db


def period(days=60):
    now = timezone.now()
    return now - dt.timedelta(days=days), now


def test_days_per_stage_come_from_the_timeline():
    LoanApplicationFactory(deposited=True)  # one day in each stage (the factory's timeline)
    slow = LoanApplicationFactory(eligible=True)
    # The slow one waited four days for its review to start.
    changes = list(slow.stage_changes.order_by("at"))
    StageChange.objects.filter(pk=changes[0].pk).update(at=changes[1].at - dt.timedelta(days=4))
    figures = metrics.days_per_stage(*period())
    assert figures[S.SUBMITTED] == {"days": 2.5, "count": 2}
    assert figures[S.UNDER_REVIEW] == {"days": 1.0, "count": 2}
    assert figures[S.SENT_TO_FUND] == {"days": 1.0, "count": 1}
    assert figures[S.RETURNED] == {"days": None, "count": 0}


def test_stays_that_ended_outside_the_period_are_left_out():
    LoanApplicationFactory(deposited=True, submitted_at=timezone.now() - dt.timedelta(days=200))
    assert metrics.days_per_stage(*period(60))[S.SUBMITTED]["count"] == 0


def test_the_plugin_reports_its_figures_for_the_loan_service_only(home_page):
    from sla.tests.factories import ServiceFactory, make_units

    units = make_units(home_page)
    ServiceFactory(
        code="LOAN-01", responsible_unit=units["welfare-office"], response_target_value=10
    )
    on_time = LoanApplicationFactory(eligible=True)  # decided two days after submission
    late = LoanApplicationFactory(submitted_at=timezone.now() - dt.timedelta(days=40))
    assert {on_time.stage, late.stage} == {S.ELIGIBLE, S.SUBMITTED}

    start, end = period(90)
    by_key = {metric.key: metric for metric in registry.sla_metrics("LOAN-01", start, end)}
    assert by_key["decided_in_time"].value == 50.0
    assert by_key["decided_in_time"].sample_size == 2
    assert by_key["days_submitted"].unit == "روز"
    assert by_key["days_submitted"].higher_is_better is False
    assert by_key["days_submitted"].target == 3
    assert "days_to_deposit" in by_key
    assert registry.get("loans").get_sla_metrics("IT-01", start, end) == []


def test_reports_count_and_sum_per_stage_type_and_term():
    LoanApplicationFactory.create_batch(2, requested_amount=10_000_000)
    LoanApplicationFactory(deposited=True)
    data = metrics.report(LoanApplication.objects.all())
    stages = {row["stage"]: row for row in data["stages"]}
    assert stages[S.SUBMITTED]["count"] == 2 and stages[S.SUBMITTED]["requested"] == 20_000_000
    assert stages[S.DEPOSITED]["documented"] == 30_000_000
    assert data["totals"]["count"] == 3 and data["totals"]["deposited"] == 30_000_000
    assert sum(row["count"] for row in data["types"]) == 3

"""The demo content: loan types with open windows, applications in every stage."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.plugins import registry
from services.loans.enums import LoanStage
from services.loans.models import FundBatch, LoanApplication, LoanType, StageChange

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_stage_and_loads_twice_without_duplicates(client):
    call_command("load_demo", stdout=StringIO())
    counts = (
        LoanType.objects.count(),
        LoanApplication.objects.count(),
        StageChange.objects.count(),
        FundBatch.objects.count(),
    )
    assert set(LoanApplication.objects.values_list("stage", flat=True)) == set(LoanStage.values)
    assert set(LoanType.objects.values_list("slug", flat=True)) == {
        "tuition",
        "essential",
        "housing-deposit",
        "doctoral",
        "emergency",
    }
    today = timezone.localdate()
    assert all(loan_type.open_window(today) for loan_type in LoanType.objects.all())
    # Timelines are spread over past days, so the stage figures are not all zero.
    deposited = LoanApplication.objects.filter(stage=LoanStage.DEPOSITED).first()
    assert deposited.stage_changes.count() == 7
    assert (timezone.now() - deposited.submitted_at).days >= 20

    call_command("load_demo", stdout=StringIO())
    assert counts == (
        LoanType.objects.count(),
        LoanApplication.objects.count(),
        StageChange.objects.count(),
        FundBatch.objects.count(),
    )

    # The catalog's loan service starts at the loans plugin, and its card gets figures.
    from sla.models import Service

    service = Service.objects.get(code="LOAN-01")
    assert registry.service_start_url(service) == "/loans/"
    now = timezone.now()
    metrics = {
        m.key: m for m in registry.sla_metrics("LOAN-01", now - timezone.timedelta(days=365), now)
    }
    assert metrics["days_under_review"].value is not None
    assert metrics["decided_in_time"].sample_size > 0
    body = client.get("/loans/").content.decode()
    assert "وام ودیعهٔ مسکن دانشجویان متأهل" in body and "وام ویژهٔ دانشجویان دکتری" in body

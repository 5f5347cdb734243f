"""The desk's SLA figures for one catalog service over a period (for the sla app)."""

from __future__ import annotations

from statistics import median

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import SLAMetric
from sla.enums import TimeUnit
from sla.models import Service

from .enums import AWAITING_ANSWER
from .models import ServiceRequest


def service_metrics(service_code: str, start, end, now=None) -> list[SLAMetric]:
    now = now or timezone.now()
    requests = ServiceRequest.objects.for_service(service_code).submitted_between(start, end)
    counts = requests.aggregate(
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        in_time=Count("pk", filter=Q(answered_in_time=True)),
        # Not answered yet and already late: these count against the promise too.
        late_open=Count(
            "pk",
            filter=Q(answered_at__isnull=True, status__in=AWAITING_ANSWER, due_at__lt=now),
        ),
        rated=Count("pk", filter=Q(rating__isnull=False)),
        rating=Avg("rating"),
    )
    judged = counts["answered"] + counts["late_open"]
    share = round(100 * counts["in_time"] / judged, 1) if judged else None

    hours = list(
        requests.filter(first_reply_working_hours__isnull=False).values_list(
            "first_reply_working_hours", flat=True
        )
    )
    target = _target_hours(service_code)
    return [
        SLAMetric(
            "answered_in_time",
            _("Requests answered within the promised time"),
            share,
            "%",
            target=95,
            sample_size=judged,
        ),
        SLAMetric(
            "median_first_reply",
            _("Median time to the first reply"),
            round(median(hours), 1) if hours else None,
            str(_("working hours")),
            target=target,
            higher_is_better=False,
            sample_size=len(hours),
        ),
        SLAMetric(
            "average_rating",
            _("Average rating by citizens"),
            round(counts["rating"], 2) if counts["rating"] is not None else None,
            "/5",
            target=4,
            sample_size=counts["rated"],
        ),
    ]


def _target_hours(service_code: str):
    """The response target in working hours, when the service promises it in hours."""
    service = Service.objects.filter(code=service_code).first()
    if service and service.response_target_unit == TimeUnit.WORKING_HOURS:
        return service.response_target_value
    return None

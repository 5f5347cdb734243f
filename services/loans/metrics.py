"""Figures about loan applications: days spent in each stage (the SLA figures the sla
app shows for the loans service) and the back office's reports of counts and amounts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from statistics import mean

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import SLAMetric
from cms.working_calendar import WorkingCalendar
from sla.models import Service

from . import conf
from .enums import DECISION_STAGES, MEASURED_STAGES, LoanStage
from .models import LoanApplication, StageChange

S = LoanStage
DAY = 86400


def stage_intervals(start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None):
    """(stage, days) for every stay of an application in a stage that ended within
    ``[start, end)``: what a student waited at each step."""
    changes = (
        StageChange.objects.filter(
            application__in=StageChange.objects.filter(at__gte=start, at__lt=end).values(
                "application"
            )
        )
        .order_by("application_id", "at", "pk")
        .values_list("application_id", "to_stage", "at")
    )
    intervals = []
    previous = None
    for application_id, to_stage, at in changes:
        if previous and previous[0] == application_id and start <= at < end:
            intervals.append((previous[1], (at - previous[2]).total_seconds() / DAY))
        previous = (application_id, to_stage, at)
    return intervals


def days_per_stage(start, end) -> dict[str, dict]:
    """For each measured stage: the mean days spent in it and how many stays count."""
    collected = defaultdict(list)
    for stage, days in stage_intervals(start, end):
        collected[stage].append(days)
    return {
        stage: {
            "days": round(mean(collected[stage]), 1) if collected[stage] else None,
            "count": len(collected[stage]),
        }
        for stage in MEASURED_STAGES
    }


def _decision_in_time(service_code, start, end, now):
    """(share of applications decided within the service's response target, judged).

    The decision is the welfare office's first answer on eligibility (eligible,
    returned for correction or rejected); an application still waiting past its due
    time counts as late.
    """
    service = Service.objects.filter(code=service_code).first()
    if service is None:
        return None, 0
    calendar = WorkingCalendar.load()
    applications = LoanApplication.objects.submitted_between(start, end).values_list(
        "pk", "submitted_at", "stage"
    )
    decisions = {}
    for application_id, at in (
        StageChange.objects.filter(
            application__submitted_at__gte=start,
            application__submitted_at__lt=end,
            to_stage__in=DECISION_STAGES,
        )
        .order_by("application_id", "at")
        .values_list("application_id", "at")
    ):
        decisions.setdefault(application_id, at)
    judged = in_time = 0
    for pk, submitted_at, stage in applications:
        due = calendar.due_at(
            submitted_at, service.response_target_value, service.response_target_unit
        )
        decided = decisions.get(pk)
        if decided is not None:
            judged += 1
            in_time += int(due is None or decided <= due)
        elif stage in (S.SUBMITTED, S.UNDER_REVIEW) and due is not None and due < now:
            judged += 1
        # Cancelled before review, or still within time: not judged yet.
    return (round(100 * in_time / judged, 1) if judged else None), judged


def service_metrics(service_code: str, start, end, now=None) -> list[SLAMetric]:
    now = now or timezone.now()
    share, judged = _decision_in_time(service_code, start, end, now)
    metrics = [
        SLAMetric(
            "decided_in_time",
            _("Eligibility decided within the promised time"),
            share,
            "%",
            target=95,
            sample_size=judged,
        )
    ]
    targets = conf.stage_targets()
    for stage, figures in days_per_stage(start, end).items():
        metrics.append(
            SLAMetric(
                f"days_{stage}",
                _("Days in stage: %(stage)s") % {"stage": S(stage).label},
                figures["days"],
                str(_("days")),
                target=targets.get(stage),
                higher_is_better=False,
                sample_size=figures["count"],
            )
        )
    total = _days_to_deposit(start, end)
    metrics.append(
        SLAMetric(
            "days_to_deposit",
            _("Days from application to deposit"),
            total["days"],
            str(_("days")),
            target=sum(targets.get(s, 0) for s in MEASURED_STAGES if s != S.RETURNED) or None,
            higher_is_better=False,
            sample_size=total["count"],
        )
    )
    return metrics


def _days_to_deposit(start, end) -> dict:
    deposited = StageChange.objects.filter(to_stage=S.DEPOSITED, at__gte=start, at__lt=end)
    values = []
    submitted = dict(
        LoanApplication.objects.filter(pk__in=deposited.values("application")).values_list(
            "pk", "submitted_at"
        )
    )
    for application_id, at in deposited.values_list("application_id", "at"):
        if application_id in submitted:
            values.append((at - submitted[application_id]).total_seconds() / DAY)
    return {"days": round(mean(values), 1) if values else None, "count": len(values)}


# Reports


def _amounts():
    return {
        "count": Count("pk"),
        "requested": Sum("requested_amount"),
        "documented": Sum("document_amount"),
        "deposited": Sum("document_amount", filter=Q(stage=S.DEPOSITED)),
    }


def report(queryset) -> dict:
    """Counts and amounts per stage, per loan type and per term (one query each)."""
    by_stage = {row["stage"]: row for row in queryset.values("stage").annotate(**_amounts())}
    stages = [
        {"stage": stage, "label": label, **by_stage.get(stage, {"count": 0})}
        for stage, label in S.choices
    ]
    by_type = list(
        queryset.values("loan_type__name", "loan_type__name_en", "loan_type_id")
        .annotate(
            **_amounts(),
            **{f"n_{stage}": Count("pk", filter=Q(stage=stage)) for stage in S.values},
        )
        .order_by("loan_type__sort_order", "loan_type__name")
    )
    by_term = list(
        queryset.values("term_id", "term__year", "term__half")
        .annotate(**_amounts())
        .order_by("-term__year", "-term__half")
    )
    totals = queryset.aggregate(**_amounts())
    return {"stages": stages, "types": by_type, "terms": by_term, "totals": totals}

"""Demo requests that give every desk service's card live figures.

Each live catalog service the desk answers (all but those another plugin delivers, such
as the loans) gets three requests, as citizens send them from the service's start button, answered by the unit's staff and rated through
the real workflow (:func:`~services.desk.submission.create_request`,
:func:`~services.desk.workflow.reply`, :func:`~services.desk.workflow.rate`). The
workflow stamps "now"; each timeline is then moved back to the past weeks (on working
days, as the working calendar counts them) and the figures recomputed from it, as the
loans demo does. Two answers come within the promised time, one late.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from cms.demo import demo_loader
from cms.working_calendar import WorkingCalendar
from sla.enums import TimeUnit
from sla.models import Service

from . import submission, workflow
from .enums import RequestChannel, RequestStatus
from .models import DeskStaff, RequestMessage, ServiceRequest
from .routing import handling_unit

# (days ago, share of the promised time the answer took, rating or None)
SCHEDULE = ((12, 0.3, 5), (31, 0.6, 4), (58, 1.4, 2))
CITIZENS = ("زهرا کریمی", "علی اکبری", "سمیه رحیمی")
# Each demo citizen has a number of their own (0935, the service, the citizen), so that
# no number reaches the per-destination cap of the public forms.
MOBILE_PREFIX = "0935"
BODY = "با سلام، لطفاً دربارهٔ «{title}» راهنمایی و اقدام فرمایید. مدارک لازم آماده است."
REPLY = "درخواست شما بررسی و انجام شد. در صورت نیاز از صفحهٔ پیگیری با ما در تماس باشید."


def _desk_delivers(service) -> bool:
    """Whether the desk starts ``service`` (its form or an editor's form page), not
    another plugin."""
    return bool(apps.get_app_config("desk").get_service_start_url(service))


def _answered_at(calendar, service_request, submitted, share) -> dt.datetime:
    """When an answer that took ``share`` of the promised working time came."""
    value, unit = service_request.response_target()
    promised = calendar.working_time_between(submitted, calendar.due_at(submitted, value, unit))
    hours = max(0.5, round(promised.total_seconds() / 3600 * share, 1))
    return calendar.due_at(submitted, hours, TimeUnit.WORKING_HOURS)


def _submitted_on(calendar, days_ago: int, now: dt.datetime) -> dt.datetime:
    """09:00 on the working day ``days_ago`` days back (or the one before it)."""
    day = timezone.localdate(now) - dt.timedelta(days=days_ago)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=calendar.tz)


def _backdate(service_request, submitted, answered, calendar):
    """Moves the request's timeline to ``submitted`` / ``answered`` and recomputes what
    the figures read from it."""
    ServiceRequest.objects.filter(pk=service_request.pk).update(submitted_at=submitted)
    service_request.status_changes.filter(to_status=RequestStatus.NEW).update(at=submitted)
    service_request.status_changes.exclude(to_status=RequestStatus.NEW).update(at=answered)
    RequestMessage.objects.filter(request=service_request).update(created_at=answered)
    service_request.refresh_from_db()
    service_request.first_replied_at = service_request.answered_at = answered
    service_request.due_at = service_request.compute_due_at(calendar=calendar)
    service_request.answered_in_time = answered <= service_request.due_at
    service_request.first_reply_working_hours = service_request.working_hours_until(
        answered, calendar=calendar
    )
    if service_request.rated_at:
        service_request.rated_at = answered + dt.timedelta(days=1)
    service_request.save()


def _answer(service, staff, calendar, now) -> None:
    for number, ((days_ago, share, rating), name) in enumerate(
        zip(SCHEDULE, CITIZENS, strict=True)
    ):
        mobile = f"{MOBILE_PREFIX}{service.pk % 1000:03d}{number + 1:04d}"
        service_request = submission.create_request(
            channel=RequestChannel.REQUEST,
            unit=service.responsible_unit,
            service=service,
            citizen={"name": name, "mobile": mobile},
            subject=service.title[:200],
            body=BODY.format(title=service.title),
        )
        workflow.reply(service_request, user=staff, body=REPLY, then=RequestStatus.ANSWERED)
        if rating:
            workflow.rate(service_request, rating=rating)
        submitted = _submitted_on(calendar, days_ago, now)
        answered = _answered_at(calendar, service_request, submitted, share)
        _backdate(service_request, submitted, min(answered, now), calendar)


@demo_loader(order=57)
def load_service_figures(stdout):
    calendar = WorkingCalendar.load()
    now = timezone.now()
    filled = 0
    services = Service.objects.live().open().select_related("responsible_unit")
    for service in services:
        if ServiceRequest.objects.filter(
            service=service, mobile__startswith=MOBILE_PREFIX
        ).exists():
            continue  # loaded before
        if not _desk_delivers(service):
            continue
        handler = handling_unit(service.responsible_unit)
        membership = DeskStaff.objects.filter(unit=handler).select_related("user").first()
        if membership is None:
            stdout.write(f"  desk: nobody answers {service.code}; its figures skipped")
            continue
        _answer(service, membership.user, calendar, now)
        filled += 1
    stdout.write(f"  desk: {filled} service(s) given answered demo requests for their figures")

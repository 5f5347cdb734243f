"""Demo content of the service desk: staff of a few units, an editor-built service form,
and citizens' requests in every status across several units, some of them overdue.

The requests go through the real workflow (:mod:`services.desk.workflow`, and
:mod:`services.desk.meetings` for meeting times), which stamps "now"; each timeline is
then moved back over the past days and the figures recomputed from it, as the loans
demo does. Idempotent: requests are found by their (fixed, demo-only) tracking codes,
staff by username, the form page by its slug. Units and services come from the
sitepages and sla demo content; whatever is missing is skipped with a note.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.demo import demo_loader, set_demo_password
from cms.working_calendar import WorkingCalendar
from sitepages.models import HomePage, UnitPage
from sla.models import Service

from . import demo_requests as data
from . import meetings, submission, workflow
from .demo_figures import load_service_figures  # noqa: F401 (registers its loader)
from .demo_meetings import load_meeting_hours
from .enums import Actor, MessageKind, RequestChannel, RequestStatus
from .models import DeskStaff, RequestMessage, ServiceFormField, ServiceFormPage, ServiceRequest

S = RequestStatus


def _unit(slug):
    return UnitPage.objects.filter(slug=slug, locale__language_code="fa").first()


def _service(code):
    if not code:
        return None

    return Service.objects.filter(code=code).first()


def load_staff(stdout):
    users = {}
    for username, first, last, slug, role in data.STAFF:
        unit = _unit(slug)
        if unit is None:
            stdout.write(f"  desk: unit {slug} not found, staff {username} skipped")
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.ac.ir"},
        )
        if created:
            set_demo_password(user)
            user.save()
        DeskStaff.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
        users.setdefault(slug, user)
    return users


def load_form_page(stdout):
    spec = data.FORM_PAGE
    home = HomePage.objects.filter(depth=2, locale__language_code="fa").first()
    unit = _unit(spec["unit"])
    if home is None or unit is None:
        stdout.write("  desk: no home page or education unit, service form skipped")
        return
    if ServiceFormPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
        return
    page = ServiceFormPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        unit=unit,
        service=_service(spec["service"]),
    )
    page.form_fields = [
        ServiceFormField(
            label=label, field_type=kind, choices=choices, required=True, sort_order=order
        )
        for order, (label, kind, choices) in enumerate(spec["fields"])
    ]
    home.add_child(instance=page)
    page.save_revision().publish()


def _meeting_time(service_request, days):
    """10:00 (Tehran) ``days`` from now, or the first day after it the unit receives people."""
    calendar = WorkingCalendar.load()
    day = timezone.localdate() + dt.timedelta(days=days)
    for _tries in range(30):
        starts_at = dt.datetime.combine(day, dt.time(10, 0), tzinfo=calendar.tz)
        if not meetings.meeting_time_errors(service_request, starts_at):
            return starts_at
        day += dt.timedelta(days=1)
    raise RuntimeError(f"No meeting time for {service_request.unit} in 30 days")


def _walk(service_request, status, user, reply):
    """Moves the request to ``status`` through the workflow, as its staff and citizen would."""
    for step in {
        S.NEW: [],
        S.IN_PROGRESS: [S.IN_PROGRESS],
        S.WAITING: [S.IN_PROGRESS, S.WAITING],
        S.SCHEDULED: [S.IN_PROGRESS, S.SCHEDULED],
        S.ANSWERED: [S.IN_PROGRESS, S.ANSWERED],
        S.CLOSED: [S.IN_PROGRESS, S.ANSWERED, S.CLOSED],
        S.REJECTED: [S.REJECTED],
        S.WITHDRAWN: [S.WITHDRAWN],
    }[status]:
        if step == S.WITHDRAWN:
            workflow.withdraw(service_request)
        elif step in (S.ANSWERED, S.WAITING) and reply:
            workflow.reply(service_request, user=user, body=reply, then=step)
        elif step == S.SCHEDULED:
            continue  # the citizen accepts the proposed time (below)
        else:
            reason = data.REJECTION_REASON if step == S.REJECTED else ""
            workflow.change_status(
                service_request, step, actor=Actor.STAFF, user=user, reason=reason
            )
    if status == S.IN_PROGRESS and reply:
        workflow.reply(service_request, user=user, body=reply)
    if service_request.channel == RequestChannel.MEETING:
        scheduled = status == S.SCHEDULED
        proposal = meetings.propose_meeting(
            service_request,
            user=user,
            starts_at=_meeting_time(service_request, 2 if scheduled else 5),
            official_name=data.MEETING_OFFICIAL,
            location=data.MEETING_LOCATION,
        )
        if scheduled:
            meetings.respond_to_meeting(service_request, proposal.pk, accept=True)
    else:
        workflow.add_note(service_request, user=user, body=data.NOTE)


def _backdate(service_request, days_ago, now, calendar):
    """Spreads the request's timeline over the past ``days_ago`` days (a step of a quarter
    of them, a day at least, between changes) and recomputes what is read from it."""
    submitted = now - dt.timedelta(days=days_ago, hours=3)
    step = dt.timedelta(days=max(1, days_ago // 4))
    changes = list(service_request.status_changes.order_by("at", "pk"))
    times, at = [], submitted
    for index, change in enumerate(changes):
        at = submitted if index == 0 else min(at + step, now)
        times.append((change.at, at))
        change.__class__.objects.filter(pk=change.pk).update(at=at)
    messages = RequestMessage.objects.filter(request=service_request)
    first_reply = None
    for message in messages.order_by("created_at", "pk"):
        if message.kind == MessageKind.NOTE:
            moved = submitted
        else:  # a reply: when the change it came with (the next one) was made
            moved = next((new for old, new in times if old >= message.created_at), at)
            if message.kind == MessageKind.REPLY:
                first_reply = first_reply or moved
        RequestMessage.objects.filter(pk=message.pk).update(created_at=moved)
    by_status = {change.to_status: new for change, (_old, new) in zip(changes, times, strict=True)}
    service_request.refresh_from_db()
    service_request.submitted_at = submitted
    service_request.answered_at = by_status.get(S.ANSWERED)
    service_request.closed_at = next(
        (by_status[s] for s in (S.CLOSED, S.REJECTED, S.WITHDRAWN) if s in by_status), None
    )
    service_request.first_replied_at = first_reply
    service_request.due_at = service_request.compute_due_at(calendar=calendar)
    service_request.answered_in_time = (
        None
        if service_request.answered_at is None
        else service_request.due_at is None or service_request.answered_at <= service_request.due_at
    )
    service_request.first_reply_working_hours = (
        service_request.working_hours_until(first_reply, calendar=calendar) if first_reply else None
    )
    service_request.save()


def load_requests(stdout, staff):
    calendar = WorkingCalendar.load()
    now = timezone.now()
    created = 0
    for row in data.REQUESTS:
        code, channel, slug, service_code, status, days_ago, name, mobile = row[:8]
        subject, body, reply, concerned = row[8:]
        if ServiceRequest.objects.filter(tracking_code=code).exists():
            continue
        unit = _unit(slug)
        if unit is None:
            stdout.write(f"  desk: unit {slug} not found, request {code} skipped")
            continue
        meeting = channel == RequestChannel.MEETING
        service_request = submission.create_request(
            channel=channel,
            unit=unit,
            citizen={"name": name, "mobile": mobile},
            subject=subject,
            body=body,
            service=_service(service_code),
            concerned_unit=_unit(concerned) if concerned else None,
            preferred_days=data.MEETING_DAYS if meeting else "",
            preferred_times=data.MEETING_TIMES if meeting else "",
        )
        # The demo's fixed code (the README's examples), and the meeting's official by name.
        service_request.tracking_code = code
        service_request.official_name = data.MEETING_OFFICIAL if meeting else ""
        service_request.save(update_fields=["tracking_code", "official_name"])
        user = staff.get(slug)
        if user is not None:
            workflow.assign(service_request, assignee=user, user=user)
        _walk(service_request, status, user, reply)
        if code in data.RATINGS:
            rating, comment = data.RATINGS[code]
            workflow.rate(service_request, rating=rating, comment=comment)
        _backdate(service_request, days_ago, now, calendar)
        created += 1
    stdout.write(f"  desk: {created} demo requests created")


@demo_loader(order=50)
def load_desk(stdout):
    if not UnitPage.objects.exists():
        stdout.write("  desk: no units yet, demo requests skipped")
        return
    with transaction.atomic():
        load_meeting_hours(stdout)
        staff = load_staff(stdout)
        load_form_page(stdout)
        load_requests(stdout, staff)

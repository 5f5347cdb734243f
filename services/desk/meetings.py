"""Meetings: when a time may be proposed, the proposals' transitions table, and what
accepting or confirming a time does to the request.

A proposed time must be in the future, on a working day of the working calendar
(:mod:`cms.working_calendar`: the week, official holidays and editors' corrections), inside the
unit's office hours and, when the official has structured meeting hours
(:class:`~services.desk.models.MeetingHours`), inside one of them. Each refusal is a
Persian message for the field it concerns (``date`` or ``time``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.formatting import fa_digits, jdate, jdatetime
from cms.i18n import Weekday
from cms.jalali import to_local
from cms.transitions import Transition, Workflow
from cms.working_calendar import WorkingCalendar

from . import notify
from .enums import OPEN, Actor, MeetingStatus, RequestChannel, RequestStatus, can_transition
from .models import MeetingHours, MeetingProposal, ServiceRequest
from .routing import canonical_unit
from .workflow import TransitionNotAllowed, change_status

M = MeetingStatus

# The only moves a meeting proposal can make, and who may make each (the shared table
# shape of :mod:`cms.transitions`). Declined and cancelled proposals are final: they can
# never be answered again.
PROPOSALS = Workflow(
    [
        Transition(M.PROPOSED, M.ACCEPTED, {Actor.CITIZEN}),
        Transition(M.PROPOSED, M.DECLINED, {Actor.CITIZEN}),
        # A new time proposed by staff replaces the ones still open.
        Transition(M.PROPOSED, M.CANCELLED, {Actor.STAFF}),
        Transition(M.ACCEPTED, M.CANCELLED, {Actor.STAFF}),
        Transition(M.CONFIRMED, M.CANCELLED, {Actor.STAFF}),
    ],
    states=MeetingStatus,
)
OPEN_PROPOSALS = (M.PROPOSED, M.ACCEPTED, M.CONFIRMED)


# Whom and when


def canonical_official(official):
    """The official on the unit's default-language page (translations copy the officials
    in the same order), where meeting hours are kept."""
    if official is None:
        return None
    unit = canonical_unit(official.page)
    if unit.pk == official.page_id:
        return official
    return unit.officials.filter(sort_order=official.sort_order).first() or official


def meeting_hours_of(official) -> list[MeetingHours]:
    official = canonical_official(official)
    if official is None:
        return []
    return MeetingHours.objects.of_official(official).in_week_order()


def describe_hours(hours) -> str:
    """«دوشنبه ۰۹:۰۰ تا ۱۱:۰۰، ...» in the active language."""
    return "، ".join(
        _("%(day)s %(starts)s to %(ends)s")
        % {
            "day": Weekday(slot.weekday).label,
            "starts": fa_digits(f"{slot.starts:%H:%M}"),
            "ends": fa_digits(f"{slot.ends:%H:%M}"),
        }
        for slot in hours
    )


def _unit_slots(unit, weekday):
    rows = list(unit.office_hours.all())
    if not rows:
        return None  # the unit publishes no hours: the calendar's apply
    return [(row.opens, row.closes) for row in rows if row.weekday == weekday]


def meeting_time_errors(service_request, starts_at, now=None) -> dict[str, list[str]]:
    """Why ``starts_at`` cannot be proposed for this request: ``{field: [messages]}``."""
    now = now or timezone.now()
    if starts_at <= now:
        return {"date": [_("Choose a time in the future.")]}
    local = to_local(starts_at)
    day = local.date()
    calendar = WorkingCalendar.load()
    holiday = calendar.holiday_name(day)
    if holiday:
        return {
            "date": [
                _("%(date)s is a holiday (%(name)s); choose a working day.")
                % {"date": jdate(day), "name": holiday}
            ]
        }
    weekday_label = Weekday(local.weekday()).label
    office = calendar.office_hours(day)
    if office is None:
        return {"date": [_("The offices are closed on %(day)s.") % {"day": weekday_label}]}
    unit = canonical_unit(service_request.unit)
    slots = _unit_slots(unit, local.weekday())
    if slots is None:
        slots = [(office[0].time(), office[1].time())]
    if not slots:
        return {
            "date": [
                _("%(unit)s does not receive people on %(day)s.")
                % {"unit": unit.title, "day": weekday_label}
            ]
        }
    if not any(opens <= local.time() < closes for opens, closes in slots):
        hours = "، ".join(
            _("%(starts)s to %(ends)s")
            % {"starts": fa_digits(f"{a:%H:%M}"), "ends": fa_digits(f"{b:%H:%M}")}
            for a, b in slots
        )
        return {
            "time": [
                _("Outside the office hours of %(unit)s on that day (%(hours)s).")
                % {"unit": unit.title, "hours": hours}
            ]
        }
    hours = meeting_hours_of(service_request.official)
    if hours and not any(slot.contains(local) for slot in hours):
        return {
            "time": [
                _("%(name)s receives citizens only at these meeting times: %(hours)s.")
                % {"name": service_request.official.name, "hours": describe_hours(hours)}
            ]
        }
    return {}


# What staff and the citizen do


def _schedule(locked: ServiceRequest, proposal: MeetingProposal) -> None:
    """The request is "scheduled", its timeline saying when (in the citizen's language)."""
    if not can_transition(locked.status, RequestStatus.SCHEDULED, Actor.SYSTEM):
        return
    with translation.override(locked.language or "fa"):
        reason = _("Meeting on %(when)s with %(name)s") % {
            "when": jdatetime(proposal.starts_at),
            "name": proposal.official_name,
        }
    change_status(
        locked, RequestStatus.SCHEDULED, actor=Actor.SYSTEM, reason=reason, notify_citizen=False
    )


def propose_meeting(
    service_request, *, user, starts_at, official_name, location="", note="", confirmed=False
) -> MeetingProposal:
    """Staff propose a time (or confirm one agreed with the citizen); the open ones are
    cancelled. Raises ``ValidationError`` ({field: messages}) for a refused time."""
    if service_request.channel != RequestChannel.MEETING:
        raise TransitionNotAllowed(_("Only meeting requests have meeting times."))
    if service_request.is_final:
        raise TransitionNotAllowed(_("This request is finished."))
    errors = meeting_time_errors(service_request, starts_at)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        for previous in locked.meeting_proposals.select_for_update().filter(
            status__in=OPEN_PROPOSALS
        ):
            if PROPOSALS.allows(previous.status, M.CANCELLED, Actor.STAFF):
                previous.status = M.CANCELLED
                previous.save(update_fields=["status"])
        if locked.status == RequestStatus.SCHEDULED:
            change_status(
                locked, RequestStatus.IN_PROGRESS, actor=Actor.SYSTEM, notify_citizen=False
            )
        proposal = MeetingProposal.objects.create(
            request=locked,
            starts_at=starts_at,
            official_name=official_name,
            location=location,
            note=note,
            status=M.CONFIRMED if confirmed else M.PROPOSED,
            created_by=user,
        )
        if confirmed:
            _schedule(locked, proposal)
        transaction.on_commit(lambda: notify.meeting_proposed(locked, proposal))
    _refresh(service_request)
    return proposal


def respond_to_meeting(service_request, proposal_id: int, *, accept: bool) -> MeetingProposal:
    """The citizen accepts or declines a proposed time (once: the table refuses more)."""
    target = M.ACCEPTED if accept else M.DECLINED
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        proposal = locked.meeting_proposals.select_for_update().filter(pk=proposal_id).first()
        if proposal is None or not PROPOSALS.allows(proposal.status, target, Actor.CITIZEN):
            raise TransitionNotAllowed(_("This meeting time can no longer be answered."))
        if accept and proposal.starts_at <= timezone.now():
            raise TransitionNotAllowed(_("This meeting time has passed; it cannot be accepted."))
        proposal.status = target
        proposal.responded_at = timezone.now()
        proposal.save(update_fields=["status", "responded_at"])
        if accept:
            _schedule(locked, proposal)
        transaction.on_commit(lambda: notify.meeting_answered(locked, proposal))
    _refresh(service_request)
    return proposal


def _refresh(service_request) -> None:
    service_request.refresh_from_db(fields=["status", "due_at", "closed_at"])


def scheduled_meeting(service_request) -> MeetingProposal | None:
    """The agreed time of a meeting request, if any."""
    return (
        service_request.meeting_proposals.filter(status__in=(M.ACCEPTED, M.CONFIRMED))
        .order_by("-created_at")
        .first()
    )


# The day-before reminder (``manage.py desk_remind``)


def tomorrow_window(now=None):
    """Midnight to midnight of tomorrow in the display zone, as aware datetimes."""
    local = to_local(now or timezone.now())
    today, zone = local.date(), local.tzinfo
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), zone)
    return start, dt.datetime.combine(today + dt.timedelta(days=2), dt.time(0), zone)


def send_reminders(now=None) -> int:
    """Texts each citizen whose agreed meeting is tomorrow, once.

    Cron-safe: a proposal is claimed by setting its ``reminded_at`` in one conditional
    UPDATE, so two runs at once never both send; a failed SMS releases the claim for the
    next run."""
    now = now or timezone.now()
    start, end = tomorrow_window(now)
    due = (
        MeetingProposal.objects.filter(
            status__in=(M.ACCEPTED, M.CONFIRMED),
            reminded_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(request__status__in=[s for s in RequestStatus if s not in OPEN])
        .select_related("request")
    )
    sent = 0
    for proposal in due:
        claimed = MeetingProposal.objects.filter(pk=proposal.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        if notify.meeting_reminder(proposal.request, proposal):
            sent += 1
        else:
            MeetingProposal.objects.filter(pk=proposal.pk).update(reminded_at=None)
    return sent

"""What happens to a request: submission, correspondence, status changes (meetings:
:mod:`services.desk.meetings`).

Views (public and admin) call these functions; each saves all or nothing, checks the
transitions table (:data:`services.desk.enums.TRANSITIONS`) and leaves notifications
to be sent once the transaction has committed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.attachments import atomic_with_files
from cms.tracking import new_tracking_code
from cms.transitions import TransitionNotAllowed

from . import notify
from .enums import (
    REASON_REQUIRED,
    Actor,
    MessageKind,
    RequestChannel,
    RequestStatus,
    can_transition,
)
from .models import (
    Attachment,
    DeskStaff,
    RequestMessage,
    ServiceRequest,
    StatusChange,
)
from .routing import canonical_unit, handling_unit

logger = logging.getLogger(__name__)


# Submission


def _new_code() -> str:
    return new_tracking_code(
        lambda code: ServiceRequest.objects.filter(tracking_code=code).exists()
    )


def _store_attachments(service_request, files, *, message=None, user=None, stored=None):
    """Writes checked files to the private storage; ``stored`` collects the names."""
    for file, kind in files:
        Attachment(
            request=service_request,
            message=message,
            from_citizen=user is None,
            uploaded_by=user,
        ).store(file, kind, stored=stored)


def create_request(
    *,
    channel,
    unit,
    citizen: dict,
    subject: str,
    body: str,
    attachments=(),
    service=None,
    concerned_unit=None,
    official=None,
    preferred_days: str = "",
    preferred_times: str = "",
    form_page=None,
    form_data=None,
    language: str = "fa",
) -> ServiceRequest:
    """Saves a new request with its attachments, all or nothing, and notifies the citizen."""

    # Requests from a translated page (/en/) go to the unit's canonical page and its staff.
    unit = canonical_unit(unit)
    concerned_unit = canonical_unit(concerned_unit)

    def operation(stored):
        for _attempt in range(5):
            service_request = ServiceRequest(
                tracking_code=_new_code(),
                channel=channel,
                unit=unit,
                service=service,
                concerned_unit=concerned_unit,
                official=official,
                official_name=f"{official.name} — {official.post}" if official else "",
                preferred_days=preferred_days,
                preferred_times=preferred_times,
                form_page=form_page,
                form_data=form_data or [],
                name=citizen["name"],
                mobile=citizen["mobile"],
                email=citizen.get("email") or "",
                national_code=citizen.get("national_code") or "",
                subject=subject,
                body=body,
                language=(language or "fa")[:8],
            )
            try:
                # A savepoint: a clash of codes (one in 10^12) retries with another.
                with transaction.atomic():
                    service_request.save()
                break
            except IntegrityError:
                if ServiceRequest.objects.filter(
                    tracking_code=service_request.tracking_code
                ).exists():
                    continue
                raise
        else:
            raise RuntimeError("Could not store the request with a fresh tracking code.")
        StatusChange.objects.create(
            request=service_request,
            from_status="",
            to_status=RequestStatus.NEW,
            actor=Actor.CITIZEN,
            at=service_request.submitted_at,
        )
        _store_attachments(service_request, attachments, stored=stored)
        service_request.due_at = service_request.compute_due_at()
        service_request.save(update_fields=["due_at"])
        transaction.on_commit(lambda: notify.request_received(service_request))
        return service_request

    return atomic_with_files(operation)


def submit_form(form, language="fa") -> ServiceRequest:
    """A request from one of the desk's own forms (request, letter, complaint, meeting);
    the form supplies its own extra fields (``request_fields()``)."""
    data = form.cleaned_data
    citizen = {key: data.get(key) for key in ("name", "mobile", "email", "national_code")}
    return create_request(
        channel=form.channel,
        unit=form.responsible_unit(),
        citizen=citizen,
        subject=data["subject"],
        body=data["body"],
        attachments=data.get("attachments") or [],
        service=data.get("service"),
        language=language,
        **form.request_fields(),
    )


def submit_form_page_request(page, form, language="fa") -> ServiceRequest:
    """A request from an editor-built ServiceFormPage."""
    data = form.cleaned_data
    answers = form.answers()
    body = "\n".join(f"{label}: {value}" for label, value in answers) or page.title
    return create_request(
        channel=RequestChannel.FORM,
        unit=page.responsible_unit,
        citizen={key: data.get(key) for key in ("name", "mobile", "email", "national_code")},
        subject=page.title[:200],
        body=body,
        attachments=data.get("attachments") or [],
        service=page.service,
        form_page=page,
        form_data=answers,
        language=language,
    )


# Status


def change_status(
    service_request: ServiceRequest,
    target: str,
    *,
    actor: str,
    user=None,
    reason: str = "",
    notify_citizen: bool = True,
) -> StatusChange:
    """Moves a request through the transitions table (and only through it).

    ``notify_citizen=False`` when the change is part of an event that tells the citizen
    itself (a reply that also marks the request answered): one message per event."""
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        if not can_transition(locked.status, target, actor):
            raise TransitionNotAllowed(
                _("A request that is “%(current)s” cannot be made “%(target)s”.")
                % {
                    "current": locked.get_status_display(),
                    "target": RequestStatus(target).label,
                }
            )
        if target in REASON_REQUIRED and not reason.strip():
            raise ValidationError(_("Say why the request is rejected."))
        now = timezone.now()
        change = StatusChange.objects.create(
            request=locked,
            from_status=locked.status,
            to_status=target,
            actor=actor,
            user=user,
            reason=reason,
            at=now,
        )
        locked.status = target
        fields = ["status", "due_at"]
        if target == RequestStatus.ANSWERED and locked.answered_at is None:
            locked.answered_at = now
            locked.answered_in_time = locked.due_at is None or now <= locked.due_at
            fields += ["answered_at", "answered_in_time"]
        if target in (RequestStatus.CLOSED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN):
            locked.closed_at = now
            fields.append("closed_at")
        if target == RequestStatus.REJECTED:
            locked.rejection_reason = reason
            fields.append("rejection_reason")
        locked.due_at = locked.compute_due_at()
        locked._change_reason = f"status: {change.from_status} → {target}"
        locked.save(update_fields=fields)
        if (
            notify_citizen
            and actor == Actor.STAFF
            and target
            in (
                RequestStatus.ANSWERED,
                RequestStatus.WAITING,
                RequestStatus.REJECTED,
                RequestStatus.CLOSED,
            )
        ):
            transaction.on_commit(lambda: notify.status_changed(locked, change))
    _refresh(service_request, locked)
    return change


def _refresh(target: ServiceRequest, source: ServiceRequest):
    for field in ServiceRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


# Correspondence


def reply(service_request, *, user, body, attachments=(), then="") -> RequestMessage:
    """A public reply of the staff; the citizen is told by email and SMS."""
    if service_request.is_final:
        raise TransitionNotAllowed(_("This request is finished; it cannot be answered."))

    def operation(stored):
        message = RequestMessage.objects.create(
            request=service_request, kind=MessageKind.REPLY, body=body, author=user
        )
        _store_attachments(service_request, attachments, message=message, user=user, stored=stored)
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        if locked.first_replied_at is None:
            locked.first_replied_at = message.created_at
            locked.first_reply_working_hours = locked.working_hours_until(message.created_at)
            locked.save(update_fields=["first_replied_at", "first_reply_working_hours"])
        if locked.status == RequestStatus.NEW and not then:
            # Answering a new request starts the work on it.
            change_status(
                locked,
                RequestStatus.IN_PROGRESS,
                actor=Actor.STAFF,
                user=user,
                notify_citizen=False,
            )
        if then:
            # The reply's own email and SMS tell the citizen; no second message for the status.
            change_status(locked, then, actor=Actor.STAFF, user=user, notify_citizen=False)
        _refresh(service_request, locked)
        transaction.on_commit(lambda: notify.replied(service_request, message))
        return message

    return atomic_with_files(operation)


def add_note(service_request, *, user, body) -> RequestMessage:
    return RequestMessage.objects.create(
        request=service_request, kind=MessageKind.NOTE, body=body, author=user
    )


def citizen_message(service_request, *, body, attachments=()) -> RequestMessage:
    """The citizen writes on the follow-up page; a wait for them ends."""
    if not service_request.accepts_citizen_messages:
        raise TransitionNotAllowed(_("This request is finished; it takes no more messages."))

    def operation(stored):
        message = RequestMessage.objects.create(
            request=service_request, kind=MessageKind.CITIZEN, body=body
        )
        _store_attachments(service_request, attachments, message=message, stored=stored)
        if service_request.status == RequestStatus.WAITING:
            change_status(service_request, RequestStatus.IN_PROGRESS, actor=Actor.SYSTEM)
        transaction.on_commit(lambda: notify.citizen_wrote(service_request, message))
        return message

    return atomic_with_files(operation)


def withdraw(service_request, *, reason=""):
    return change_status(
        service_request, RequestStatus.WITHDRAWN, actor=Actor.CITIZEN, reason=reason
    )


def rate(service_request, *, rating: int, comment: str = ""):
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        if not locked.can_be_rated:
            raise TransitionNotAllowed(_("This answer cannot be rated now."))
        if not 1 <= int(rating) <= 5:
            raise ValidationError(_("Choose a rating from 1 to 5."))
        locked.rating = int(rating)
        locked.rating_comment = comment
        locked.rated_at = timezone.now()
        locked.save(update_fields=["rating", "rating_comment", "rated_at"])
    _refresh(service_request, locked)


def assign(service_request, *, assignee, user=None):
    unit = handling_unit(service_request.unit) or service_request.unit
    if assignee is not None and not (DeskStaff.objects.filter(user=assignee, unit=unit).exists()):
        raise ValidationError(_("Only the unit's own staff can be assigned."))
    service_request.assigned_to = assignee
    service_request.save(update_fields=["assigned_to"])

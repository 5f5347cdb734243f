"""What happens to a request once submitted: correspondence and status changes
(submission: :mod:`services.desk.submission`; meetings: :mod:`services.desk.meetings`).

Views (public and admin) call these functions; each saves all or nothing, checks the
transitions table (:data:`services.desk.enums.TRANSITIONS`) and leaves notifications
to be sent once the transaction has committed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.attachments import atomic_with_files
from cms.transitions import TransitionNotAllowed

from . import notify
from .enums import (
    REASON_REQUIRED,
    Actor,
    MessageKind,
    RequestStatus,
    can_transition,
)
from .models import (
    DeskStaff,
    RequestMessage,
    ServiceRequest,
    StatusChange,
)
from .routing import handling_unit
from .submission import store_attachments

logger = logging.getLogger(__name__)


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
        store_attachments(service_request, attachments, message=message, user=user, stored=stored)
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
        store_attachments(service_request, attachments, message=message, stored=stored)
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

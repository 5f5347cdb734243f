"""A citizen's new request: from the desk's own forms or an editor-built form page,
saved with its attachments all or nothing, with a fresh tracking code.

Imports the models' modules, not the package: :class:`~services.desk.models.
ServiceFormPage` submits through here while the package is still loading.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from cms.attachments import atomic_with_files
from cms.tracking import new_tracking_code

from . import notify
from .enums import Actor, RequestChannel, RequestStatus
from .models.correspondence import Attachment
from .models.requests import ServiceRequest, StatusChange
from .routing import canonical_unit


def _new_code() -> str:
    return new_tracking_code(
        lambda code: ServiceRequest.objects.filter(tracking_code=code).exists()
    )


def store_attachments(service_request, files, *, message=None, user=None, stored=None):
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
            # Due from the moment it is sent: stored with the request itself (one row,
            # one history entry), not updated after.
            service_request.due_at = service_request.compute_due_at()
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
        store_attachments(service_request, attachments, stored=stored)
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

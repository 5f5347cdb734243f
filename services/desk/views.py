"""The citizen's side of the desk: the hub, the forms, and the follow-up at /track/.

No account is needed. A request is opened with its tracking code plus the mobile number
given with it; the opened request is kept in the session (the "tracking session"), so
neither the code nor the mobile number ever sits in a URL. Pages that show personal data
are never cached (``Cache-Control: no-store, private``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.i18n import current_language
from cms.plugins import registry
from cms.prefill import take_text
from cms.querystring import accepts
from cms.ratelimit import hit, too_many_requests
from cms.text import drop_control_characters
from cms.tracking_session import TrackingSession, private, second_factor_matches
from cms.uploads import attachment_response
from cms.views import TrackedDetailPage
from sla.models import Service
from sla.termination import ended_response, ended_service

from . import conf, meetings, submission, workflow
from .confirmation import SUBMITTED_KEY, remember_submission
from .enums import MessageKind, RequestChannel, RequestStatus
from .forms import (
    CitizenMessageForm,
    ComplaintForm,
    MeetingForm,
    RatingForm,
    RequestForm,
    TrackLookupForm,
    WithdrawForm,
    meeting_officials,
    meeting_units_of_language,
    parse_pk,
)
from .models import Attachment, ServiceFormPage, ServiceRequest

TRACKING_KEY = "desk_tracking"


tracking = TrackingSession(TRACKING_KEY, conf.tracking_session_age)


# The hub and the forms

CHANNEL_FORMS = {
    RequestChannel.REQUEST: RequestForm,
    RequestChannel.LETTER: RequestForm,
    RequestChannel.COMPLAINT: ComplaintForm,
    RequestChannel.MEETING: MeetingForm,
}


def channel_texts():
    return {
        RequestChannel.REQUEST: (
            _("Online request"),
            _("Ask a unit for a service or for information, without coming in."),
        ),
        RequestChannel.LETTER: (
            _("Online letter"),
            _("Write a letter to a unit of the university and follow the correspondence."),
        ),
        RequestChannel.COMPLAINT: (
            _("Complaint"),
            _("Complain about a unit or a service and attach your documents."),
        ),
        RequestChannel.MEETING: (
            _("Meeting request"),
            _("Ask for an in-person meeting with a deputy or manager of the university."),
        ),
    }


def hub(request):
    texts = channel_texts()
    channels = [
        {
            "key": key,
            "title": texts[key][0],
            "description": texts[key][1],
            "url": reverse("desk:form", args=[key]),
        }
        for key in CHANNEL_FORMS
    ]
    form_pages = ServiceFormPage.objects.live().public().order_by("title")
    language = current_language(request)
    form_pages = [page for page in form_pages if page.locale.language_code == language] or []
    return render(
        request,
        "desk/hub.html",
        {"channels": channels, "form_pages": form_pages, "track_url": reverse("desk_track:lookup")},
    )


def meeting_unit_row(unit):
    """The chosen unit's officials who receive citizens, their meeting hours and the
    unit's office hours (a few queries, whatever the number of units)."""
    officials = list(meeting_officials(unit))
    return {
        "unit": unit,
        "officials": [
            {"official": official, "hours": meetings.meeting_hours_of(official)}
            for official in officials
        ],
        "week": [day for day in unit.get_week(list(unit.office_hours.all())) if day["slots"]],
    }


def bad_request(request, message):
    return render(request, "desk/bad_request.html", {"message": message}, status=400)


def _meeting_unit(request):
    """The unit chosen on the meeting form (``?unit=``): ``(unit, error)``."""
    unknown = set(request.GET) - {"unit"}
    if unknown:
        return None, _("This address has parameters the page does not know.")
    raw = request.GET.get("unit", "")
    if not raw:
        return None, None
    unit = meeting_units_of_language().filter(pk=parse_pk(raw)).first()
    if unit is None:
        return None, _("The unit in this address does not exist or receives no meeting requests.")
    return unit, None


@accepts("unit", "service")
@private
def channel_form(request, channel):
    try:
        channel = RequestChannel(channel)
        form_class = CHANNEL_FORMS[channel]
    except (ValueError, KeyError) as error:
        raise Http404 from error
    kwargs = {}
    if channel == RequestChannel.MEETING and request.method == "GET":
        unit, error = _meeting_unit(request)
        if error:
            return bad_request(request, error)
        kwargs["unit"] = unit
    if form_class is RequestForm:
        code = drop_control_characters(request.GET.get("service", ""))
        if code:
            if ended := ended_service(code):
                return ended_response(request, ended, reverse("desk_track:lookup"))

            kwargs["service"] = Service.objects.live().open().filter(code=code).first()
    if request.method == "POST":
        limit, period = conf.submit_limit()
        if not hit(request, "desk-submit", limit, period):
            return too_many_requests(request, period)
        form = form_class(request.POST, request.FILES, **kwargs)
        form.channel = channel
        if form.is_valid():
            service_request = submission.submit_form(form, language=current_language(request))
            remember_submission(request, service_request)
            return redirect("desk:done")
    else:
        # What the citizen typed elsewhere (a live chat nobody could answer) as the text,
        # handed over in the session (cms.prefill), never in the address.
        text = take_text(request)
        form = form_class(initial={"body": text} if text else None, **kwargs)
    title, description = channel_texts()[channel]
    context = {"form": form, "channel": channel, "title": title, "description": description}
    if channel == RequestChannel.MEETING:
        # Rows, not pages: the picker shows only each unit's title.
        context["meeting_unit_choices"] = list(meeting_units_of_language().values("pk", "title"))
        unit = form.chosen_unit
        context["chosen_unit"] = unit
        context["meeting_row"] = meeting_unit_row(unit) if unit is not None else None
    return render(request, "desk/form.html", context)


@private
def done(request):
    submitted = request.session.get(SUBMITTED_KEY)
    service_request = None
    if submitted:
        service_request = (
            ServiceRequest.objects.filter(pk=submitted["id"], tracking_code=submitted["code"])
            .select_related("unit")
            .first()
        )
    return render(
        request,
        "desk/done.html",
        {"service_request": service_request, "track_url": reverse("desk_track:lookup")},
    )


# Follow-up: the tracking session


def find_request(code: str, mobile: str) -> ServiceRequest | None:
    """The request with this code and mobile; a wrong one of the two is the same miss."""
    candidate = ServiceRequest.objects.filter(tracking_code=code).first()
    stored = candidate.mobile if candidate else None
    return candidate if second_factor_matches(stored, mobile, "00000000000") else None


@private
def track_lookup(request):
    if request.method == "POST":
        limit, period = conf.track_limit()
        if not hit(request, "desk-track", limit, period):
            return too_many_requests(request, period)
        form = TrackLookupForm(request.POST)
        if form.is_valid():
            service_request = find_request(form.cleaned_data["code"], form.cleaned_data["mobile"])
            if service_request is not None:
                tracking.open(request, service_request)
                return redirect("desk_track:detail")
            # Not a request: another plugin's code (a live chat's transcript)?
            elsewhere = registry.find_tracked(
                request, form.cleaned_data["code"], form.cleaned_data["mobile"]
            )
            if elsewhere:
                return redirect(elsewhere)
            form.add_error(
                None,
                _(
                    "No request matches this tracking code and mobile number. "
                    "Check both and try again."
                ),
            )
    else:
        form = TrackLookupForm()
    return render(request, "desk/track_lookup.html", {"form": form})


_require_tracked = tracking.required(
    ServiceRequest.objects.with_related, "desk_track:lookup", deny_kwargs=("attachment_id",)
)


def _detail_context(service_request, **forms):
    public_messages = (
        service_request.messages.exclude(kind=MessageKind.NOTE)
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    timeline = [
        change for change in service_request.status_changes.order_by("at", "pk") if change.to_status
    ]
    return {
        "service_request": service_request,
        "timeline": timeline,
        "public_messages": public_messages,
        "request_attachments": service_request.attachments.filter(message__isnull=True),
        "proposals": service_request.meeting_proposals.order_by("-created_at"),
        "message_form": forms.get("message_form") or CitizenMessageForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "rating_form": forms.get("rating_form") or RatingForm(),
        "statuses": RequestStatus,
    }


detail_page = TrackedDetailPage("desk_track:detail", "desk/track_detail.html", _detail_context)


@_require_tracked
def track_detail(request, service_request):
    return detail_page.render(request, service_request)


@require_POST
@_require_tracked
def track_message(request, service_request):
    limit, period = conf.message_limit()
    if not hit(request, "desk-message", limit, period):
        return too_many_requests(request, period)
    return detail_page.post(
        request,
        service_request,
        CitizenMessageForm(request.POST, request.FILES),
        form_name="message_form",
        act=lambda data: workflow.citizen_message(
            service_request, body=data["body"], attachments=data["attachments"]
        ),
        success_message=_("Your message was sent to the unit."),
    )


@require_POST
@_require_tracked
def track_withdraw(request, service_request):
    return detail_page.post(
        request,
        service_request,
        WithdrawForm(request.POST),
        form_name="withdraw_form",
        act=lambda data: workflow.withdraw(service_request, reason=data["reason"]),
        success_message=_("Your request was withdrawn."),
    )


@require_POST
@_require_tracked
def track_rate(request, service_request):
    return detail_page.post(
        request,
        service_request,
        RatingForm(request.POST),
        form_name="rating_form",
        act=lambda data: workflow.rate(
            service_request, rating=data["rating"], comment=data["comment"]
        ),
        success_message=_("Thank you for rating the answer."),
    )


@require_POST
@_require_tracked
def track_meeting(request, service_request):
    try:
        proposal_id = int(request.POST.get("proposal", ""))
    except ValueError as error:
        raise Http404 from error
    accept = request.POST.get("decision") == "accept"
    try:
        meetings.respond_to_meeting(service_request, proposal_id, accept=accept)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You accepted the meeting time.")
            if accept
            else _("You declined the meeting time; the unit will propose another."),
        )
    return redirect("desk_track:detail")


@_require_tracked
def track_download(request, service_request, attachment_id):
    attachment = get_object_or_404(
        Attachment.objects.exclude(message__kind=MessageKind.NOTE),
        pk=attachment_id,
        request=service_request,
    )
    return attachment_response(attachment.file, attachment.download_name, attachment.content_type)


@require_POST
@private
def track_close(request):
    tracking.close(request)
    messages.info(request, _("The request was closed on this device."))
    return redirect("desk_track:lookup")

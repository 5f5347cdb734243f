"""The student's side: loan types, the application form, and the tracker at /loans/track/.

No account is needed. An application is opened with its tracking code plus the
student's national code; the opened application is kept in the session (the tracking
session), so neither ever sits in a URL. Pages that show a national code or a Sheba
number, or take them in, are never cached (``Cache-Control: no-store, private``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.i18n import current_language
from cms.ratelimit import hit, too_many_requests
from cms.tracking_session import TrackingSession, private, second_factor_matches
from cms.views import TrackedDetailPage
from sla.termination import ended_response, ended_service

from . import conf, notify, workflow
from .enums import LoanStage
from .forms import ApplicationForm, CancelForm, CorrectionForm, TrackLookupForm
from .models import ApplicationWindow, LoanApplication, LoanType
from .models.catalog import today

SUBMITTED_KEY = "loans_submitted"
TRACKING_KEY = "loans_tracking"


tracking = TrackingSession(TRACKING_KEY, conf.tracking_session_age)


def _loan_types():
    windows = ApplicationWindow.objects.select_related("term").order_by("opens_on")
    return LoanType.objects.active().prefetch_related(Prefetch("windows", queryset=windows))


def _ended():
    """The loan service's catalog entry once it has been terminated (SLA section 7)."""
    return ended_service(conf.service_code())


def index(request):
    if ended := _ended():
        return ended_response(request, ended, reverse("loans:track"))
    day = today()
    rows = [
        {"type": loan_type, "open": loan_type.open_window(day), "next": loan_type.next_window(day)}
        for loan_type in _loan_types()
    ]
    return render(request, "loans/index.html", {"rows": rows, "today": day})


@private
def apply(request, slug):
    if ended := _ended():
        return ended_response(request, ended, reverse("loans:track"))
    loan_type = _loan_types().filter(slug=slug).first()
    if loan_type is None:
        raise Http404
    day = today()
    window = loan_type.open_window(day)
    context = {"loan_type": loan_type, "window": window, "next_window": loan_type.next_window(day)}
    if window is None:
        return render(request, "loans/closed.html", context)
    if request.method == "POST":
        limit, period = conf.submit_limit()
        if not hit(request, "loans-submit", limit, period):
            return too_many_requests(request, period)
        form = ApplicationForm(request.POST, request.FILES, loan_type=loan_type, window=window)
        valid = form.is_valid()
        if form.has_error(NON_FIELD_ERRORS, "duplicate"):
            notify.send_existing_code(form.cleaned_data["national_code"], loan_type, window.term)
        if valid:
            data = form.cleaned_data
            try:
                application = workflow.submit_application(
                    loan_type=loan_type,
                    window=window,
                    student=data,
                    documents=data.get("documents") or [],
                    language=current_language(request),
                )
            except workflow.DuplicateApplication:
                # Whoever typed the national code learns nothing about its owner: the
                # existing code goes to the mobile number on that application.
                notify.send_existing_code(data["national_code"], loan_type, window.term)
                form.add_error(None, workflow.not_now_message())
            else:
                request.session[SUBMITTED_KEY] = {
                    "id": application.pk,
                    "code": application.tracking_code,
                }
                return redirect("loans:done")
    else:
        form = ApplicationForm(loan_type=loan_type, window=window)
    context["form"] = form
    return render(request, "loans/apply.html", context)


@private
def done(request):
    submitted = request.session.get(SUBMITTED_KEY)
    application = None
    if submitted:
        application = (
            LoanApplication.objects.with_related()
            .filter(pk=submitted["id"], tracking_code=submitted["code"])
            .first()
        )
    return render(request, "loans/done.html", {"application": application})


# The tracker


def find_application(code: str, national_code: str) -> LoanApplication | None:
    """The application with this code and national code; a wrong one of the two is the
    same miss, and both are compared whether the code exists or not."""
    candidate = LoanApplication.objects.filter(tracking_code=code).first() if code else None
    stored = candidate.national_code if candidate else None
    return candidate if second_factor_matches(stored, national_code, "0000000000") else None


def miss_message() -> str:
    return _(
        "No application matches this tracking code and national code. Check both and try again."
    )


@private
def track_lookup(request):
    if request.method == "POST":
        limit, period = conf.track_limit()
        if not hit(request, "loans-track", limit, period):
            return too_many_requests(request, period)
        form = TrackLookupForm(request.POST)
        if form.is_valid():
            application = None
            if form.is_plausible():
                application = find_application(
                    form.cleaned_data["code"], form.cleaned_data["national_code"]
                )
            if application is not None:
                tracking.open(request, application)
                return redirect("loans:track_detail")
            form.add_error(None, miss_message())
    else:
        form = TrackLookupForm()
    return render(request, "loans/track_lookup.html", {"form": form})


_require_tracked = tracking.required(LoanApplication.objects.with_related, "loans:track")


def _detail_context(application, **forms):
    timeline = list(application.stage_changes.all())
    return {
        "application": application,
        "steps": application.progress(),
        "timeline": timeline,
        "documents": application.documents.all(),
        "correction_form": forms.get("correction_form")
        or (CorrectionForm(application=application) if application.can_be_corrected else None),
        "cancel_form": forms.get("cancel_form")
        or (CancelForm() if application.can_be_cancelled else None),
        "stages": LoanStage,
    }


detail_page = TrackedDetailPage("loans:track_detail", "loans/track_detail.html", _detail_context)


@_require_tracked
def track_detail(request, application):
    return detail_page.render(request, application)


@require_POST
@_require_tracked
def track_correct(request, application):
    limit, period = conf.submit_limit()
    if not hit(request, "loans-submit", limit, period):
        return too_many_requests(request, period)
    return detail_page.post(
        request,
        application,
        CorrectionForm(request.POST, request.FILES, application=application),
        form_name="correction_form",
        act=lambda data: workflow.resubmit(
            application,
            changes=data,
            documents=data.get("documents") or [],
            note=data.get("note") or "",
        ),
        success_message=_("Your corrected application was sent back to the welfare office."),
    )


@require_POST
@_require_tracked
def track_cancel(request, application):
    return detail_page.post(
        request,
        application,
        CancelForm(request.POST),
        form_name="cancel_form",
        act=lambda data: workflow.cancel(application, note=data["note"]),
        success_message=_("Your application was cancelled."),
    )


@require_POST
@private
def track_close(request):
    tracking.close(request)
    messages.info(request, _("The application was closed on this device."))
    return redirect(reverse("loans:track"))

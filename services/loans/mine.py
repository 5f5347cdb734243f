"""The loans plugin's answer to "my requests" (:mod:`cms.plugins`): the applications
made with a mobile number, and opening one in the loan tracker's session."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.plugins import SubmissionSummary

from .models import LoanApplication
from .views import tracking


def find_submissions(mobile: str) -> list[SubmissionSummary]:
    applications = LoanApplication.objects.filter(mobile=mobile).select_related("loan_type")
    return [
        SubmissionSummary(
            plugin="loans",
            ref=str(application.pk),
            kind=_("Loan application"),
            title=str(application.loan_type),
            code=application.formatted_code,
            status=application.get_stage_display(),
            submitted_at=application.submitted_at,
        )
        for application in applications.order_by("-submitted_at")
    ]


def open_submission(request, ref: str, mobile: str) -> str | None:
    """Opens the application as its code and national code would, if it is ``mobile``'s."""
    if not ref.isdigit():
        return None
    application = LoanApplication.objects.filter(pk=int(ref), mobile=mobile).first()
    if application is None:
        return None
    tracking.open(request, application)
    return reverse("loans:track_detail")

"""Text messages and emails to students, in the language they applied in.

- On submission, and on every stage change that concerns the student (returned for
  correction, resubmitted, found eligible, rejected, document issued, deposited), one SMS
  to the application's mobile and one email to its address if given, with the tracker's
  link. :mod:`services.loans.workflow` calls these once the move has committed, so a
  move that is rolled back tells nobody anything, and a batch tells each student once.
- When the form is refused because an active application already exists for that
  national code, loan and term, its tracking code goes to the mobile number on that
  application (never to whoever typed the national code), within the per-mobile cap.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from cms.notify import link, localized_code, send_email, send_text
from cms.ratelimit import destination_allowed
from cms.sms import send_sms
from cms.text import to_persian_digits
from cms.tracking import format_tracking_code

from .enums import LoanStage
from .models import LoanApplication

S = LoanStage
# The stages a student is told about when their application reaches them; "submitted"
# after "returned" is the student's own correction, confirmed to them.
NOTIFIED_STAGES = frozenset({S.RETURNED, S.REJECTED, S.ELIGIBLE, S.DOCUMENT_ISSUED, S.DEPOSITED})


def send_existing_code(national_code: str, loan_type, term) -> bool:
    """Sends the active application's code to its own mobile number; ``True`` if sent."""
    application = (
        LoanApplication.objects.active()
        .filter(national_code=national_code, loan_type=loan_type, term=term)
        .first()
    )
    if application is None or not application.mobile:
        return False
    if not destination_allowed("sms", application.mobile):
        return False
    language = application.language or "fa"
    code = format_tracking_code(application.tracking_code)
    with translation.override(language):  # display_name() follows the active language
        text = render_to_string(
            "loans/sms/existing_code.txt",
            {
                "code": to_persian_digits(code) if language == "fa" else code,
                "loan": loan_type.display_name,
            },
        ).strip()
    return bool(send_sms(application.mobile, text, fail_silently=True))


def tracker_url(language: str = "fa") -> str:
    return link("loans:track", language)


def _tell_student(application, template: str, *, capped: bool = False, **extra) -> None:
    """One SMS and at most one email about one event. ``capped``: the event is a public
    submission, which anybody can make with anybody's mobile or email, so each
    destination gets only its hourly share (the application itself is kept)."""
    language = application.language or "fa"
    with translation.override(language):
        context = {
            "application": application,
            "code": localized_code(application.tracking_code, language),
            "loan": application.loan_type.display_name,
            "stage": application.get_stage_display(),
            "track_url": tracker_url(language),
            **extra,
        }
    email, mobile = application.email, application.mobile
    if email and (not capped or destination_allowed("email", email)):
        send_email([email], f"loans/email/{template}", context, language)
    if mobile and (not capped or destination_allowed("sms", mobile)):
        send_text(mobile, f"loans/sms/{template}.txt", context, language)


def application_received(application) -> None:
    _tell_student(application, "received", capped=True)


def stage_changed(application, change) -> None:
    """Tells the student about ``change`` when it concerns them; others pass silently."""
    if change.to_stage == S.SUBMITTED and change.from_stage == S.RETURNED:
        _tell_student(application, "resubmitted", change=change)
    elif change.to_stage in NOTIFIED_STAGES:
        _tell_student(application, "stage", change=change)

"""Text messages to students.

Only one today: when the form is refused because an active application already exists
for that national code, loan and term, its tracking code goes to the mobile number on
that application (never to whoever typed the national code), within the per-mobile cap.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from cms.ratelimit import destination_allowed
from cms.sms import send_sms
from cms.text import to_persian_digits
from cms.tracking import format_tracking_code

from .models import LoanApplication


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

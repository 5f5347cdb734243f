"""The confirmation page after a submission shows the tracking code once, from the
session, never from the URL (both the desk's own forms and editor-built form pages)."""

SUBMITTED_KEY = "desk_submitted"


def remember_submission(request, service_request) -> None:
    request.session[SUBMITTED_KEY] = {
        "id": service_request.pk,
        "code": service_request.tracking_code,
    }

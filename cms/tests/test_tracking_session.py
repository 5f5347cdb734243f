import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from cms.tests.testplugin.factories import TicketFactory
from cms.tests.testplugin.models import Ticket
from cms.tracking_session import TrackingSession, second_factor_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(units):
    return TicketFactory(unit=units["welfare-office"])


def request_with_session(method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.session = SessionStore()
    return request


def test_a_wrong_code_and_a_wrong_second_factor_are_the_same_miss():
    assert second_factor_matches("09121234567", "09121234567", "00000000000")
    assert not second_factor_matches("09121234567", "09120000000", "00000000000")
    # No such code: compared against the placeholder, and never a match.
    assert not second_factor_matches(None, "00000000000", "00000000000")


def test_the_session_opens_the_submission_until_it_expires(submission, monkeypatch):
    tracking = TrackingSession("test_tracking", lambda: 60)
    request = request_with_session()
    tracking.open(request, submission)
    assert tracking.current(request, Ticket.objects.all()) == submission
    clock = time.time() + 61
    monkeypatch.setattr("cms.tracking_session.time.time", lambda: clock)
    assert tracking.current(request, Ticket.objects.all()) is None
    assert "test_tracking" not in request.session


def test_required_views_get_the_submission_or_refuse(submission):
    tracking = TrackingSession("test_tracking", lambda: 60)

    @tracking.required(Ticket.objects.all, "/lookup/")
    def view(request, obj):
        return HttpResponse(obj.text)

    visitor = request_with_session()
    assert view(visitor)["Location"] == "/lookup/"
    with pytest.raises(PermissionDenied):
        view(request_with_session("post"))
    tracking.open(visitor, submission)
    response = view(visitor)
    assert response.content.decode() == submission.text
    assert "no-store" in response["Cache-Control"]

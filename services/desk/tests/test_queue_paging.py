"""The staff queue's pages hold the same requests, in the same order, as a plain
OFFSET page would, without joining every skipped row (cms.backoffice.paging)."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.backoffice.paging import DeferredJoinPaginator
from services.desk.models import ServiceRequest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


def test_every_page_matches_the_plain_pages_and_joins_only_the_shown_rows(units):
    now = timezone.now()
    for number in range(13):
        ServiceRequestFactory(
            unit=units["welfare-office"], submitted_at=now - dt.timedelta(hours=number)
        )
    queue = ServiceRequest.objects.select_related("unit", "service").order_by("-submitted_at")
    plain, deferred = Paginator(queue, 5), DeferredJoinPaginator(queue, 5)
    for number in (1, 2, 3):
        assert list(deferred.page(number)) == list(plain.page(number))
    with CaptureQueriesContext(connection) as queries:
        last = list(deferred.page(3))
    assert len(last) == 3 and last[-1].unit == units["welfare-office"]
    # One query: the page's keys are chosen in a subquery without joins, and only the
    # rows shown are joined with their units and services.
    (sql,) = [query["sql"].upper() for query in queries.captured_queries]
    outer, inner = sql.split("IN (SELECT", 1)
    assert "JOIN" in outer and "OFFSET" not in outer
    assert "JOIN" not in inner and "OFFSET" in inner

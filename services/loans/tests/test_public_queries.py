"""The loans' public pages run a fixed number of queries however many loan types and
application windows there are (as sitepages' query-count tests do for the core pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ApplicationWindowFactory, LoanTypeFactory

pytestmark = pytest.mark.django_db

URLS = ("/loans/", "/loans/track/", "/loans/apply/tuition/")


def counts(client):
    result = {}
    for url in URLS:
        client.get(url)  # per-process caches (site, menu, banner) filled first
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        result[url] = len(queries)
    return result


def test_the_loan_pages_cost_the_same_for_one_and_many_loan_types(client, home_page, loan_type):
    few = counts(client)
    for _ in range(15):
        ApplicationWindowFactory(loan_type=LoanTypeFactory())
    many = counts(client)
    assert many == few, f"few: {few}; many: {many}"
    assert max(many.values()) <= 20

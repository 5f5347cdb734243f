"""A statement restricted to logged-in users or a group is listed nowhere public."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from .factories import make_sla_index, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements(home_page):
    index = make_sla_index(home_page)
    public = make_statement(index, valid_until=dt.date(2030, 3, 20))
    private = make_statement(
        index, valid_until=dt.date(2030, 3, 20), slug="internal", title="توافق‌نامهٔ محرمانهٔ داخلی"
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return public, private


def test_the_sla_index_lists_only_statements_anyone_may_read(client, statements):
    public, private = statements
    html = client.get("/sla/").content.decode()
    assert public.url in html
    assert private.url not in html and "توافق‌نامهٔ محرمانهٔ داخلی" not in html
    # The statement itself asks for a login.
    assert client.get(private.url).status_code == 302


def test_search_and_sitemap_leave_the_restricted_statement_out(client, statements):
    public, private = statements
    results = client.get("/search/", {"q": "محرمانه"}).content.decode()
    assert private.url not in results and "توافق‌نامهٔ محرمانهٔ داخلی" not in results
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/sla/internal/" not in sitemap and "/sla/student-loans/" in sitemap

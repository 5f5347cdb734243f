"""SLA statement pages: validity around the expiry date, what citizens see."""

import datetime as dt

import pytest
from django.utils import translation

from sla.enums import ValidityState
from sla.models import SLAStatementPage

from .factories import ServiceFactory, make_catalog, make_sla_index, make_statement, make_units

EXPIRY = dt.date(2022, 3, 20)  # 1400/12/29


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (EXPIRY - dt.timedelta(days=60), ValidityState.VALID),
        (EXPIRY - dt.timedelta(days=31), ValidityState.VALID),
        (EXPIRY - dt.timedelta(days=30), ValidityState.EXPIRING),
        (EXPIRY - dt.timedelta(days=1), ValidityState.EXPIRING),
        (EXPIRY, ValidityState.EXPIRING),  # its last valid day
        (EXPIRY + dt.timedelta(days=1), ValidityState.EXPIRED),
        (EXPIRY + dt.timedelta(days=400), ValidityState.EXPIRED),
    ],
)
@pytest.mark.django_db  # a new Page looks its content type up
def test_validity_states_around_the_expiry_date(today, state):
    statement = SLAStatementPage(title="x", valid_until=EXPIRY)
    assert statement.validity_state(today) == state


@pytest.mark.django_db
def test_querysets_find_expiring_and_expired(home_page):
    index = make_sla_index(home_page)
    soon = make_statement(index, valid_until=dt.date(2030, 1, 20), slug="soon")
    make_statement(index, valid_until=dt.date(2030, 6, 1), slug="later")
    old = make_statement(index, valid_until=dt.date(2029, 12, 1), slug="old")
    today = dt.date(2030, 1, 1)
    assert list(SLAStatementPage.objects.expiring_within(30, today)) == [soon]
    assert list(SLAStatementPage.objects.expired(today)) == [old]


@pytest.mark.django_db
def test_an_expired_statement_says_so_plainly(client, home_page):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date(2022, 3, 20), signatory="ریاست دانشگاه")
    response = client.get("/sla/student-loans/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "validity--expired" in html
    assert "۲۹ اسفند ۱۴۰۰" in html
    assert "۱۴۰۰/۱۲/۲۹" in html
    assert "ریاست دانشگاه" in html


@pytest.mark.django_db
def test_a_valid_statement_shows_its_date_and_the_fees_of_its_services(client, home_page):
    units = make_units(home_page)
    make_catalog(home_page)
    index = make_sla_index(home_page)
    statement = make_statement(index, valid_until=dt.date.today() + dt.timedelta(days=200))
    ServiceFactory(
        code="LOAN-01",
        title="وام دانشجویی",
        responsible_unit=units["welfare-office"],
        sla_statement=statement,
    )
    ServiceFactory(
        code="DORM-01",
        responsible_unit=units["welfare-office"],
        sla_statement=statement,
        paid=True,
    )
    html = client.get("/sla/student-loans/").content.decode()
    assert "validity--valid" in html
    assert "fee-table" in html
    assert "/services/LOAN-01/" in html
    assert "۱٬۲۰۰٬۰۰۰" in html  # the paid service's fee


@pytest.mark.django_db
def test_statement_expiring_soon_counts_the_days(client, home_page):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date.today() + dt.timedelta(days=10))
    html = client.get("/sla/student-loans/").content.decode()
    assert "validity--expiring" in html
    assert "۱۰" in html


@pytest.mark.django_db
def test_index_lists_statements_with_their_state(client, home_page):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date(2022, 3, 20))
    make_statement(index, valid_until=dt.date(2022, 3, 20), slug="draft", publish=False)
    html = client.get("/sla/").content.decode()
    assert html.count("statement-item") == 1
    assert "validity--expired" in html


@pytest.mark.django_db
def test_english_statement_index_falls_back_to_the_persian_statements(client, home_page):
    from wagtail.models import Locale

    from cms.demo import ensure_translation

    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date(2022, 3, 20))
    ensure_translation(index, Locale.objects.get(language_code="en"), title="SLA statements")
    with translation.override("en"):
        response = client.get("/en/sla/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/sla/student-loans/" in html
    assert "valid until 20 March 2022" in html

"""The loans screens outside the listings, attacked: the reports, the new batch and the
fund-answer upload read only the query parameters they declare (anything else, an
oracle or a malformed value is a Persian 400 page that shows nothing), and staff of
another office or another role get no figures and no form."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from services.loans.models import FundAnswerImport, FundBatch

from .factories import LoanApplicationFactory, LoanTypeFactory, make_staff
from .test_admin import assert_no_store, assert_refused

pytestmark = pytest.mark.django_db

REPORTS = "loans_reports"
NEW_BATCH = "loans_batches_modeladmin_create"
NEW_ANSWER = "loans_answers_modeladmin_create"
SECRET = "وام ویژهٔ محرمانه"  # a loan type's name: shown only in the reports' tables

ATTACKS = [
    {"foo": "1"},
    {"stage_changes__user__password__startswith": "pbkdf2"},
    {"full_name__regex": "(a+)+$"},
]


def assert_400_in_persian(response):
    assert response.status_code == 400
    assert_no_store(response)
    body = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in body
    assert "این نشانی" in body  # the page says, in Persian, what is wrong
    assert SECRET not in body  # and shows none of the figures


@pytest.fixture
def secret_type():
    loan_type = LoanTypeFactory(name=SECRET)
    LoanApplicationFactory(loan_type=loan_type)
    return loan_type


@pytest.mark.parametrize("params", [*ATTACKS, {"loan_type": "abc"}, {"term": "999999"}])
def test_reports_refuse_what_they_do_not_declare(client, expert, secret_type, params):
    client.force_login(expert)
    assert_400_in_persian(client.get(reverse(REPORTS), params))


def test_reports_filter_by_their_declared_parameters(client, expert, secret_type):
    other = LoanApplicationFactory()

    def types(response):
        assert response.status_code == 200
        return {row["name"] for row in response.context["report"]["types"]}

    client.force_login(expert)
    assert types(client.get(reverse(REPORTS))) == {SECRET, other.loan_type.name}
    # The filter form's own empty submission is declared too.
    assert len(types(client.get(reverse(REPORTS), {"loan_type": "", "term": ""}))) == 2
    only_other = client.get(reverse(REPORTS), {"loan_type": other.loan_type.pk})
    assert types(only_other) == {other.loan_type.name}


def test_staff_without_a_loans_role_get_no_figures_whatever_they_ask(client, secret_type):
    # Admin access and the reports' own permission, but no loans role: another office.
    attacker = make_staff(None, username="other-office")
    attacker.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="loans", codename="view_loan_reports"),
        Permission.objects.get(content_type__app_label="loans", codename="view_loanapplication"),
    )
    client.force_login(attacker)
    for params in [{}, {"loan_type": secret_type.pk}, *ATTACKS]:
        response = client.get(reverse(REPORTS), params)
        assert_refused(response)
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("url_name", [NEW_BATCH, NEW_ANSWER])
def test_the_fund_screens_refuse_other_roles_and_undeclared_parameters(
    client, expert, officer, liaison, url_name
):
    LoanApplicationFactory(document_issued=True, document_number="8001")
    # The welfare expert and the financial officer hold other roles: no form, nothing made.
    for user in (expert, officer):
        client.force_login(user)
        assert_refused(client.get(reverse(url_name)))
        assert_refused(client.post(reverse(url_name), {"note": "x"}))
    client.force_login(liaison)
    assert client.get(reverse(url_name)).status_code == 200
    for params in ATTACKS:
        assert_400_in_persian(client.get(reverse(url_name), params))
    # A POST that would make a batch, with a stray parameter, makes nothing.
    assert_400_in_persian(client.post(f"{reverse(url_name)}?foo=1", {"note": "x"}))
    assert not FundBatch.objects.exists() and not FundAnswerImport.objects.exists()

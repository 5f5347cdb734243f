"""The welfare office's back office: every view checks its permission, lists mask
identifiers, pages with them are never cached, moves follow the roles."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from services.loans.enums import LoanStage, Role, ViewAction
from services.loans.models import (
    ApplicationViewLog,
    FundAnswerImport,
    FundBatch,
    LoanApplication,
    LoanType,
)
from services.loans.roles import group_name

from .factories import AcademicTermFactory, LoanApplicationFactory, persian_digits

S = LoanStage
pytestmark = pytest.mark.django_db

INDEX = "loans_applications_modeladmin_index"
INSPECT = "loans_applications_modeladmin_inspect"
MOVE = "loans_applications_modeladmin_move"


def assert_refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard
    and an error message (403 for script requests)."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def move(client, application, target, seen=None, **fields):
    data = {f"move-{target}-expected_stage": seen or application.stage}
    data.update({f"move-{target}-{name}": value for name, value in fields.items()})
    return client.post(reverse(MOVE, args=[application.pk, target]), data)


def test_the_role_groups_exist_with_real_permissions(expert):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=group_name(Role.WELFARE_EXPERT))
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_loanapplication",
        "review_application",
        "change_loantype",
    } <= codenames
    assert "issue_document" not in codenames


def test_every_view_refuses_staff_without_a_loans_role(client, outsider):
    application = LoanApplicationFactory()
    batch = FundBatch.objects.create(number="1404-900")
    client.force_login(outsider)
    urls = [
        reverse(INDEX),
        reverse(INSPECT, args=[application.pk]),
        reverse("loans_applications_modeladmin_history", args=[application.pk]),
        reverse("loans_batches_modeladmin_index"),
        reverse("loans_batches_modeladmin_create"),
        reverse("loans_batches_modeladmin_download", args=[batch.pk, "xlsx"]),
        reverse("loans_answers_modeladmin_index"),
        reverse("loans_answers_modeladmin_create"),
        reverse("loans_reports"),
    ]
    for url in urls:
        assert_refused(client.get(url))
    assert_refused(move(client, application, S.UNDER_REVIEW))
    application.refresh_from_db()
    assert application.stage == S.SUBMITTED


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse(INDEX))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_list_masks_national_codes_and_sheba_and_shows_the_queues(client, expert):
    application = LoanApplicationFactory()
    LoanApplicationFactory(eligible=True)
    client.force_login(expert)
    response = client.get(reverse(INDEX))
    body = response.content.decode()
    assert response.status_code == 200
    assert application.full_name in body
    assert application.national_code not in body and application.sheba not in body
    assert application.masked_national_code in body
    assert 'class="is-mine"' in body  # the expert's own queues are marked
    assert_no_store(response)
    filtered = client.get(reverse(INDEX) + "?stage=eligible").content.decode()
    assert application.full_name not in filtered


def test_the_list_exports_masked_values_and_logs_the_export(client, expert):
    application = LoanApplicationFactory()
    client.force_login(expert)
    response = client.get(reverse(INDEX) + "?export=xlsx")
    assert response.status_code == 200
    assert_no_store(response)
    rows = list(
        load_workbook(
            io.BytesIO(
                b"".join(response.streaming_content if response.streaming else [response.content])
            )
        ).active.iter_rows(values_only=True)
    )
    flat = " ".join(str(value) for row in rows for value in row)
    assert application.national_code not in flat and application.masked_national_code in flat
    assert ApplicationViewLog.objects.filter(
        application=application, action=ViewAction.EXPORT
    ).exists()


def test_the_work_screen_shows_identifiers_in_full_never_cached_and_logged(client, expert):
    application = LoanApplicationFactory(national_code="0012424862")
    client.force_login(expert)
    response = client.get(reverse(INSPECT, args=[application.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "0012424862" in body and application.sheba in body
    assert_no_store(response)
    assert ApplicationViewLog.objects.filter(user=expert, action=ViewAction.INSPECT).count() == 1
    # Only the moves of the expert's role are offered.
    assert reverse(MOVE, args=[application.pk, S.UNDER_REVIEW]) in body
    assert reverse(MOVE, args=[application.pk, S.CANCELLED]) not in body


def test_staff_move_an_application_through_the_admin_by_role(client, expert, officer):
    application = LoanApplicationFactory(under_review=True)
    client.force_login(officer)
    # The financial officer cannot decide eligibility: refused, nothing changes.
    assert_refused(move(client, application, S.ELIGIBLE))
    application.refresh_from_db()
    assert application.stage == S.UNDER_REVIEW

    client.force_login(expert)
    response = move(client, application, S.RETURNED, note="")
    assert response.status_code == 200  # the form asks what to correct
    application.refresh_from_db()
    assert application.stage == S.UNDER_REVIEW
    response = move(client, application, S.ELIGIBLE, note="معدل و مدارک کامل است")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == S.ELIGIBLE
    assert application.stage_changes.last().user == expert

    client.force_login(officer)
    response = move(
        client,
        application,
        S.DOCUMENT_ISSUED,
        document_number="۱۴۰۴-۷۷",
        document_date="۱۴۰۴/۰۸/۰۱",
        document_amount="۲۵٬۰۰۰٬۰۰۰",
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == S.DOCUMENT_ISSUED
    assert application.document_number == "1404-77"  # digits normalised, hyphen kept
    assert application.document_amount == 25_000_000
    assert str(application.document_date) == "2025-10-23"


def test_a_move_on_a_stale_page_is_refused_with_a_message(client, expert):
    application = LoanApplicationFactory(under_review=True)
    client.force_login(expert)
    assert move(client, application, S.ELIGIBLE).status_code == 302
    # A second expert still had the page of the application "under review" open.
    response = move(client, application, S.REJECTED, seen=S.UNDER_REVIEW, note="ناقص")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == S.ELIGIBLE and application.rejection_reason == ""
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages and "در این فاصله" in messages[-1]


def test_applications_are_never_edited_or_deleted_in_the_admin(client):
    from .factories import make_staff

    admin = make_staff(superuser=True)
    application = LoanApplicationFactory()
    client.force_login(admin)
    assert_refused(client.get(f"/admin/loans/applications/edit/{application.pk}/"))
    assert_refused(client.get(f"/admin/loans/applications/delete/{application.pk}/"))
    assert_refused(client.get("/admin/loans/applications/create/"))
    history = client.get(reverse("loans_applications_modeladmin_history", args=[application.pk]))
    assert history.status_code == 200
    assert_no_store(history)


def test_the_fund_liaison_makes_a_batch_downloads_it_and_imports_the_answer(
    client, liaison, officer
):
    first = LoanApplicationFactory(document_issued=True, document_number="8001")
    second = LoanApplicationFactory(document_issued=True, document_number="8002")
    client.force_login(officer)
    assert_refused(client.post(reverse("loans_batches_modeladmin_create")))

    client.force_login(liaison)
    page = client.get(reverse("loans_batches_modeladmin_create"))
    assert page.status_code == 200 and persian_digits("2") in page.content.decode()
    response = client.post(reverse("loans_batches_modeladmin_create"), {"note": "دستهٔ آذر"})
    batch = FundBatch.objects.get()
    assert response["Location"] == reverse("loans_batches_modeladmin_inspect", args=[batch.pk])
    inspect = client.get(response["Location"])
    assert inspect.status_code == 200 and first.national_code not in inspect.content.decode()

    download = client.get(reverse("loans_batches_modeladmin_download", args=[batch.pk, "xlsx"]))
    assert download.status_code == 200
    assert_no_store(download)
    assert download["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert {row[1] for row in rows[1:]} == {first.national_code, second.national_code}
    assert ApplicationViewLog.objects.filter(action=ViewAction.EXPORT).count() == 2
    csv_download = client.get(reverse("loans_batches_modeladmin_download", args=[batch.pk, "csv"]))
    assert csv_download.status_code == 200 and first.national_code in csv_download.content.decode(
        "utf-8-sig"
    )
    client.force_login(officer)
    assert_refused(
        client.get(reverse("loans_batches_modeladmin_download", args=[batch.pk, "xlsx"]))
    )

    client.force_login(liaison)
    answer = "شماره سند,نتیجه,تاریخ,شماره مرجع\n8001,تایید,1404/09/01,\n8002,واریز,1404/09/03,BR-1\n9999,تایید,1404/09/01,\n"
    upload = client.post(
        reverse("loans_answers_modeladmin_create"),
        {"file": SimpleUploadedFile("answer.csv", answer.encode("utf-8"))},
    )
    imported = FundAnswerImport.objects.get()
    assert upload["Location"] == reverse("loans_answers_modeladmin_inspect", args=[imported.pk])
    preview = client.get(upload["Location"])
    assert preview.status_code == 200
    assert_no_store(preview)
    assert "9999" in preview.content.decode()
    # Nothing applied until the liaison confirms.
    assert set(LoanApplication.objects.values_list("stage", flat=True)) == {S.SENT_TO_FUND}
    apply_url = reverse("loans_answers_modeladmin_apply", args=[imported.pk])
    client.force_login(officer)
    assert_refused(client.post(apply_url))
    client.force_login(liaison)
    assert client.post(apply_url).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.stage, second.stage) == (S.CONFIRMED, S.DEPOSITED)
    client.post(apply_url)
    second.refresh_from_db()
    assert second.stage_changes.count() == len(
        set(second.stage_changes.values_list("to_stage", flat=True))
    )


def test_reports_show_counts_and_amounts_per_stage_type_and_term(client, expert, outsider):
    LoanApplicationFactory.create_batch(2)
    LoanApplicationFactory(deposited=True, term=AcademicTermFactory(year=1403, half=2))
    client.force_login(expert)
    response = client.get(reverse("loans_reports"))
    body = response.content.decode()
    assert response.status_code == 200
    report = response.context["report"]
    stages = {row["stage"]: row["count"] for row in report["stages"]}
    assert stages[S.SUBMITTED] == 2 and stages[S.DEPOSITED] == 1
    assert report["totals"]["deposited"] == 30_000_000
    assert len(report["terms"]) == 2
    assert "روزهای ماندن در هر مرحله" in body
    client.force_login(outsider)
    assert_refused(client.get(reverse("loans_reports")))


def test_welfare_staff_add_a_loan_type_with_a_window_in_jalali_dates(client, expert):
    term = AcademicTermFactory(year=1405, half=1)
    client.force_login(expert)
    url = "/admin/loans/types/create/"
    assert client.get(url).status_code == 200
    data = {
        "name": "وام ضروری",
        "name_en": "Emergency loan",
        "slug": "emergency",
        "summary": "",
        "summary_en": "",
        "is_active": "on",
        "sort_order": "5",
        "max_amount": "20000000",
        "eligibility": "",
        "required_documents": "",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        "windows-0-term": str(term.pk),
        "windows-0-opens_on": "۱۴۰۵/۰۷/۰۱",
        "windows-0-closes_on": "۱۴۰۵/۰۷/۳۰",
        "windows-0-extended_until": "",
        "windows-0-ORDER": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:4000]
    loan_type = LoanType.objects.get(slug="emergency")
    window = loan_type.windows.get()
    assert str(window.opens_on) == "2026-09-23" and str(window.closes_on) == "2026-10-22"
    # A financial officer may not.
    from .factories import make_staff

    client.force_login(make_staff(Role.FINANCIAL_OFFICER, username="officer2"))
    assert_refused(client.get(url))


def test_welfare_staff_list_loan_types_and_terms_with_jalali_windows(client, expert, loan_type):
    client.force_login(expert)
    types = client.get("/admin/loans/types/")
    assert types.status_code == 200
    body = types.content.decode()
    assert "وام شهریه" in body and "باز تا" in body
    terms = client.get("/admin/loans/terms/")
    assert terms.status_code == 200 and "نیم‌سال اول ۱۴۰۴–۱۴۰۵" in terms.content.decode()
    edit = client.get(f"/admin/loans/types/edit/{loan_type.pk}/")
    assert edit.status_code == 200
    window = loan_type.windows.get()
    from cms.jalali import to_jalali

    # The window's dates sit in the Jalali picker: day, month and year selected.
    opens = to_jalali(window.opens_on)
    body = edit.content.decode()
    for part, value in (("0", opens.day), ("1", opens.month), ("2", opens.year)):
        assert re.search(
            rf'name="[^"]*opens_on_{part}"[^>]*>.*?<option value="{value}" selected', body, re.S
        )

"""Batches to the Student Welfare Fund and the import of its answer."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from services.loans import fund, workflow
from services.loans.enums import ImportState, LoanStage, Role
from services.loans.models import FundAnswerImport, LoanApplication, StageChange
from services.loans.roles import roles_of

from .factories import LoanApplicationFactory, persian_digits

S = LoanStage
pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(liaison):
    LoanApplicationFactory(document_issued=True, national_code="0012424862", document_number="5001")
    LoanApplicationFactory(document_issued=True, document_number="5002")
    LoanApplicationFactory(
        document_issued=True, document_number="5003", full_name='=HYPERLINK("x")'
    )
    LoanApplicationFactory(eligible=True)  # no document yet: not in the batch
    return workflow.create_batch(user=liaison, roles=roles_of(liaison), note="دستهٔ آبان")


def xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_batch_takes_the_applications_with_issued_documents(batch, liaison):
    assert batch.number.endswith("-001")
    applications = LoanApplication.objects.filter(batch=batch)
    assert applications.count() == 3
    assert set(applications.values_list("stage", flat=True)) == {S.SENT_TO_FUND}
    assert LoanApplication.objects.filter(stage=S.ELIGIBLE, batch__isnull=True).count() == 1
    changes = StageChange.objects.filter(to_stage=S.SENT_TO_FUND)
    assert changes.count() == 3 and {c.user for c in changes} == {liaison}
    # Nothing is left for another batch.
    with pytest.raises(Exception, match="هیچ درخواستی با سند صادرشده"):
        workflow.create_batch(user=liaison, roles=roles_of(liaison))


def test_only_the_fund_liaison_makes_batches(officer, expert):
    LoanApplicationFactory(document_issued=True)
    for user in (officer, expert):
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.create_batch(user=user, roles=roles_of(user))
    assert LoanApplication.objects.get().stage == S.DOCUMENT_ISSUED


def test_the_batch_file_in_xlsx_and_csv_has_what_the_fund_needs(batch):
    rows = xlsx_rows(fund.batch_xlsx(batch))
    header = rows[0]
    assert header[:7] == [
        "ردیف",
        "کد ملی",
        "نام و نام خانوادگی",
        "شماره دانشجویی",
        "شمارهٔ شبا",
        "مبلغ (ریال)",
        "شماره سند",
    ]
    assert header[-4:] == ["نتیجه", "تاریخ", "شماره مرجع", "توضیح"]
    assert len(rows) == 4
    first = rows[1]
    # National codes stay text: their leading zeros survive.
    assert first[1] == "0012424862"
    assert first[4].startswith("IR") and len(first[4]) == 26
    assert first[5] == 30_000_000 and first[6] == "5001"
    # A name that looks like a formula stays text.
    sheet = load_workbook(io.BytesIO(fund.batch_xlsx(batch))).active
    assert sheet.cell(row=4, column=3).data_type == "s"
    assert sheet.sheet_view.rightToLeft

    text = fund.batch_csv(batch).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert lines[0][1] == "کد ملی" and len(lines) == 4
    assert lines[3][2].startswith("'=")


def answer_file(batch, answers: dict, *, name="answer.xlsx", extra_rows=()) -> SimpleUploadedFile:
    """The batch's own file, filled in by the fund: {document number: (result, date, ref)}."""
    workbook = load_workbook(io.BytesIO(fund.batch_xlsx(batch)))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        answer = answers.get(row[6].value)
        if answer:
            row[11].value, row[12].value, row[13].value = answer
    for extra in extra_rows:
        sheet.append(extra)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def test_export_then_import_of_an_answer_with_one_bad_row_confirms_and_deposits_the_right_ones(
    batch, liaison
):
    upload = answer_file(
        batch,
        {
            "5001": ("تایید شد", "1404/08/10", ""),
            "5002": ("واریز شد", "۱۴۰۴/۰۸/۱۵", "۹۸۷۶۵۴"),
        },
        # One bad row: a document number no application has.
        extra_rows=[
            [4, "", "", "", "", 1000, "9999", "", "", "", "", "confirmed", "1404/08/10", "", ""]
        ],
    )
    answer = fund.preview_answer(upload, user=liaison)

    # The preview changed nothing.
    assert set(LoanApplication.objects.filter(batch=batch).values_list("stage", flat=True)) == {
        S.SENT_TO_FUND
    }
    assert answer.state == ImportState.PREVIEWED
    counts = answer.counts()
    # The row the fund left unanswered (5003) is no error: nothing happens to it.
    assert counts == {"total": 4, "errors": 1, "changes": 2, "unchanged": 1}
    bad = next(row for row in answer.rows if row["error"])
    assert bad["line"] == 5 and "9999" in bad["error"]
    assert next(row for row in answer.rows if row["document_number"] == "5003")["steps"] == []
    deposit_row = next(row for row in answer.rows if row["document_number"] == "5002")
    assert deposit_row["steps"] == [S.CONFIRMED, S.DEPOSITED]

    assert fund.apply_answer(answer, user=liaison, roles=roles_of(liaison)) == 2
    confirmed = LoanApplication.objects.get(document_number="5001")
    deposited = LoanApplication.objects.get(document_number="5002")
    untouched = LoanApplication.objects.get(document_number="5003")
    assert confirmed.stage == S.CONFIRMED and confirmed.fund_confirmed_on == dt.date(2025, 11, 1)
    assert deposited.stage == S.DEPOSITED
    assert deposited.deposited_on == dt.date(2025, 11, 6) and deposited.bank_reference == "987654"
    assert untouched.stage == S.SENT_TO_FUND
    assert deposited.stage_changes.last().user == liaison
    answer.refresh_from_db()
    assert answer.state == ImportState.APPLIED and answer.changed_count == 2

    # Applying twice changes nothing the second time...
    changes_before = StageChange.objects.count()
    history_before = LoanApplication.history.count()
    assert fund.apply_answer(answer, user=liaison, roles=roles_of(liaison)) == 0
    # ...nor does importing and applying the same file again.
    again = fund.preview_answer(
        answer_file(
            batch,
            {"5001": ("تایید شد", "1404/08/10", ""), "5002": ("واریز شد", "1404/08/15", "987654")},
            extra_rows=[
                [4, "", "", "", "", 1000, "9999", "", "", "", "", "confirmed", "1404/08/10", "", ""]
            ],
        ),
        user=liaison,
    )
    assert again.counts() == {"total": 4, "errors": 1, "changes": 0, "unchanged": 3}
    assert fund.apply_answer(again, user=liaison, roles=roles_of(liaison)) == 0
    assert StageChange.objects.count() == changes_before
    assert LoanApplication.history.count() == history_before
    assert LoanApplication.objects.get(document_number="5002").stage == S.DEPOSITED


def test_a_csv_answer_with_persian_headers_national_codes_and_excel_dropped_zeros(batch, liaison):
    text = "کد ملی,وضعیت,تاریخ واریز,شماره پیگیری بانک\n12424862,واریز,۱۴۰۴/۰۹/۰۱,۵۵۵۱\n"
    upload = SimpleUploadedFile("answer.csv", text.encode("utf-8-sig"))
    answer = fund.preview_answer(upload, user=liaison)
    assert answer.file_format == "csv"
    (row,) = answer.rows
    assert row["national_code"] == "0012424862" and not row["error"]
    assert fund.apply_answer(answer, user=liaison, roles=roles_of(liaison)) == 1
    application = LoanApplication.objects.get(national_code="0012424862")
    assert application.stage == S.DEPOSITED and application.bank_reference == "5551"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("5001,paid later,1404/08/01,1", "Unknown result"),
        ("5001,deposited,1404/08/01,", "bank's reference"),
        ("5001,confirmed,,", "date is missing"),
        ("5001,confirmed,1404/13/40,", "not a date"),
        ("5001,rejected,1404/08/01,", "reason"),
        ("7777,confirmed,1404/08/01,", "document number"),
    ],
)
def test_rows_with_errors_say_what_is_wrong(batch, liaison, line, message):
    upload = SimpleUploadedFile(
        "a.csv", f"document number,result,date,reference\n{line}\n".encode()
    )
    with __import__("django").utils.translation.override("en"):
        answer = fund.preview_answer(upload, user=liaison)
    (row,) = answer.rows
    assert message in row["error"]
    assert fund.apply_answer(answer, user=liaison, roles=roles_of(liaison)) == 0


def test_an_answer_for_an_application_not_at_the_fund_is_an_error(liaison):
    LoanApplicationFactory(document_issued=True, document_number="6001")
    upload = SimpleUploadedFile(
        "a.csv", b"document number,result,date\n6001,confirmed,1404/08/01\n"
    )
    answer = fund.preview_answer(upload, user=liaison)
    assert answer.rows[0]["error"]


def test_the_fund_may_reject_a_document_with_its_reason(batch, liaison):
    upload = SimpleUploadedFile(
        "a.csv", "شماره سند,نتیجه,توضیح\n5003,رد,حساب شبا به نام دانشجو نیست\n".encode()
    )
    answer = fund.preview_answer(upload, user=liaison)
    assert fund.apply_answer(answer, user=liaison, roles=roles_of(liaison)) == 1
    application = LoanApplication.objects.get(document_number="5003")
    assert application.stage == S.REJECTED
    assert application.rejection_reason == "حساب شبا به نام دانشجو نیست"


def test_the_same_application_twice_in_a_file_is_an_error_on_the_second_row(batch, liaison):
    upload = SimpleUploadedFile(
        "a.csv",
        b"document number,result,date\n5001,confirmed,1404/08/01\n5001,confirmed,1404/08/02\n",
    )
    answer = fund.preview_answer(upload, user=liaison)
    assert not answer.rows[0]["error"] and answer.rows[1]["error"]


def test_files_without_the_needed_columns_or_not_spreadsheets_are_refused(liaison):
    with pytest.raises(fund.AnswerFileError):
        fund.preview_answer(SimpleUploadedFile("a.csv", b"name,amount\nx,1\n"), user=liaison)
    with pytest.raises(fund.AnswerFileError):
        fund.preview_answer(SimpleUploadedFile("a.xlsx", b"PK\x03\x04broken"), user=liaison)
    assert not FundAnswerImport.objects.exists()


def test_only_the_fund_liaison_applies_an_answer(batch, liaison, expert):
    upload = SimpleUploadedFile(
        "a.csv", b"document number,result,date\n5001,confirmed,1404/08/01\n"
    )
    answer = fund.preview_answer(upload, user=liaison)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        fund.apply_answer(answer, user=expert, roles=roles_of(expert))
    assert LoanApplication.objects.get(document_number="5001").stage == S.SENT_TO_FUND


def test_spreadsheet_dates_and_numbers_are_read(batch, liaison):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Document number", "Result", "Date", "Reference"])
    sheet.append([5001, "deposited", dt.datetime(2025, 11, 6), 123456])
    output = io.BytesIO()
    workbook.save(output)
    answer = fund.preview_answer(SimpleUploadedFile("a.xlsx", output.getvalue()), user=liaison)
    (row,) = answer.rows
    assert row["document_number"] == "5001" and row["date"] == "2025-11-06"
    assert row["reference"] == "123456" and not row["error"]
    assert persian_digits("1") == "۱"
    assert Role.FUND_LIAISON in roles_of(liaison)

"""The submission batch sent to the Student Welfare Fund: one row per application of a
batch, with national code, name, Sheba, amount and document number, and empty answer
columns (result, date, reference, note) that the fund can fill in and send back as its
answer (read by :mod:`.answers`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from cms import jalali
from cms.backoffice.exports import csv_safe, keep_formulas_as_text
from cms.text import to_ascii_digits


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: int = 16


def batch_columns() -> list[Column]:
    return [
        Column("row", gettext_lazy("Row"), 6),
        Column("national_code", gettext_lazy("National code"), 14),
        Column("full_name", gettext_lazy("Full name"), 26),
        Column("student_number", gettext_lazy("Student number"), 14),
        Column("sheba", gettext_lazy("Sheba account number"), 30),
        Column("amount", gettext_lazy("Amount (Rials)"), 16),
        Column("document_number", gettext_lazy("Document number"), 16),
        Column("document_date", gettext_lazy("Document date"), 12),
        Column("loan_type", gettext_lazy("Loan type"), 24),
        Column("term", gettext_lazy("Term"), 22),
        Column("tracking_code", gettext_lazy("Tracking code"), 16),
        # Filled in by the fund: its answer comes back in the same file.
        Column("result", gettext_lazy("Result"), 12),
        Column("answer_date", gettext_lazy("Date"), 12),
        Column("reference", gettext_lazy("Reference"), 18),
        Column("answer_note", gettext_lazy("Note"), 24),
    ]


def _jalali_text(value) -> str:
    """``1404/07/15`` in ASCII digits: what spreadsheets and other systems read best."""
    if not value:
        return ""
    return to_ascii_digits(jalali.format_date(value, "short"))


def batch_rows(batch) -> list[dict]:
    applications = batch.applications.select_related("loan_type", "term").order_by("pk")
    rows = []
    for number, application in enumerate(applications, start=1):
        rows.append(
            {
                "row": number,
                "national_code": application.national_code,
                "full_name": application.full_name,
                "student_number": application.student_number,
                "sheba": application.sheba,
                "amount": application.document_amount or application.requested_amount,
                "document_number": application.document_number,
                "document_date": _jalali_text(application.document_date),
                "loan_type": application.loan_type.name,
                "term": to_ascii_digits(str(application.term)),
                "tracking_code": application.tracking_code,
                "result": "",
                "answer_date": "",
                "reference": "",
                "answer_note": "",
            }
        )
    return rows


def batch_csv(batch) -> bytes:
    columns = batch_columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.heading) for column in columns])
    for row in batch_rows(batch):
        writer.writerow([csv_safe(row[column.key]) for column in columns])
    # A byte order mark, so Excel opens the Persian text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def batch_xlsx(batch) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = batch_columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"batch {batch.number}"[:31]
    sheet.sheet_view.rightToLeft = True
    sheet.append([str(column.heading) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in batch_rows(batch):
        sheet.append([row[column.key] for column in columns])
    # Text that looks like a formula stays text (openpyxl would store a formula).
    keep_formulas_as_text(sheet)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

"""The files exchanged with the Student Welfare Fund.

**Submission batch** (:func:`batch_rows`, :func:`batch_xlsx`, :func:`batch_csv`): one
row per application of a batch, with national code, name, Sheba, amount and document
number, and empty answer columns (result, date, reference, note) that the fund can fill
in and send back as its answer.

**The fund's answer** (:func:`read_answer_file`, :func:`preview_answer`,
:func:`apply_answer`): a CSV or XLSX file with a national code or a document number and
the result (confirmed, deposited or rejected) with its date and reference. Headers may
be Persian or English. Reading it changes nothing: the preview says row by row what
applying would do, or what is wrong with the row. Applying checks every row again
against the applications' stages now and moves each one only as far as the row says, so
applying a file again (or another file with the same rows) changes nothing more.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import jalali
from cms.text import normalize_identifier, normalize_letters, normalize_text, to_ascii_digits

from .enums import FundAnswer, ImportState, LoanStage, Role
from .models import FundAnswerImport, LoanApplication

S = LoanStage
MAX_ANSWER_ROWS = 5000
MAX_ANSWER_SIZE = 5 * 1024 * 1024


# The batch file


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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet would run as a formula is made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            # Text that looks like a formula stays text (openpyxl would store a formula).
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                cell.data_type = "s"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# Reading the fund's answer

# Headers people write, in Persian or English, for each column the import reads.
HEADER_ALIASES = {
    "national_code": [
        "national code",
        "national_code",
        "nationalcode",
        "کد ملی",
        "کدملی",
        "شماره ملی",
    ],
    "document_number": [
        "document number",
        "document_number",
        "document no",
        "شماره سند",
        "شماره سند مالی",
        "سند",
    ],
    "result": ["result", "status", "answer", "نتیجه", "وضعیت", "پاسخ", "نتیجه صندوق"],
    "answer_date": [
        "date",
        "answer date",
        "answer_date",
        "deposit date",
        "تاریخ",
        "تاریخ واریز",
        "تاریخ تایید",
        "تاریخ پاسخ",
    ],
    "reference": [
        "reference",
        "bank reference",
        "reference number",
        "شماره مرجع",
        "مرجع",
        "شماره پیگیری بانک",
        "کد رهگیری",
        "شماره پیگیری",
    ],
    "answer_note": ["note", "reason", "answer_note", "توضیح", "توضیحات", "دلیل"],
}
RESULT_ALIASES = {
    FundAnswer.CONFIRMED: [
        "confirmed",
        "confirm",
        "approved",
        "تایید",
        "تایید شد",
        "تأیید",
        "تأیید شد",
        "تاييد",
    ],
    FundAnswer.DEPOSITED: ["deposited", "deposit", "paid", "واریز", "واریز شد", "پرداخت شد"],
    FundAnswer.REJECTED: ["rejected", "reject", "refused", "رد", "رد شد", "عدم تایید"],
}


def _key(text) -> str:
    text = normalize_letters(str(text or "")).replace("\u200c", " ").replace("أ", "ا")
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip().lower()


_HEADERS = {_key(alias): column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
_RESULTS = {_key(alias): result for result, aliases in RESULT_ALIASES.items() for alias in aliases}


def _own_headers() -> dict[str, str]:
    """The headings of the batch file, in every language of the site, by column key."""
    from django.conf import settings
    from django.utils import translation

    headers = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for column in batch_columns():
                headers.setdefault(_key(column.heading), column.key)
    return headers


class AnswerFileError(ValidationError):
    """The file as a whole cannot be read (its rows' own errors go in the preview)."""


def detect_format(head: bytes) -> str:
    return "xlsx" if head.startswith(b"PK\x03\x04") else "csv"


def _read_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AnswerFileError(_("The file is neither UTF-8 nor Windows-1256 text."))
    if "\x00" in text:
        raise AnswerFileError(_("This is not a CSV or XLSX file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise AnswerFileError(_("The XLSX file cannot be opened.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ANSWER_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_answer_file(file) -> tuple[str, list[dict]]:
    """(format, rows) of an uploaded answer file: each row's values by column key, with
    its line number in the file. Raises :class:`AnswerFileError` for an unreadable file
    or one without the columns the import needs."""
    if file.size > MAX_ANSWER_SIZE:
        raise AnswerFileError(_("The file is larger than 5 MB."))
    file.seek(0)
    data = file.read()
    file.seek(0)
    file_format = detect_format(data[:4])
    table = _read_xlsx(data) if file_format == "xlsx" else _read_csv(data)
    header_index, mapping = None, {}
    own = _own_headers()
    for index, values in enumerate(table[:20]):
        found = {}
        for position, value in enumerate(values):
            key = _key(value)
            # The headers of our own batch file first (the fund may send it back filled
            # in), so that e.g. its tracking code column is never taken for a reference.
            column = own.get(key) or _HEADERS.get(key)
            if column in HEADER_ALIASES and column not in found:
                found[column] = position
        if "result" in found and ({"national_code", "document_number"} & set(found)):
            header_index, mapping = index, found
            break
    if header_index is None:
        raise AnswerFileError(
            _(
                "The file has no header row with a result column and a national code or "
                "document number column."
            )
        )
    rows = []
    for offset, values in enumerate(table[header_index + 1 :], start=header_index + 2):
        row = {
            column: values[position] if position < len(values) else None
            for column, position in mapping.items()
        }
        if all(value in (None, "") or str(value).strip() == "" for value in row.values()):
            continue
        row["line"] = offset
        rows.append(row)
    if len(rows) > MAX_ANSWER_ROWS:
        raise AnswerFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ANSWER_ROWS})
    return file_format, rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


def _national_code(value) -> str:
    code = normalize_identifier(_text(value))
    # Spreadsheets drop the leading zeros of numbers.
    if code.isdigit() and len(code) < 10:
        code = code.zfill(10)
    return code


def _date(value) -> dt.date:
    """A date cell: a spreadsheet date, or text in Jalali (1404/07/15) or ISO form."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = to_ascii_digits(_text(value)).replace("-", "/")
    parts = text.split("/")
    if len(parts) == 3 and parts[0].isdigit() and int(parts[0]) > 1700:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    return jalali.parse_date(text)


def clean_row(raw: dict) -> dict:
    """The values of one row, normalised, with the errors of the values themselves."""
    row = {
        "line": raw["line"],
        "national_code": _national_code(raw.get("national_code")),
        "document_number": normalize_identifier(_text(raw.get("document_number"))),
        "result": "",
        "result_text": _text(raw.get("result")),
        "date": "",
        "reference": normalize_identifier(_text(raw.get("reference"))),
        "note": _text(raw.get("answer_note"))[:1000],
        "error": "",
    }
    if not row["result_text"]:
        # A row of the batch the fund has not answered (yet): nothing to do, no error.
        row["no_answer"] = True
        return row
    result = _RESULTS.get(_key(row["result_text"]))
    if result is None:
        row["error"] = _("Unknown result “%(value)s”: write confirmed, deposited or rejected.") % {
            "value": row["result_text"] or "—"
        }
        return row
    row["result"] = result
    if not row["national_code"] and not row["document_number"]:
        row["error"] = _("The row has neither a national code nor a document number.")
        return row
    date_value = raw.get("answer_date")
    if date_value not in (None, "") and str(date_value).strip():
        try:
            row["date"] = _date(date_value).isoformat()
        except (ValueError, TypeError):
            row["error"] = _("“%(value)s” is not a date; write it like 1404/07/15.") % {
                "value": _text(date_value)
            }
            return row
    if result in (FundAnswer.CONFIRMED, FundAnswer.DEPOSITED) and not row["date"]:
        row["error"] = _("The date is missing.")
    elif result == FundAnswer.DEPOSITED and not row["reference"]:
        row["error"] = _("A deposit needs the bank's reference.")
    elif result == FundAnswer.REJECTED and not row["note"]:
        row["error"] = _("A rejection needs the fund's reason in the note column.")
    return row


SENT = (S.SENT_TO_FUND, S.CONFIRMED, S.DEPOSITED, S.REJECTED)


def find_application(row) -> tuple[LoanApplication | None, str]:
    """The application a row is about, or an error saying why none is."""
    if row["document_number"]:
        application = (
            LoanApplication.objects.filter(document_number=row["document_number"])
            .select_related("loan_type")
            .first()
        )
        if application is None:
            return None, _("No application has the document number %(number)s.") % {
                "number": row["document_number"]
            }
        if row["national_code"] and row["national_code"] != application.national_code:
            return None, _(
                "The national code and the document number belong to different students."
            )
        return application, ""
    matches = list(
        LoanApplication.objects.filter(
            national_code=row["national_code"], batch__isnull=False, stage__in=SENT
        ).select_related("loan_type")[:2]
    )
    if not matches:
        return None, _("No application sent to the fund has this national code.")
    if len(matches) > 1:
        return None, _(
            "This student has several applications at the fund; give the document number."
        )
    return matches[0], ""


def plan(application, row) -> tuple[list[str], str]:
    """The stages applying the row moves the application through (maybe none), or an
    error. What is already done is not done again."""
    stage, result = application.stage, row["result"]
    if result == FundAnswer.REJECTED:
        if stage == S.REJECTED:
            return [], ""
        if stage == S.SENT_TO_FUND:
            return [S.REJECTED], ""
    elif result == FundAnswer.CONFIRMED:
        if stage in (S.CONFIRMED, S.DEPOSITED):
            return [], ""
        if stage == S.SENT_TO_FUND:
            return [S.CONFIRMED], ""
    elif result == FundAnswer.DEPOSITED:
        if stage == S.DEPOSITED:
            if application.bank_reference and application.bank_reference != row["reference"]:
                return [], _("Already deposited with another bank reference (%(reference)s).") % {
                    "reference": application.bank_reference
                }
            return [], ""
        if stage == S.CONFIRMED:
            return [S.DEPOSITED], ""
        if stage == S.SENT_TO_FUND:
            return [S.CONFIRMED, S.DEPOSITED], ""
    return [], _("The application is “%(stage)s”; the fund's answer does not fit it.") % {
        "stage": application.get_stage_display()
    }


def _describe(steps) -> str:
    if not steps:
        return _("Already recorded: nothing to change.")
    return " → ".join(str(S(step).label) for step in steps)


def evaluate(rows: list[dict]) -> list[dict]:
    """Each row matched to its application and planned against its stage now."""
    evaluated, seen = [], {}
    for row in rows:
        row = {
            **row,
            "application_id": None,
            "tracking_code": "",
            "full_name": "",
            "stage": "",
            "steps": [],
            "action": "",
        }
        if row.get("no_answer"):
            row["action"] = _("No answer in this row: nothing to change.")
        elif not row["error"]:
            application, error = find_application(row)
            if error:
                row["error"] = error
            elif application.pk in seen:
                row["error"] = _("The same application is on row %(line)s too.") % {
                    "line": seen[application.pk]
                }
            else:
                seen[application.pk] = row["line"]
                steps, error = plan(application, row)
                row.update(
                    application_id=application.pk,
                    tracking_code=application.tracking_code,
                    full_name=application.full_name,
                    stage=application.stage,
                    steps=[str(step) for step in steps],
                    error=error,
                    action="" if error else _describe(steps),
                )
        evaluated.append(row)
    return evaluated


def preview_answer(file, *, user) -> FundAnswerImport:
    """Reads the answer file and stores its preview; nothing else changes."""
    from cms.uploads import sha256_of

    file_format, raw_rows = read_answer_file(file)
    rows = evaluate([clean_row(raw) for raw in raw_rows])
    answer = FundAnswerImport(
        original_name=(getattr(file, "name", "") or "answer")[:255],
        file_format=file_format,
        sha256=sha256_of(file),
        uploaded_by=user,
        rows=rows,
    )
    file.seek(0)
    answer.file.save(answer.original_name, file, save=False)
    try:
        answer.save()
    except BaseException:
        answer.file.delete(save=False)
        raise
    return answer


def apply_answer(answer: FundAnswerImport, *, user, roles) -> int:
    """Applies the previewed rows that have no error; returns how many applications
    changed. A file applied before changes nothing (0)."""
    from .workflow import move

    if Role.FUND_LIAISON not in set(roles):
        raise PermissionDenied(_("Only the fund liaison may record the fund's answers."))
    with transaction.atomic():
        locked = FundAnswerImport.objects.select_for_update().get(pk=answer.pk)
        if locked.state == ImportState.APPLIED:
            answer.refresh_from_db()
            return 0
        # Checked again now: a stage may have moved since the preview.
        rows = evaluate([{key: row.get(key) for key in _ROW_INPUT} for row in locked.rows])
        changed = 0
        for row in rows:
            if row["error"] or not row["steps"]:
                continue
            application = LoanApplication.objects.get(pk=row["application_id"])
            day = dt.date.fromisoformat(row["date"]) if row["date"] else None
            for step in row["steps"]:
                data = {}
                if step == S.CONFIRMED:
                    data = {
                        "fund_confirmed_on": day,
                        "fund_reference": row["reference"]
                        if row["result"] == FundAnswer.CONFIRMED
                        else "",
                    }
                elif step == S.DEPOSITED:
                    data = {"deposited_on": day, "bank_reference": row["reference"]}
                note = row["note"] or _("From the fund's answer file %(name)s, row %(line)s") % {
                    "name": locked.original_name,
                    "line": row["line"],
                }
                move(
                    application,
                    step,
                    roles=roles,
                    user=user,
                    note=note,
                    expected_stage=application.stage,
                    **data,
                )
            changed += 1
            row["applied"] = True
        locked.rows = rows
        locked.state = ImportState.APPLIED
        locked.applied_by = user
        locked.applied_at = timezone.now()
        locked.changed_count = changed
        locked._history_user = user
        locked.save()
    answer.refresh_from_db()
    return changed


_ROW_INPUT = (
    "no_answer",
    "line",
    "national_code",
    "document_number",
    "result",
    "result_text",
    "date",
    "reference",
    "note",
    "error",
)

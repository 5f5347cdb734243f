"""The fund's answer: a CSV or XLSX file with a national code or a document number and
the result (confirmed, deposited or rejected) with its date and reference. Headers may
be Persian or English (the batch file's own headings are understood too). Reading it
changes nothing: the preview says row by row what applying would do, or what is wrong
with the row. Applying checks every row again against the applications' stages now and
moves each one only as far as the row says, so applying a file again (or another file
with the same rows) changes nothing more.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import jalali
from cms.text import normalize_identifier, normalize_text, to_ascii_digits
from cms.uploads import sha256_of

from ..enums import FundAnswer, ImportState, LoanStage, Role
from ..models import FundAnswerImport, LoanApplication
from ..workflow import move
from .answer_file import parse_result, read_answer_file

S = LoanStage


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
    result = parse_result(row["result_text"])
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

"""Reading the fund's answer file (CSV or XLSX, Persian or English headers) into rows of
cells by column key; nothing is changed by reading. The rows are checked and applied
by :mod:`.answers`."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.text import normalize_letters

from ..enums import FundAnswer
from .batch_file import batch_columns

MAX_ANSWER_ROWS = 5000
MAX_ANSWER_SIZE = 5 * 1024 * 1024

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


def parse_result(text) -> str | None:
    """The fund's result written any way ("تأیید شد", "deposited"...), or ``None``."""
    return _RESULTS.get(_key(text))

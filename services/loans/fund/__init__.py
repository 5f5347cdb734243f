"""The files exchanged with the Student Welfare Fund.

:mod:`.batch_file`: the submission batch (XLSX or CSV), one row per application.
:mod:`.answer_file`: reading the fund's answer file;
:mod:`.answers`: previewing and applying the fund's answer file.
"""

from .answer_file import MAX_ANSWER_ROWS, MAX_ANSWER_SIZE, AnswerFileError, read_answer_file
from .answers import (
    apply_answer,
    evaluate,
    preview_answer,
)
from .batch_file import Column, batch_columns, batch_csv, batch_rows, batch_xlsx

__all__ = [
    "MAX_ANSWER_ROWS",
    "MAX_ANSWER_SIZE",
    "AnswerFileError",
    "Column",
    "apply_answer",
    "batch_columns",
    "batch_csv",
    "batch_rows",
    "batch_xlsx",
    "evaluate",
    "preview_answer",
    "read_answer_file",
]

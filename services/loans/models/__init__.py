"""The loans plugin's data: what students can apply for, their applications, and the
exchange with the Student Welfare Fund."""

from .applications import (
    ApplicationDocument,
    ApplicationViewLog,
    LoanApplication,
    LoanApplicationQuerySet,
    StageChange,
)
from .catalog import AcademicTerm, ApplicationWindow, LoanType
from .fund import FundAnswerImport, FundBatch

__all__ = [
    "AcademicTerm",
    "ApplicationDocument",
    "ApplicationViewLog",
    "ApplicationWindow",
    "FundAnswerImport",
    "FundBatch",
    "LoanApplication",
    "LoanApplicationQuerySet",
    "LoanType",
    "StageChange",
]

"""Models of the sla app, one module per subject."""

from .calendar import CalendarDay, WorkingCalendarSettings
from .notices import ExpiryNotice
from .pages import ServiceCatalogPage, SLAIndexPage, SLAStatementPage
from .services import Service
from .terminations import ServiceTermination

__all__ = [
    "CalendarDay",
    "ExpiryNotice",
    "SLAIndexPage",
    "SLAStatementPage",
    "Service",
    "ServiceCatalogPage",
    "ServiceTermination",
    "WorkingCalendarSettings",
]

"""Page types and settings of the public portal."""

from .home import HomePage
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .settings import PortalSettings
from .standard import StandardPage
from .unit_details import OfficeHours, Official, UnitContact
from .units import UnitIndexPage, UnitPage

__all__ = [
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Official",
    "OfficeHours",
    "PortalSettings",
    "StandardPage",
    "UnitContact",
    "UnitIndexPage",
    "UnitPage",
]

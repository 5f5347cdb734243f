"""The tests' name for the portal pages' factories, which live in ``sitepages.factories``
(the demo content is built on them too)."""

from sitepages.factories import (
    UNIT_TITLES,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OfficeHoursFactory,
    OfficialFactory,
    StandardPageFactory,
    UnitContactFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
    add_page,
    make_units,
)

__all__ = [
    "UNIT_TITLES",
    "ImageFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "OfficeHoursFactory",
    "OfficialFactory",
    "StandardPageFactory",
    "UnitContactFactory",
    "UnitIndexPageFactory",
    "UnitPageFactory",
    "add_page",
    "make_units",
]

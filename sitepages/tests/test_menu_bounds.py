"""The header menu and the unit index stay small however many sub-units a unit has."""

import pytest

from sitepages.menu import MENU_SUB_UNITS
from sitepages.models.units import SUB_UNITS_SHOWN

from .factories import UnitIndexPageFactory, UnitPageFactory

pytestmark = pytest.mark.django_db


def test_a_unit_with_many_sub_units_names_the_first_and_counts_the_rest(client, home_page):
    index = UnitIndexPageFactory(parent=home_page)
    unit = UnitPageFactory(parent=index, title="معاونت پرشاخه", slug="wide")
    for number in range(max(MENU_SUB_UNITS, SUB_UNITS_SHOWN) + 2):
        UnitPageFactory(parent=unit, title=f"اداره {number:02d}", slug=f"office-{number}")
    page = client.get("/").content.decode()
    home = page[page.index('<nav class="unit-menu"') :]
    home = home[: home.index("</nav>")]
    assert home.count('href="/units/wide/office-') == MENU_SUB_UNITS
    more = MENU_SUB_UNITS + 2 - MENU_SUB_UNITS
    assert f'<a href="/units/wide/">و {more} زیرمجموعهٔ دیگر</a>'.replace("2", "۲") in home
    units = client.get("/units/").content.decode()
    last = max(MENU_SUB_UNITS, SUB_UNITS_SHOWN) + 1
    assert f'href="/units/wide/office-{SUB_UNITS_SHOWN - 1}/"' in units
    assert f'href="/units/wide/office-{last}/"' not in units  # on the unit's own page
    assert "زیرمجموعهٔ دیگر</a>" in units

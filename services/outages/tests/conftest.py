import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _persian():
    """Code called outside a request speaks the site's first language; a request to an
    English page must not leave English behind for the next test."""
    with translation.override("fa"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Banner data is cached; every test starts and ends without it, so no notice of
    one test shows up in another's pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _measured_for_years(settings):
    """Tests put notices weeks and months in the past; measuring began long before them
    (the default, "since the plugin was installed", is tested on its own)."""
    settings.OUTAGES_MEASURED_SINCE = "2020-01-01"


@pytest.fixture
def unit(home_page):
    from .factories import make_unit

    return make_unit(home_page, "welfare-office", "اداره رفاه دانشجویان")


@pytest.fixture
def service(unit):
    from .factories import ServiceFactory

    return ServiceFactory(code="LOAN-01", title="درخواست وام دانشجویی", responsible_unit=unit)

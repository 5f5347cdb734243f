import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from cms.tests.module_data import pages_for_test, shared_pages


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """The catalog's URL is cached, and a request to /en/ leaves English active in the
    thread: every test starts, and leaves, without either."""
    cache.clear()
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def _shared_sla_units(module_data, _shared_home):
    from .factories import make_units

    return shared_pages(module_data, _shared_home, make_units)


@pytest.fixture
def units(home_page, module_data, _shared_sla_units):
    """The catalog's units (``sla.factories.make_units``: the welfare office under the
    student deputy), made once per module like ``home_page``."""
    from .factories import make_units

    return pages_for_test(module_data, _shared_sla_units, make_units, home_page)

from functools import partial

import pytest
from channels.testing.live import make_application, set_database_connection
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.cache import cache
from django.db import connections

from cms import sms
from cms.tests.module_data import pages_for_test, shared_pages

from .factories import make_units, online_official


@pytest.fixture(autouse=True)
def _chat_test_settings(settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "cms.layers.InMemoryChannelLayer"}}
    sms.outbox.clear()
    cache.clear()
    yield
    sms.outbox.clear()
    cache.clear()


@pytest.fixture(scope="module")
def _shared_units(module_data, _shared_home):
    return shared_pages(module_data, _shared_home, make_units)


@pytest.fixture
def units(home_page, module_data, _shared_units):
    """The chat's units by slug, made once per module (``cms.tests.module_data``)."""
    return pages_for_test(module_data, _shared_units, make_units, home_page)


@pytest.fixture
def welfare(units):
    return units["welfare-office"]


@pytest.fixture
def it_unit(units):
    return units["it-statistics"]


@pytest.fixture
def official(welfare):
    return online_official(welfare)


@pytest.fixture
def other_official(it_unit):
    """An official of another unit: the fence must keep them out of welfare's chats."""
    return online_official(it_unit)


# A live ASGI server (daphne) for the browser tests: HTTP and WebSockets from one process,
# as `make run` serves them (pytest-django's live_server speaks only WSGI). A forked
# process, as Channels' own ChannelsLiveServerTestCase does, on the browser run's database
# file, so what a test commits is what the server reads.
ASGI_HOST = "localhost"


@pytest.fixture
def asgi_live_server(transactional_db):
    connections.close_all()  # nothing half-open is inherited by the fork
    process = DaphneProcess(
        ASGI_HOST,
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=set_database_connection,
    )
    process.start()
    while not process.ready.wait(timeout=1):
        if not process.is_alive():
            raise RuntimeError("The ASGI test server stopped")
    try:
        yield f"http://{ASGI_HOST}:{process.port.value}"
    finally:
        process.terminate()
        process.join()

import pytest
from django.core.cache import cache

from cms import sms

from .factories import make_units, online_official


@pytest.fixture(autouse=True)
def _chat_test_settings(settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    sms.outbox.clear()
    cache.clear()
    yield
    sms.outbox.clear()
    cache.clear()


@pytest.fixture
def units(home_page):
    return make_units(home_page)


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

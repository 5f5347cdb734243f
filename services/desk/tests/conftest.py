import io
import zipfile

import pytest
from django.core.cache import cache

from cms import sms
from cms.tests.module_data import fresh_pages, page_keys

from .factories import DeskStaffFactory, make_units

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _desk_test_settings(settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    sms.outbox.clear()
    cache.clear()
    yield
    sms.outbox.clear()
    cache.clear()


@pytest.fixture(scope="module")
def _shared_units(module_data, _shared_home):
    from sitepages.models import HomePage

    return module_data.make(lambda: page_keys(make_units(HomePage.objects.get(pk=_shared_home))))


@pytest.fixture
def units(home_page, module_data, _shared_units):
    """The plugin's units by slug, made once per module (``cms.tests.module_data``)."""
    if module_data.is_open and _shared_units is not None:
        return fresh_pages(_shared_units)
    return make_units(home_page)


@pytest.fixture
def service(units):
    from sla.tests.factories import ServiceFactory

    return ServiceFactory(
        code="DORM-09", title="خوابگاه متأهلین", responsible_unit=units["welfare-office"]
    )


@pytest.fixture
def welfare_staff(units):
    return DeskStaffFactory(unit=units["welfare-office"]).user


@pytest.fixture
def welfare_manager(units):
    return DeskStaffFactory(unit=units["welfare-office"], manager=True).user


@pytest.fixture
def it_staff(units):
    return DeskStaffFactory(unit=units["it-statistics"]).user


@pytest.fixture
def inspection_staff(units):
    return DeskStaffFactory(unit=units["inspection-complaints"]).user

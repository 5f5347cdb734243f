import io
import zipfile

import pytest
from django.core.cache import cache

from cms import sms

from .factories import DeskStaffFactory

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

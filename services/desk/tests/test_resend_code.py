"""Staff resend a request's tracking code to its own mobile: POST, fenced, permitted,
noted in the history, rate-limited."""

import pytest
from django.contrib.auth.models import Permission

from cms import sms
from services.desk.enums import MessageKind
from services.desk.models import DeskStaff, RequestMessage

from .factories import ServiceRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/desk/requests"


@pytest.fixture
def welfare_request(units):
    return ServiceRequestFactory(
        unit=units["welfare-office"], mobile="09127654321", tracking_code="123456789012"
    )


def resend(client, service_request):
    return client.post(f"{BASE}/resend-code/{service_request.pk}/", follow=True)


def test_the_units_staff_resend_the_code_to_the_requests_own_mobile(
    client, welfare_staff, welfare_request
):
    client.force_login(welfare_staff)
    page = client.get(f"{BASE}/inspect/{welfare_request.pk}/").content.decode()
    assert f"{BASE}/resend-code/{welfare_request.pk}/" in page
    response = resend(client, welfare_request)
    assert response.status_code == 200
    assert "کد رهگیری به شمارهٔ همراه شهروند فرستاده شد" in response.content.decode()
    assert [message.to for message in sms.outbox] == ["09127654321"]
    assert "۱۲۳۴-۵۶۷۸-۹۰۱۲" in sms.outbox[0].body and "/track/" in sms.outbox[0].body
    note = RequestMessage.objects.get(request=welfare_request)
    assert note.kind == MessageKind.NOTE and note.author == welfare_staff
    history = client.get(f"{BASE}/history/{welfare_request.pk}/").content.decode()
    assert "دوباره" in history


def test_a_get_sends_nothing(client, welfare_staff, welfare_request):
    client.force_login(welfare_staff)
    assert client.get(f"{BASE}/resend-code/{welfare_request.pk}/").status_code == 405
    assert sms.outbox == []


def test_another_units_staff_get_a_404(client, it_staff, welfare_request):
    client.force_login(it_staff)
    assert client.post(f"{BASE}/resend-code/{welfare_request.pk}/").status_code == 404
    assert client.post(f"{BASE}/resend-code/999999/").status_code == 404
    assert sms.outbox == []
    assert not RequestMessage.objects.exists()


def test_a_member_without_the_change_permission_is_refused(client, units, welfare_request):
    viewer = UserFactory()
    DeskStaff.objects.create(user=viewer, unit=units["welfare-office"])
    viewer.groups.clear()  # membership, but only the right to read
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_servicerequest"),
    )
    client.force_login(viewer)
    response = client.post(f"{BASE}/resend-code/{welfare_request.pk}/")
    assert response.status_code in (302, 403)
    assert sms.outbox == []


def test_anonymous_visitors_are_sent_to_the_login(client, welfare_request):
    response = client.post(f"{BASE}/resend-code/{welfare_request.pk}/")
    assert response.status_code == 302 and "/login/" in response.url
    assert sms.outbox == []


def test_resending_is_rate_limited(client, welfare_staff, welfare_request):
    client.force_login(welfare_staff)
    for _ in range(4):
        response = resend(client, welfare_request)
    assert len(sms.outbox) == 3
    assert "چند بار" in response.content.decode()
    assert RequestMessage.objects.filter(request=welfare_request).count() == 3

"""A citizen's request stays out of Wagtail's reference index: the unit page's "usage"
tab neither lists nor counts the requests sent to the unit (a page editor is not the
unit's desk staff), and submitting one writes nothing there."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

from services.desk.models import ServiceRequest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


def test_a_units_usage_shows_none_of_its_requests(client, units):
    unit = units["welfare-office"]
    ServiceRequestFactory(unit=unit, subject="وام ازدواج من هنوز واریز نشده")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.ir", "x")
    client.force_login(editor)

    response = client.get(f"/admin/pages/{unit.pk}/usage/")

    assert response.status_code == 200
    assert "وام ازدواج" not in response.content.decode()
    assert not ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(ServiceRequest)
    ).exists()
    assert ReferenceIndex.get_references_to(unit).count() == 0
